"""Reading files that come from outside (exports, decks, catalogs, mapping files).

Only regular files are read, and never more than a limit: a FIFO, a device such as
``/dev/zero`` or a folder is refused at once (opening never waits for a FIFO's writer),
and a file bigger than the limit is refused instead of filling the memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ccfacil.errors import CcfacilError
from ccfacil.i18n.translation import _

MiB = 1 << 20


class InputError(CcfacilError):
    """A file that cannot be read as an input; the message names the reason (not the file)."""




def read_capped(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``InputError`` otherwise.

    ``FileNotFoundError`` and other ``OSError`` s of opening are raised as they are (the
    caller words them); everything else becomes ``InputError``.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(_("is a folder, not a file"))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(_("not a regular file (a device, a pipe or a socket)"))
        if info.st_size > limit:
            raise InputError(_("too big (more than %(size)s MiB)") % {"size": limit // MiB})
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise InputError(_("too big (more than %(size)s MiB)") % {"size": limit // MiB})
        return b"".join(chunks)
    finally:
        os.close(fd)
