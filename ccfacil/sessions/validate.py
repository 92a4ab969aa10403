"""Complete checks of a session record as a dict, before it is trusted.

Every record that comes from outside (a json export being merged) and every stored
document being read goes through ``check_session`` first: types, ranges and lengths of
every field of schema 1, and of the schema-2 fields (``state``, ``seats``,
``attendance``, ``rev``, ``revisions``, ``discarded``, ``origin``, ``conflict_of``, an action's
``carried_from``) when they are present.  A record that passes can be turned into a
``SessionRecord`` and shown, exported, reported and deleted without any surprise
(no ``OverflowError`` from a year 9999, no ``nan`` in a sum, no lone surrogate that
cannot be written back).

A problem is raised as ``Invalid``: one line naming the field's path, such as
``sessions[2].started_at: year 9999 is out of range (1970 to 2100)``.  Unknown fields
are left alone (a later schema may add some); ``check_depth`` bounds the nesting of a
whole document.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ccfacil.i18n.translation import _

# The version of these checks.  Stored sessions that passed them are marked with it and
# not checked again when read (``ccfacil.storage.docform``): change it whenever a check changes,
# so that what was stored before is checked again.
CHECKS_VERSION = 2  # 2: the running position (resume) and the rounds' air time checked

# Limits: generous for what a session can hold, small enough that nothing overflows.
YEARS = (1970, 2100)  # a Raspberry Pi without a clock battery may start at 1970
MAX_OFFSET = dt.timedelta(hours=14)  # UTC-12 to UTC+14 exist; nothing beyond
MAX_SECONDS = 24 * 3600  # a card's time, a seat's air time
MAX_PEOPLE = 100  # participants, seats, a mood count
MAX_MINUTES = 24 * 60  # planned length
MAX_ID = 64
MAX_CODE = 64  # site, deck and domain codes
MAX_SHORT = 200  # the facilitator code (settings.json allows as much)
MAX_LANG = 64
MAX_TAG = 100
MAX_TEXT = 2_000  # an action item's what, role
MAX_NOTE = 1_000_000  # a free-text note (a long paste still fits)
MAX_CARDS = 5_000  # never more than the cards of a deck
MAX_TAGS = 200
MAX_ACTIONS = 500
MAX_SEATS_TIMED = 100
MAX_ATTENDANCE = 1_000
MAX_REVISIONS = 100_000
MAX_DEPTH = 32
STATES = ("in_progress", "held", "not_held")
STATUSES = ("open", "done", "carried", "dropped")
_HEX32 = re.compile(r"[0-9a-f]{32}")
_REV = re.compile(r"([1-9][0-9]{0,8})-([0-9a-f]{32})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Invalid(ValueError):
    """A field that does not hold what it must; ``str()`` is ``<path>: <reason>``."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}" if where else reason)
        self.where = where
        self.reason = reason


def _join(where: str, key: str | int | None) -> str:
    if key is None:
        return where
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _fail(where: str, key: str | int | None, reason: str) -> Invalid:
    """The error for ``where`` + ``key`` (paths are only built when something is wrong)."""
    return Invalid(_join(where, key), reason)


# -- values ---------------------------------------------------------------------------
# Each check takes the value, the path of its parent and its key there.

