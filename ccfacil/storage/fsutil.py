"""Durable file writes: nothing half-written survives a crash or a power cut.

A whole file written and fsynced, a file replaced atomically, a copy kept by hard link,
a damaged file renamed aside (never overwritten), and the folder fsynced so that new
names survive a power cut.  Data files are opened without following symbolic links, so
that a link planted in the data folder never makes us write somewhere else; the data
folder is private (0700).
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def private_folder(folder: Path) -> None:
    """Create ``folder`` (0700), or take group and others' access to an existing one away.

    A folder that is not ours, or shared on purpose (sticky, as /tmp), is left as it is,
    and so is one we cannot change (read-only): reading it still works.
    """
    try:
        folder.mkdir(mode=0o700, parents=True)
        return
    except OSError:
        if not folder.is_dir():
            raise
    try:
        info = folder.stat()
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if mine and info.st_mode & 0o077 and not info.st_mode & stat.S_ISVTX:
            os.chmod(folder, stat.S_IMODE(info.st_mode) & 0o700)
    except OSError:
        pass


def writable(folder: Path) -> bool:
    """Whether new files can be made in ``folder`` (not a read-only or immutable one)."""
    if hasattr(os, "statvfs"):
        try:
            if os.statvfs(folder).f_flag & os.ST_RDONLY:
                return False
        except OSError:
            pass
    return os.access(folder, os.W_OK)


def open_append(path: Path) -> int:
    """A data file opened for appending (created 0600), never through a symbolic link."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | NOFOLLOW, 0o600)


def write_new(path: Path, data: bytes) -> None:
    """Write a temporary file of ours afresh: whatever had its name (a file left by a
    crash, a link) is removed first, never written through."""
    path.unlink(missing_ok=True)
    _write(path, data, os.O_EXCL)


def write_file(path: Path, data: bytes) -> None:
    _write(path, data, os.O_TRUNC)


def _write(path: Path, data: bytes, flags: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | NOFOLLOW | flags, 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if not written:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


def keep_copy(src: Path, dst: Path) -> None:
    """Make ``dst`` a durable copy of ``src``: a hard link where the file system has them."""
    tmp = dst.with_name(dst.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:
        write_file(tmp, src.read_bytes())
    os.replace(tmp, dst)


def set_aside(path: Path) -> Path:
    """Rename a damaged file ``<name>.corrupt-<time>`` (``-2``, ``-3``... if taken)."""
    base = f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"
    target, number = path.with_name(base), 1
    while os.path.lexists(target):
        number += 1
        target = path.with_name(f"{base}-{number}")
    os.rename(path, target)
    sync_dir(path.parent)
    return target


def sync_dir(folder: Path) -> None:
    """Make renames and new files in ``folder`` durable (POSIX; Windows has no such call)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data``: a crash leaves the old or the new file, never a mix."""
    import tempfile  # not needed at start-up

    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sync_dir(path.parent)
