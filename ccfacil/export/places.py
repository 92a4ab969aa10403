"""Where the app offers to write an export: mounted USB drives first, then our folder."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from pathlib import Path

from ccfacil.sessions.session import SessionRecord

MOUNT_ROOTS = ("/media", "/run/media", "/mnt")


def removable_drives(roots: Sequence[str | Path] = MOUNT_ROOTS) -> list[Path]:
    """Writable mounted drives: ``/media/<user>/<label>``, ``/media/<label>``, ``/mnt/<x>``."""
    found: list[Path] = []
    for root in map(Path, roots):
        try:
            children = sorted(p for p in root.iterdir() if p.is_dir())
        except OSError:
            continue
        for child in children:
            candidates = [child]
            if not os.path.ismount(child):  # /media/<user>/<label>
                try:
                    candidates = sorted(p for p in child.iterdir() if p.is_dir())
                except OSError:
                    continue
            found += [p for p in candidates
                      if os.path.ismount(p) and os.access(p, os.W_OK) and p not in found]
    return found


def export_folders(data_dir: Path, roots: Sequence[str | Path] = MOUNT_ROOTS) -> list[Path]:
    """USB drives first, then ``<data dir>/exports`` (created when first written to)."""
    return [*removable_drives(roots), Path(data_dir) / "exports"]


def make_folder(folder: Path, data_dir: Path) -> None:
    """Create the folder an export goes to; our own (``<data dir>/exports``: notes may go
    there) is private, 0700, even if it was made before."""
    folder = Path(folder)
    if folder == Path(data_dir) / "exports":
        from ccfacil.storage.fsutil import private_folder

        private_folder(folder)
    else:
        folder.mkdir(parents=True, exist_ok=True)


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "site"


def session_file_name(record: SessionRecord, suffix: str) -> str:
    """``suffix``: the format's file ending, with its dot (``.csv``)."""
    day = (record.started_at or dt.datetime.now()).strftime("%Y-%m-%d")
    return f"ccfacil-{_safe(record.site)}-{day}-{record.id[:8]}{suffix}"


def report_file_name(site: str, month: dt.date, suffix: str) -> str:
    return f"ccfacil-report-{_safe(site)}-{month:%Y-%m}{suffix}"
