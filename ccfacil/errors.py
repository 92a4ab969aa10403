"""Errors a user can act on: each one is shown as a single clear line."""

from __future__ import annotations


class CcfacilError(Exception):
    """An expected failure (bad input, missing file); shown as one line, never a traceback."""

    exit_code = 1


class UsageProblem(CcfacilError):
    """A command-line argument that does not make sense."""

    exit_code = 2
