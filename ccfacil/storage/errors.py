"""The errors a data folder can give, and the storage's lazy translation shims.

``StoreError`` (the folder cannot be opened or repaired), ``StoreLocked`` (another window
has it) and ``SaveError`` (a write did not reach the disk) are what every storage layer
raises: the folder lock, the files, the session repository.  ``_`` and ``ngettext`` load
``ccfacil.i18n.runtime`` only when there is something to say: opening the storage must start fast.
"""

from __future__ import annotations

from pathlib import Path

from ccfacil.errors import CcfacilError


def _(message: str) -> str:
    from ccfacil.i18n import runtime as i18n

    return i18n._(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    from ccfacil.i18n import runtime as i18n

    return i18n.ngettext(singular, plural, n)


class StoreError(CcfacilError):
    """The data folder cannot be opened or repaired."""


class StoreLocked(StoreError):
    """Another process (another window) has this data folder open."""


class SaveError(StoreError):
    """A write did not reach the disk; what was saved before is intact."""


def read_only_error(folder: Path) -> StoreError:
    return StoreError(_("data folder %(dir)s is read-only: nothing can be saved") % {
        "dir": folder})


def cannot_open(folder: Path, exc: OSError) -> StoreError:
    return StoreError(_("cannot open data folder %(dir)s: %(reason)s") % {
        "dir": folder, "reason": exc.strerror or exc})
