"""The stored form of a session record: checked once, when it is written.

The session store keeps one document per record.  What it writes (``encode``) is the
record's ``to_dict()``, checked completely by ``ccfacil.sessions.validate`` first:

- a record that passes is stored *marked*, ``"_stored": "<FORM>.<CHECKS_VERSION>"``, each
  card as a row, ``[card_id, domain, started_at, seconds, air time, note]``, its air time
  packed into one string, ``"1:12.3 4:60.0"`` (seat:seconds, in seat order), instead of an
  object of numbers.  Reading it back (``decode``) checks nothing again, migrates nothing
  and makes the record directly; each card unpacks its air time when first asked for
  (reports never ask).  Cards were two thirds of the values a JSON parser met in a
  stored session, their air time most of them.
- a record that does not pass (a clock gone wrong, a note too long) is stored as it is,
  unmarked.

A document without this version's mark (written before the mark existed, by another
version, or unmarked as above) is checked completely when read, as anything from outside
is, and is shown as damaged if it fails.  ``upgrade`` gives the marked form of such a
document when it can be read: the store rewrites old documents so once.

Why a marked document need not be checked again: the mark is written only in the same
write as a document that passed the checks of this ``CHECKS_VERSION`` (another version of
the checks: no mark); the snapshot and journal lines that hold it are checksummed, and a
file that fails its checksum is never read as it is (``ccfacil.storage.recovery``).  A marked
document whose shape is not what this version writes (a key missing or added, a card
not a row of six, air time not packed, a value of the wrong kind where one is read) is
checked completely, and shown as damaged if it fails.  What is left is a file rewritten
on purpose, checksums and all: its values are taken as written.  The readers below make exactly what
``SessionRecord.from_dict`` makes (tests/unit/test_docform.py compares them on any record
the checks pass); a document holding a key they do not know (a field added to
``to_dict``) is read by ``from_dict``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ccfacil.sessions.schema import SCHEMA_VERSION, SchemaError
from ccfacil.sessions.session import (
    ActionItem,
    ActionStatus,
    Attendance,
    CardRecord,
    SessionRecord,
    SessionState,
    Tally,
)
from ccfacil.sessions.validate import CHECKS_VERSION, Invalid, check_session

MARK = "_stored"
FORM = 1  # card rows, packed air time: change it (and the readers) if the form changes
STORED = f"{FORM}.{CHECKS_VERSION}"

RECORD_KEYS = frozenset((
    "site", "deck", "lang", "participants", "id", "schema", "facilitator", "planned_start",
    "planned_minutes", "started_at", "ended_at", "cards", "checkin", "checkout", "strategies",
    "themes", "actions", "notes", "state", "seats", "attendance", "origin", "conflict_of",
    "discarded", "rev", "revisions", MARK))
# to_dict writes these only when set
OPTIONAL_KEYS = frozenset(("round_airtime", "resume", "notes_withheld"))
CARD_ROW = ("card_id", "domain", "started_at", "seconds", "airtime", "note")  # stored order
CARD_KEYS = frozenset(CARD_ROW)
ACTION_KEYS = frozenset(("id", "what", "role", "due", "status", "from_session",
                         "carried_from"))

_fromiso = dt.datetime.fromisoformat
_fromisodate = dt.date.fromisoformat
_STATUSES = {status.value: status for status in ActionStatus}
_STATES = {state.value: state for state in SessionState}


def pack_airtime(airtime: dict[str, Any]) -> str:
    """``{"1": 12.3, "4": 60.0}`` as ``"1:12.3 4:60.0"`` (``repr`` gives floats back exactly)."""
    return " ".join(f"{seat}:{seconds!r}" for seat, seconds in airtime.items())


def unpack_airtime(text: str) -> dict[int, float]:
    found = {}
    for pair in text.split():
        seat, _sep, seconds = pair.partition(":")
        found[int(seat)] = float(seconds)
    return found


def encode(record: SessionRecord) -> dict[str, Any]:
    """The document to store for ``record``: marked if it passes the checks."""
    data = record.to_dict()
    try:
        check_session(data)
    except Invalid:
        return data  # stored as it is; checked (and shown as damaged) when read
    if not data["revisions"]:  # from_dict refuses it: stored as it is
        return data
    if any(card.keys() != CARD_KEYS for card in data["cards"]):
        return data  # a card field this form does not know: nothing is dropped
    data["cards"] = [[card["card_id"], card["domain"], card["started_at"], card["seconds"],
                      pack_airtime(card["airtime"]), card["note"]] for card in data["cards"]]
    data[MARK] = STORED
    return data


def decode(doc: dict[str, Any]) -> SessionRecord | str:
    """The stored document as a record, or why it cannot be one (never raises)."""
    if doc.get(MARK) == STORED:
        try:
            return _read_marked(doc)
        except Exception:  # noqa: BLE001 - changed by hand: the complete check says what
            pass
    data = plain(doc)
    try:
        check_session(data)
        return SessionRecord.from_dict(data)
    except (Invalid, SchemaError) as exc:
        return str(exc)


def is_marked(doc: dict[str, Any]) -> bool:
    return doc.get(MARK) == STORED


def upgrade(doc: dict[str, Any]) -> dict[str, Any] | None:
    """The marked form of an unmarked document that can be read; None if it is marked
    already, cannot be read or would not pass the checks as ``to_dict`` writes it."""
    if is_marked(doc):
        return None
    found = decode(doc)
    if isinstance(found, str):
        return None
    new = encode(found)
    return new if is_marked(new) else None


def plain(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as ``to_dict`` made it (a new dict; the stored one is left as it is)."""
    data = dict(doc)
    if data.pop(MARK, None) is not None and isinstance(data.get("cards"), list):
        data["cards"] = [_plain_card(card) for card in data["cards"]]
    return data