def _text(value: Any, where: str, key, limit: int, empty: bool = True,
          nullable: bool = False) -> None:
    if type(value) is str and (value or empty) and len(value) <= limit and value.isascii():
        return  # the common case, checked quickly
    if value is None and nullable:
        return
    if not isinstance(value, str):
        raise _fail(where, key, _("must be text, not %(kind)s") % {"kind": _kind(value)})
    if len(value) > limit:
        raise _fail(where, key, _("longer than %(max)d characters") % {"max": limit})
    if not empty and not value:
        raise _fail(where, key, _("must not be empty"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _fail(where, key, _("holds a lone surrogate (not valid Unicode)")) from None


def _identifier(value: Any, where: str, key, nullable: bool = False) -> None:
    if value is None and nullable:
        return
    _text(value, where, key, MAX_ID, empty=False)
    if value != value.strip():
        raise _fail(where, key, _("has spaces around it"))
    if _CONTROL.search(value):
        raise _fail(where, key, _("holds control characters"))


def usable_id(value: Any) -> bool:
    """Can ``value`` be a session's id (and be typed on a command line)?"""
    try:
        _identifier(value, "", "id")
    except Invalid:
        return False
    return True


def _integer(value: Any, where: str, key, low: int, high: int, nullable: bool = False) -> None:
    if type(value) is int and low <= value <= high:
        return
    if value is None and nullable:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, key,
                    _("must be a whole number, not %(kind)s") % {"kind": _kind(value)})
    raise _fail(where, key, _("must be from %(min)s to %(max)s") % {"min": low, "max": high})


def _number(value: Any, where: str, key, high: float) -> None:
    kind = type(value)
    if (kind is float or kind is int) and 0 <= value <= high:
        return  # (nan fails the comparison)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, key, _("must be a number, not %(kind)s") % {"kind": _kind(value)})
    if isinstance(value, float) and not math.isfinite(value):
        raise _fail(where, key, _("must be a finite number"))
    raise _fail(where, key, _("must be from %(min)s to %(max)s") % {"min": 0, "max": high})


def _time(value: Any, where: str, key) -> None:
    """``None``, or an ISO 8601 date and time within ``YEARS`` and ±14 h of UTC."""
    if value is None:
        return
    _text(value, where, key, 40)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _fail(where, key, _("not a date and time such as 2026-03-05T09:00:00+00:00")
                    ) from None
    _year(parsed.year, where, key)
    offset = parsed.utcoffset()
    if offset is not None and not -MAX_OFFSET <= offset <= MAX_OFFSET:
        raise _fail(where, key, _("UTC offset beyond 14 hours"))


def _date(value: Any, where: str, key) -> None:
    if value is None:
        return
    _text(value, where, key, 10)
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(where, key, _("not a date such as 2026-04-30")) from None
    _year(parsed.year, where, key)


def _year(year: int, where: str, key) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise _fail(where, key, _("year %(year)d is out of range (%(min)d to %(max)d)")
                    % {"year": year, "min": YEARS[0], "max": YEARS[1]})


def _object(value: Any, where: str, key, nullable: bool = False) -> bool:
    """Is ``value`` a JSON object (``None`` allowed if ``nullable``)?  Raises otherwise."""
    if type(value) is dict:
        return True
    if value is None and nullable:
        return False
    if not isinstance(value, dict):
        raise _fail(where, key,
                    _("must be an object, not %(kind)s") % {"kind": _kind(value)})
    return True


def _list(value: Any, where: str, key, limit: int, nullable: bool = True) -> list:
    if value is None and nullable:
        return []
    if not isinstance(value, list):
        raise _fail(where, key, _("must be a list, not %(kind)s") % {"kind": _kind(value)})
    if len(value) > limit:
        raise _fail(where, key, _("more than %(max)d items") % {"max": limit})
    return value


def _one_of(value: Any, where: str, key, allowed: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise _fail(where, key,
                    _("must be one of: %(values)s") % {"values": ", ".join(allowed)})


def _shown(key: str) -> str:
    """A key that is not what it must be, as it can be shown on one line."""
    return key[:10].encode("unicode_escape").decode("ascii")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return type(value).__name__


# -- the record -------------------------------------------------------------------------

_MISSING = object()


def _required(data: dict, key: str, where: str) -> Any:
    value = data.get(key, _MISSING)
    if value is _MISSING:
        raise _fail(where, key, _("missing"))
    return value


def _tally(value: Any, where: str, key) -> None:
    if not _object(value, where, key, nullable=True):
        return
    here = _join(where, key)
    for mood, count in value.items():
        if mood not in ("1", "2", "3", "4", "5"):
            raise _fail(here, None, _("mood %(key)s is not 1 to 5") % {"key": _shown(mood)})
        _integer(count, here, mood, 0, MAX_PEOPLE)


def _card(card: Any, where: str, index: int) -> None:
    _object(card, where, index)
    get = card.get
    here = None  # the card's own path, built when first needed
    value = get("card_id", _MISSING)
    if value is _MISSING:
        raise _fail(_join(where, index), "card_id", _("missing"))
    path = f"{where}[{index}]"
    _text(value, path, "card_id", MAX_CODE, empty=False)
    if (value := get("domain", _MISSING)) is not _MISSING:
        _text(value, path, "domain", MAX_CODE)
    if (value := get("started_at")) is not None:
        _time(value, path, "started_at")
    if (value := get("seconds", _MISSING)) is not _MISSING:
        _number(value, path, "seconds", MAX_SECONDS)
    airtime = get("airtime")
    if _object(airtime, path, "airtime", nullable=True):
        if len(airtime) > MAX_SEATS_TIMED:
            raise _fail(path, "airtime",
                        _("more than %(max)d items") % {"max": MAX_SEATS_TIMED})
        for seat, seconds in airtime.items():
            if not (seat.isascii() and seat.isdigit() and 1 <= int(seat[:4]) <= MAX_PEOPLE):
                here = here or _join(path, "airtime")
                raise _fail(here, None, _("seat %(seat)s is not a number from 1 to %(max)d")
                            % {"seat": _shown(seat), "max": MAX_PEOPLE})
            if not (type(seconds) is float and 0 <= seconds <= MAX_SECONDS):
                _number(seconds, _join(path, "airtime"), seat, MAX_SECONDS)
    if (value := get("note", _MISSING)) is not _MISSING:
        _text(value, path, "note", MAX_NOTE)


def _action(item: Any, where: str, index: int) -> None:
    _object(item, where, index)
    path = f"{where}[{index}]"
    _identifier(_required(item, "id", path), path, "id")
    _text(_required(item, "what", path), path, "what", MAX_TEXT)
    get = item.get
    if (value := get("role", _MISSING)) is not _MISSING:
        _text(value, path, "role", MAX_TEXT)
    if (value := get("due")) is not None:
        _date(value, path, "due")
    if (value := get("status", _MISSING)) is not _MISSING:
        _one_of(value, path, "status", STATUSES)
    for key in ("from_session", "carried_from"):
        if (value := get(key)) is not None:
            _identifier(value, path, key)


def _attendance(entry: Any, where: str, index: int) -> None:
    _object(entry, where, index)
    path = f"{where}[{index}]"
    _time(_required(entry, "at", path), path, "at")
    _integer(_required(entry, "participants", path), path, "participants", 1, MAX_PEOPLE)


def _revisions(data: dict, where: str) -> None:
    rev = data.get("rev", _MISSING)
    number = None
    if rev is not _MISSING:
        _text(rev, where, "rev", 50)
        match = _REV.fullmatch(rev)
        if not match:
            raise _fail(where, "rev", _("not a revision such as 3-<32 hex digits>"))
        number = int(match.group(1))
    if "revisions" in data:
        found = _list(data["revisions"], where, "revisions", MAX_REVISIONS, nullable=False)
        here = _join(where, "revisions")
        for index, value in enumerate(found):
            if not isinstance(value, str) or not _HEX32.fullmatch(value):
                raise _fail(here, index, _("not 32 lower-case hex digits"))
        if number is not None:
            if len(found) > number:
                raise _fail(here, None, _("more revisions than the number in rev"))
            if found and found[0] != rev.partition("-")[2]:
                raise _fail(here, None, _("does not start with the revision in rev"))
    if "discarded" in data:  # revisions a resolution discarded (N-hash each)
        found = _list(data["discarded"], where, "discarded", MAX_REVISIONS, nullable=False)
        here = _join(where, "discarded")
        for index, value in enumerate(found):
            if not isinstance(value, str) or not _REV.fullmatch(value):
                raise _fail(here, index, _("not a revision such as 3-<32 hex digits>"))


def check_session(data: Any, where: str = "", *, newest: int | None = None) -> None:
    """Raise ``Invalid`` unless ``data`` is a session record this version can use.

    ``newest`` is the newest schema this version reads (default: ``SCHEMA_VERSION``).
    """
    if newest is None:
        from ccfacil.sessions.session import SCHEMA_VERSION as newest
    _object(data, where, None)
    get = data.get
    schema = get("schema", 1)
    _integer(schema, where, "schema", 1, 10**6)
    if schema > newest:
        raise _fail(where, "schema", _(
            "written by a newer ccfacil (schema %(version)d; this one reads %(supported)d): "
            "update ccfacil") % {"version": schema, "supported": newest})
    _identifier(_required(data, "id", where), where, "id")
    _text(_required(data, "site", where), where, "site", MAX_CODE)
    _text(_required(data, "deck", where), where, "deck", MAX_CODE, empty=False)
    _text(_required(data, "lang", where), where, "lang", MAX_LANG, empty=False)
    _integer(_required(data, "participants", where), where, "participants", 1, MAX_PEOPLE)
    _text(get("facilitator"), where, "facilitator", MAX_SHORT, nullable=True)
    for key in ("planned_start", "started_at", "ended_at"):
        if (value := get(key)) is not None:
            _time(value, where, key)
    if (value := get("planned_minutes", _MISSING)) is not _MISSING:
        _integer(value, where, "planned_minutes", 1, MAX_MINUTES)
    cards = _list(get("cards"), where, "cards", MAX_CARDS)
    if cards:
        here = _join(where, "cards")
        for index, card in enumerate(cards):
            _card(card, here, index)
    _tally(get("checkin"), where, "checkin")
    _tally(get("checkout"), where, "checkout")
    for key in ("strategies", "themes"):
        found = _list(get(key), where, key, MAX_TAGS)
        for index, tag in enumerate(found):
            _text(tag, _join(where, key), index, MAX_TAG, empty=False)
    actions = _list(get("actions"), where, "actions", MAX_ACTIONS)
    if actions:
        here = _join(where, "actions")
        for index, item in enumerate(actions):
            _action(item, here, index)
    _text(get("notes"), where, "notes", MAX_NOTE, nullable=True)
    # Schema 2 (checked whenever present).
    if (value := get("state", _MISSING)) is not _MISSING:
        _one_of(value, where, "state", STATES)
    if (value := get("seats", _MISSING)) is not _MISSING:
        _integer(value, where, "seats", 1, MAX_PEOPLE)
    if "attendance" in data:
        entries = _list(data["attendance"], where, "attendance", MAX_ATTENDANCE, nullable=False)
        here = _join(where, "attendance")
        for index, entry in enumerate(entries):
            _attendance(entry, here, index)
    if "rev" in data or "revisions" in data or "discarded" in data:
        _revisions(data, where)
    if "origin" in data:
        origin = data["origin"]
        if not isinstance(origin, str) or not _HEX32.fullmatch(origin):
            raise _fail(where, "origin", _("not 32 lower-case hex digits"))
    if (value := get("conflict_of")) is not None:
        _identifier(value, where, "conflict_of")
    if (value := get("round_airtime")) is not None:
        _round_airtime(value, where)
    if (value := get("resume")) is not None:
        _resume(value, where)


ROUNDS = ("opening", "closing")
MAX_RESUME_BYTES = 64 * 1024


def _round_airtime(value: Any, where: str) -> None:
    """``{"opening": {seat: seconds}, "closing": {...}}``: the rounds' air time by seat."""
    _object(value, where, "round_airtime")
    here = _join(where, "round_airtime")
    for name, seats in value.items():
        if name not in ROUNDS:
            raise _fail(here, None, _("%(name)s is not opening or closing")
                        % {"name": _shown(name)})
        _object(seats, here, name)
        if len(seats) > MAX_SEATS_TIMED:
            raise _fail(here, name, _("more than %(max)d items") % {"max": MAX_SEATS_TIMED})
        for seat, seconds in seats.items():
            if not (seat.isascii() and seat.isdigit() and 1 <= int(seat[:4]) <= MAX_PEOPLE):
                raise _fail(_join(here, name), None,
                            _("seat %(seat)s is not a number from 1 to %(max)d")
                            % {"seat": _shown(seat), "max": MAX_PEOPLE})
            _number(seconds, _join(here, name), seat, MAX_SECONDS)


def _resume(value: Any, where: str) -> None:
    """The running position (``ccfacil.sessions.resume`` checks its meaning when it is used):
    an object of bounded size."""
    import json

    _object(value, where, "resume")
    try:
        size = len(json.dumps(value, ensure_ascii=False, allow_nan=False))
    except (TypeError, ValueError):
        raise _fail(where, "resume", _("not a saved position")) from None
    if size > MAX_RESUME_BYTES:
        raise _fail(where, "resume", _("more than %(max)d characters")
                    % {"max": MAX_RESUME_BYTES})


def check_depth(data: Any, where: str = "", limit: int = MAX_DEPTH) -> None:
    """Raise ``Invalid`` if lists and objects are nested more than ``limit`` deep."""
    stack = [(data, 0)] if type(data) in (dict, list) else []
    pop, push = stack.pop, stack.append
    while stack:
        item, depth = pop()
        if depth > limit:
            raise Invalid(where, _("nested more than %(max)d levels deep") % {"max": limit})
        depth += 1
        for value in (item.values() if type(item) is dict else item):
            kind = type(value)
            if kind is dict or kind is list:
                push((value, depth))
