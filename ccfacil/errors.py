"""Errors a user can act on: each one is shown as a single clear line."""

from __future__ import annotations


class CcfacilError(Exception):
    """An expected failure (bad input, missing file); shown as one line, never a traceback."""

    exit_code = 1


class UsageProblem(CcfacilError):
    """A command-line argument that does not make sense."""

    exit_code = 2


class OutputError(CcfacilError):
    """Standard output (or error) refused what was written (``> /dev/full``, a full disk)."""

    def __init__(self, exc: OSError, err: bool = False):
        from ccfacil.i18n.errtext import reason
        from ccfacil.i18n.translation import _

        self.errno = exc.errno
        message = (_("cannot write to standard error: %(reason)s") if err
                   else _("cannot write to standard output: %(reason)s"))
        super().__init__(message % {"reason": reason(exc)})  # in words, not the C library's
