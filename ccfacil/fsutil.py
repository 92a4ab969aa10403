"""Durable file writes: nothing half-written survives a crash or a power cut.

A whole file written and fsynced, a file replaced atomically, a copy kept by hard link,
a damaged file renamed aside (never overwritten), and the folder fsynced so that new
names survive a power cut.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
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
    while target.exists():
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
