"""Where an export goes: standard output, or a file replaced atomically.

Standard output gets text made safe for a terminal (``ccfacil.safetext``): control
characters from a merged site name or note cannot retitle or clear the reader's window.
A file keeps the content as it is, but only a regular file (or a new name) is ever
replaced: never a device such as ``/dev/sda``, a FIFO, a folder, or what a symbolic link
points to.  An export holding free text (``private``) is written 0600, and a file that
was more private than the new one keeps its mode.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from ccfacil.errors import CcfacilError, OutputError
from ccfacil.i18n import errtext
from ccfacil.i18n.runtime import _
from ccfacil.safetext import for_terminal, json_for_terminal
from ccfacil.storage.fsutil import atomic_write

STDOUT = "-"
JSON_FORMATS = ("json", "dhis2-json")
PUBLIC_MODE, PRIVATE_MODE = 0o644, 0o600


def out_problem(out_path: str | Path) -> str | None:
    """Why ``out_path`` must not be written to, or None (a regular file or a new name)."""
    if str(out_path) == "":
        return _("empty file name (give a file name, or - for standard output)")
    try:
        info = os.lstat(out_path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return errtext.reason(exc)
    if stat.S_ISLNK(info.st_mode):
        return _("is a symbolic link: give the file itself")
    if stat.S_ISDIR(info.st_mode):
        return _("is a folder")
    if not stat.S_ISREG(info.st_mode):
        return _("is not a regular file (a device, a pipe or a socket): not replaced")
    return None


def _stdout(raw: bytes, fmt: str | None) -> None:
    text = raw.decode("utf-8")
    text = json_for_terminal(text) if fmt in JSON_FORMATS else for_terminal(text)
    try:
        stream = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
        if stream is None:  # a text-only stream (e.g. some test harnesses)
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            stream.write(text.encode("utf-8"))
            stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc) from None


def write_output(data: str | bytes, out_path: str | Path | None, *, fmt: str | None = None,
                 private: bool = False) -> Path | None:
    """Write ``data`` to ``out_path`` (``None`` or ``-``: standard output).

    A file is written next to its final name, synced, then ``os.replace``-d over it, so a
    reader (or a power cut) never sees half an export.  ``fmt`` says whether standard
    output gets JSON or text; ``private`` (free-text notes inside) makes the file 0600.
    Returns the file's path, or ``None`` for standard output.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if out_path is None or str(out_path) == STDOUT:
        _stdout(raw, fmt)
        return None
    problem = out_problem(out_path)
    if problem is not None:
        raise CcfacilError(f"{out_path}: {problem}")
    path = Path(out_path)
    mode = PRIVATE_MODE if private else PUBLIC_MODE
    try:
        # Never less private than it was (but always readable by its owner).
        mode = (mode & stat.S_IMODE(os.lstat(path).st_mode)) | PRIVATE_MODE
    except OSError:
        pass
    try:
        atomic_write(path, raw, mode=mode)
    except OSError as exc:
        raise CcfacilError(_("cannot write %(path)s: %(reason)s") % {
            "path": path, "reason": errtext.reason(exc)}) from exc
    return path
