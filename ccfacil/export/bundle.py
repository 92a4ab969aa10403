"""The json export: complete, schema-versioned session records that ``merge`` reads back.

``{"format": "ccfacil-export", "version": 1, "kind": "session" | "report",
"notes_included": bool, "exported_at": ..., "app_version": ..., "sessions": [...]}``,
plus ``"report"`` (the figures) for a period report.  Each session is
``SessionRecord.to_dict()``; without ``include_notes`` its free-text notes (card notes and
the general note) are emptied.  Action items keep their text: it is needed for follow-up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccfacil import errtext
from ccfacil import __version__
from ccfacil.i18n import _
from ccfacil.session import SchemaError, SessionRecord

FORMAT = "ccfacil-export"
VERSION = 1
KINDS = ("session", "report")


class BundleError(ValueError):
    """A file that is not a json export this version can read (the message says why)."""


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def app_version() -> str:
    return __version__


def redact(record: SessionRecord) -> SessionRecord:
    """The record without its free-text notes (card notes and the general note)."""
    cards = [dataclasses.replace(card, note="") for card in record.cards]
    return dataclasses.replace(record, cards=cards, notes="")


def envelope(records: Iterable[SessionRecord], *, kind: str = "session",
             include_notes: bool = False, report: dict | None = None) -> dict[str, Any]:
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}")
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "notes_included": include_notes,
        "exported_at": now().isoformat(timespec="seconds"),
        "app_version": app_version(),
    }
    if report is not None:
        data["report"] = report
    data["sessions"] = [(r if include_notes else redact(r)).to_dict() for r in records]
    return data


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@dataclass
class Bundle:
    """What a json export holds: its sessions, and whether their notes were exported."""

    records: list[SessionRecord]
    notes_included: bool
    kind: str = "session"


def parse(text: str) -> Bundle:
    """Read a json export; ``BundleError`` with a one-line reason if it cannot be."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BundleError(errtext.reason(exc)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BundleError(_("not a ccfacil export (no \"format\": \"%(format)s\")")
                          % {"format": FORMAT})
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BundleError(_("bad export version %(version)s") % {"version": json.dumps(version)})
    if version > VERSION:
        raise BundleError(_("written by a newer ccfacil (export version %(version)d; this one "
                            "reads %(supported)d): update ccfacil")
                          % {"version": version, "supported": VERSION})
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        raise BundleError(_("no list of sessions in the export"))
    records = []
    for number, item in enumerate(sessions, 1):
        try:
            records.append(SessionRecord.from_dict(item))
        except SchemaError as exc:
            raise BundleError(_("session %(num)d: %(reason)s") % {"num": number, "reason": exc}
                              ) from exc
    kind = data.get("kind") if data.get("kind") in KINDS else "session"
    return Bundle(records, notes_included=data.get("notes_included") is not False, kind=kind)


def load(path: Path) -> Bundle:
    """Read a json export file (UTF-8, with or without a BOM)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise BundleError(errtext.reason(exc)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BundleError(_("not UTF-8 text (byte %(offset)d)") % {"offset": exc.start}) from exc
    return parse(text)