def _plain_card(card: Any) -> Any:
    if isinstance(card, list) and len(card) == len(CARD_ROW):
        card = dict(zip(CARD_ROW, card))
    if isinstance(card, dict) and isinstance(card.get("airtime"), str):
        try:
            airtime = {str(seat): seconds
                       for seat, seconds in unpack_airtime(card["airtime"]).items()}
        except ValueError:
            return card  # the check says what is wrong with it
        return {**card, "airtime": airtime}
    return card


# -- reading a marked document: what from_dict makes, without checking again ------------
# Every key is read by name and every card row unpacked whole: a key missing is a
# KeyError, a key more a count that does not match, a row of another length a ValueError,
# all read by the complete check instead.

_RECORD_SIZE = len(RECORD_KEYS)
_ACTION_SIZE = len(ACTION_KEYS)


def _read_marked(data: dict[str, Any]) -> SessionRecord:
    rounds, resume = data.get("round_airtime"), data.get("resume")
    withheld = data.get("notes_withheld")
    if withheld is not None and type(withheld) is not str:
        raise SchemaError("not this version's stored form")
    optional = sum(key in data for key in OPTIONAL_KEYS)  # written only when set
    if data["schema"] != SCHEMA_VERSION or len(data) != _RECORD_SIZE + optional:
        raise SchemaError("not this version's stored form")
    planned, started, ended = data["planned_start"], data["started_at"], data["ended_at"]
    if planned is not None:
        planned = _fromiso(planned)
        if planned.tzinfo is None:
            planned = planned.astimezone()
    if started is not None:
        started = _fromiso(started)
        if started.tzinfo is None:
            started = started.astimezone()
    if ended is not None:
        ended = _fromiso(ended)
        if ended.tzinfo is None:
            ended = ended.astimezone()
    revisions = list(data["revisions"])
    if not revisions:
        raise SchemaError("no revisions")
    seats = data["seats"]
    record = _new(SessionRecord)
    record.__dict__ = {
        "site": data["site"], "deck": data["deck"], "lang": data["lang"],
        "participants": data["participants"], "id": data["id"], "schema": SCHEMA_VERSION,
        "facilitator": data["facilitator"] or "", "planned_start": planned,
        "planned_minutes": data["planned_minutes"], "started_at": started,
        "ended_at": ended, "cards": [_card(card) for card in data["cards"]],
        "checkin": _tally(data["checkin"]), "checkout": _tally(data["checkout"]),
        "strategies": list(data["strategies"]), "themes": list(data["themes"]),
        "actions": [_action(item) for item in data["actions"]],
        "notes": data["notes"] or "", "state": _STATES[data["state"]],
        "seats": data["participants"] if seats is None else seats,
        "attendance": [_attendance(entry) for entry in data["attendance"]],
        "origin": data["origin"], "conflict_of": data["conflict_of"],
        "discarded": list(data["discarded"]), "rev": data["rev"], "revisions": revisions,
        "round_airtime": {str(name): {int(k): float(v) for k, v in seats.items()}
                          for name, seats in rounds.items()} if rounds else {},
        "resume": dict(resume) if isinstance(resume, dict) else None,
        "notes_withheld": withheld or None}
    return record


def _attendance(data: dict[str, Any]) -> Attendance:
    if len(data) != 2:
        raise SchemaError("not this version's stored form")
    at = _fromiso(data["at"])
    return Attendance(at if at.tzinfo else at.astimezone(), data["participants"])


def _card(row: list) -> CardRecord:
    if type(row) is not list:
        raise SchemaError("not this version's stored form")
    card_id, domain, started, seconds, airtime, note = row
    if type(airtime) is not str:
        raise SchemaError("not this version's stored form")
    if started is not None:
        started = _fromiso(started)
        if started.tzinfo is None:
            started = started.astimezone()
    card = _new(CardRecord)
    card.__dict__ = {"card_id": card_id, "domain": domain, "started_at": started,
                     "seconds": float(seconds), "note": note,
                     "_packed_airtime": (unpack_airtime, airtime)}
    return card


def _tally(data: dict[str, int]) -> Tally:
    tally = _new(Tally)
    get = data.get
    tally.__dict__ = {"counts": {1: get("1", 0), 2: get("2", 0), 3: get("3", 0),
                                 4: get("4", 0), 5: get("5", 0)}}
    return tally


def _action(data: dict[str, Any]) -> ActionItem:
    if len(data) != _ACTION_SIZE:
        raise SchemaError("not this version's stored form")
    due = data["due"]
    item = _new(ActionItem)
    item.__dict__ = {"what": data["what"], "role": data["role"],
                     "due": _fromisodate(due) if due else None,
                     "status": _STATUSES[data["status"]], "id": data["id"],
                     "from_session": data["from_session"], "carried_from": data["carried_from"]}
    return item


_new = object.__new__
