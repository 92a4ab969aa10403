"""Where an export goes: standard output, or a file replaced atomically."""

from __future__ import annotations

import sys
from pathlib import Path

from ccfacil import errtext
from ccfacil.errors import CcfacilError
from ccfacil.fsutil import atomic_write
from ccfacil.i18n import _

STDOUT = "-"


def write_output(data: str | bytes, out_path: str | Path | None) -> Path | None:
    """Write ``data`` to ``out_path`` (``None`` or ``-``: standard output).

    A file is written next to its final name, synced, then ``os.replace``-d over it, so a
    reader (or a power cut) never sees half an export.  Returns the file's path, or
    ``None`` for standard output.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if out_path is None or str(out_path) == STDOUT:
        stream = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
        if stream is None:  # a text-only stream (e.g. some test harnesses)
            sys.stdout.write(raw.decode("utf-8"))
        else:
            sys.stdout.flush()
            stream.write(raw)
            stream.flush()
        return None
    path = Path(out_path)
    try:
        atomic_write(path, raw, mode=0o644)
    except OSError as exc:
        raise CcfacilError(_("cannot write %(path)s: %(reason)s") % {
            "path": path, "reason": errtext.reason(exc)}) from exc
    return path
