"""The data folder's file-system mechanics: one writer at a time, and durable file writes.

One writer: an OS lock on ``<data>/ccfacil.lock`` held while a store is open: ``flock``
(``msvcrt.locking`` on Windows), taken without waiting, so a second window gets a clear
error at once instead of hanging.  The kernel drops the lock when the process ends, even
after a kill: there is never a stale lock to clean up.  The lock file is never written to.

The errors it gives are in ``ccfacil.storage.errors``; the durable-write helpers live in
``ccfacil.storage.fsutil``.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ccfacil.storage.errors import StoreLocked, _, cannot_open, read_only_error

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

LOCK_NAME = "ccfacil.lock"


def lock_for_writing(folder: Path) -> DataLock:
    """The folder's lock (the folder made if missing), for a command that will save:
    ``StoreLocked`` if another window has it, ``StoreError`` if nothing can be saved."""
    from ccfacil.storage import fsutil

    try:
        fsutil.private_folder(folder)
        lock = DataLock(folder)
    except OSError as exc:
        raise cannot_open(folder, exc) from exc
    if lock.read_only or not fsutil.writable(folder):
        lock.release()
        raise read_only_error(folder)
    return lock


class DataLock:
    """Exclusive, non-blocking lock on one data folder; raises ``StoreLocked`` if taken.

    ``read_only``: the folder cannot be written (read-only or immutable file system, no
    permission).  There the lock is taken on the lock file opened for reading, or not at
    all if there is none: nobody can change such a folder anyway.
    """

    def __init__(self, folder: Path):
        self.path = folder / LOCK_NAME
        self.read_only = False
        self._fd: int | None = None
        fd = self._open()
        if fd is None:
            return
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
                raise StoreLocked(
                    _("data folder %(dir)s is already open in another window") % {"dir": folder}
                ) from None
            raise
        self._fd = fd

    def _open(self) -> int | None:
        nofollow = getattr(os, "O_NOFOLLOW", 0)
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | nofollow, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # a symbolic link: moved away, never followed
                from ccfacil.storage.fsutil import set_aside

                set_aside(self.path)  # renames the link itself
                return os.open(self.path, os.O_RDWR | os.O_CREAT | nofollow, 0o600)
            if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise
        self.read_only = True
        try:  # flock works on a file opened for reading
            return os.open(self.path, os.O_RDONLY | nofollow)
        except (FileNotFoundError, IsADirectoryError):
            return None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return None
            raise

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the descriptor releases the lock


class BusyFolder:
    """What a reader holds instead of the lock when another window has the folder open:
    nothing.  The files are read as the writer leaves them (``JournalStorage`` reads a
    consistent state and never writes); the writer stays the only one that changes them."""

    read_only = True
    held = False
    busy = True

    def __init__(self, folder: Path):
        self.path = folder / LOCK_NAME

    def release(self) -> None:
        pass


def lock_for_reading(folder: Path) -> DataLock | BusyFolder:
    """The folder's lock for a command that only reads; if another window has the folder
    open, no lock: the command reads what that window has saved (``BusyFolder``)."""
    from ccfacil.storage import fsutil

    fsutil.private_folder(folder)  # made if missing, as a writer would
    try:
        return DataLock(folder)
    except StoreLocked:
        return BusyFolder(folder)


def _lock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows only
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
