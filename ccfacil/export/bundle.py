"""The json export: complete, schema-versioned session records that ``merge`` reads back.

``{"format": "ccfacil-export", "version": 2, "kind": "session" | "report",
"notes_included": bool, "exported_at": ..., "app_version": ..., "sessions": [...]}``,
plus ``"report"`` (the figures) for a period report.  Each session is
``SessionRecord.to_dict()`` (schema 2: with its revision, so that ``merge`` can tell an
edit from a conflict); without ``include_notes`` its free text is left out (``redact``):
card notes and the general note are emptied, custom tags dropped (the shipped ones are
kept), and action items keep their id, due date and status but not their text (what, who).

Version 1 (ccfacil before schema 2) is still read: its sessions migrate from schema 1.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccfacil import __version__
from ccfacil.cards import tags
from ccfacil.i18n import errtext
from ccfacil.i18n.runtime import _
from ccfacil.inputs import InputError, read_capped
from ccfacil.sessions import revisions, validate
from ccfacil.sessions.session import SchemaError, SessionRecord

FORMAT = "ccfacil-export"
VERSION = 2  # 1: sessions of schema 1, still read
KINDS = ("session", "report")
MAX_BYTES = 64 << 20  # an export of ~15,000 sessions; anything bigger is refused


class BundleError(ValueError):
    """A file that is not a json export this version can read (the message says why)."""


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def app_version() -> str:
    return __version__


def redact(record: SessionRecord) -> SessionRecord:
    """The record without its free text (notes, custom tags, the text of action items),
    under the revision of the whole record (it is the same version, seen without it).
    No ``notes_withheld`` mark: the export says that none of its records has its text."""
    revisions.stamp(record)
    cards = [dataclasses.replace(card, note="") for card in record.cards]
    actions = [dataclasses.replace(item, what="", role="") for item in record.actions]
    return dataclasses.replace(record, cards=cards, notes="", actions=actions,
                               notes_withheld=None,
                               strategies=tags.shipped(record.strategies, tags.STRATEGIES),
                               themes=tags.shipped(record.themes, tags.THEMES))


def redact_data(data: dict[str, Any]) -> dict[str, Any]:
    """``redact`` for a record as a dict (a copy; what the export without notes holds)."""
    found = dict(data)
    found.pop("notes_withheld", None)
    found["notes"] = ""
    found["cards"] = [{**card, "note": ""} for card in found.get("cards") or []]
    found["actions"] = [{**item, "what": "", "role": ""} for item in found.get("actions") or []]
    found["strategies"] = tags.shipped(found.get("strategies") or [], tags.STRATEGIES)
    found["themes"] = tags.shipped(found.get("themes") or [], tags.THEMES)
    return found


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


def _constant(name: str):
    raise ValueError(_("%(name)s is not a number JSON allows") % {"name": name})


def _float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(_("%(number)s is too big a number") % {"number": text[:40]})
    return value


def parse(text: str) -> Bundle:
    """Read a json export; ``BundleError`` with a one-line reason if it cannot be.

    Every session is checked completely (``ccfacil.sessions.validate``) before it is turned into
    a record: a file with one bad session is refused as a whole, naming the field.
    """
    try:
        data = json.loads(text, parse_constant=_constant, parse_float=_float)
    except json.JSONDecodeError as exc:
        raise BundleError(errtext.reason(exc)) from exc
    except RecursionError:
        raise BundleError(_("nested too deeply")) from None
    except ValueError as exc:  # NaN, Infinity, an integer of thousands of digits
        raise BundleError(_("not JSON this version reads: %(reason)s") % {
            "reason": str(exc).splitlines()[0][:200]}) from None
    try:
        validate.check_depth(data)
    except validate.Invalid as exc:
        raise BundleError(str(exc)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BundleError(_("not a ccfacil export (no \"format\": \"%(format)s\")")
                          % {"format": FORMAT})
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BundleError(_("bad export version %(version)s") % {
            "version": json.dumps(version)[:40]})
    if version > VERSION:
        raise BundleError(_("written by a newer ccfacil (export version %(version)d; this one "
                            "reads %(supported)d): update ccfacil")
                          % {"version": version, "supported": VERSION})
    notes_included = data.get("notes_included", True)
    if not isinstance(notes_included, bool):
        raise BundleError("notes_included: " + _("must be true or false"))
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        raise BundleError(_("no list of sessions in the export"))
    records = []
    for number, item in enumerate(sessions):
        where = f"sessions[{number}]"
        try:
            validate.check_session(item, where)
            records.append(SessionRecord.from_dict(item))
        except validate.Invalid as exc:
            raise BundleError(str(exc)) from None
        except SchemaError as exc:
            raise BundleError(f"{where}: {exc}") from None
    kind = data.get("kind") if data.get("kind") in KINDS else "session"
    return Bundle(records, notes_included=notes_included, kind=kind)


def load(path: Path) -> Bundle:
    """Read a json export file (UTF-8, with or without a BOM; a regular file, capped)."""
    try:
        raw = read_capped(path, MAX_BYTES)
    except InputError as exc:
        raise BundleError(str(exc)) from None
    except OSError as exc:
        raise BundleError(errtext.reason(exc)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BundleError(_("not UTF-8 text (byte %(offset)d)") % {"offset": exc.start}) from exc
    return parse(text)
