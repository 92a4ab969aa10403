"""Complete checks of a session record as a dict, before it is trusted.

Every record that comes from outside (a json export being merged) and every stored
document being read goes through ``check_session`` first: types, ranges and lengths of
every field of schema 1, and of the schema-2 fields (``state``, ``seats``,
``attendance``, ``rev``, ``revisions``, ``origin``, ``conflict_of``, an action's
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
from collections.abc import Callable
from typing import Any

from ccfacil.i18n import _

# Limits: generous for what a session can hold, small enough that nothing overflows.
YEARS = (1970, 2100)  # a Raspberry Pi without a clock battery may start at 1970
MAX_OFFSET = dt.timedelta(hours=14)  # UTC-12 to UTC+14 exist; nothing beyond
MAX_SECONDS = 24 * 3600  # a card's time, a seat's air time
MAX_PEOPLE = 100  # participants, seats, a mood count
MAX_MINUTES = 24 * 60  # planned length
MAX_ID = 64
MAX_CODE = 64  # site, facilitator, deck and domain codes
MAX_LANG = 35
MAX_TAG = 100
MAX_TEXT = 2_000  # an action item's what, role
MAX_NOTE = 100_000  # a free-text note
MAX_CARDS = 1_000
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


def _join(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


# -- values ---------------------------------------------------------------------------

def _text(value: Any, where: str, limit: int, *, empty: bool = True,
          nullable: bool = False) -> None:
    if value is None and nullable:
        return
    if not isinstance(value, str):
        raise Invalid(where, _("must be text, not %(kind)s") % {"kind": _kind(value)})
    if len(value) > limit:
        raise Invalid(where, _("longer than %(max)d characters") % {"max": limit})
    if not empty and not value:
        raise Invalid(where, _("must not be empty"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Invalid(where, _("holds a lone surrogate (not valid Unicode)")) from None


def _identifier(value: Any, where: str, *, nullable: bool = False) -> None:
    if value is None and nullable:
        return
    _text(value, where, MAX_ID, empty=False)
    if value != value.strip():
        raise Invalid(where, _("has spaces around it"))
    if _CONTROL.search(value):
        raise Invalid(where, _("holds control characters"))


def usable_id(value: Any) -> bool:
    """Can ``value`` be a session's id (and be typed on a command line)?"""
    try:
        _identifier(value, "id")
    except Invalid:
        return False
    return True


def _integer(value: Any, where: str, low: int, high: int, *, nullable: bool = False) -> None:
    if value is None and nullable:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(where, _("must be a whole number, not %(kind)s") % {"kind": _kind(value)})
    if not low <= value <= high:
        raise Invalid(where, _("must be from %(min)s to %(max)s") % {"min": low, "max": high})


def _number(value: Any, where: str, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(where, _("must be a number, not %(kind)s") % {"kind": _kind(value)})
    if isinstance(value, float) and not math.isfinite(value):
        raise Invalid(where, _("must be a finite number"))
    if not 0 <= value <= high:
        raise Invalid(where, _("must be from %(min)s to %(max)s") % {"min": 0, "max": high})


def _time(value: Any, where: str) -> None:
    """``None``, or an ISO 8601 date and time within ``YEARS`` and ±14 h of UTC."""
    if value is None:
        return
    _text(value, where, 40)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(where, _("not a date and time such as 2026-03-05T09:00:00+00:00")
                      ) from None
    _year(parsed.year, where)
    offset = parsed.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise Invalid(where, _("UTC offset beyond 14 hours"))


def _date(value: Any, where: str) -> None:
    if value is None:
        return
    _text(value, where, 10)
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid(where, _("not a date such as 2026-04-30")) from None
    _year(parsed.year, where)


def _year(year: int, where: str) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise Invalid(where, _("year %(year)d is out of range (%(min)d to %(max)d)")
                      % {"year": year, "min": YEARS[0], "max": YEARS[1]})


def _object(value: Any, where: str, *, nullable: bool = False) -> bool:
    """Is ``value`` a JSON object (``None`` allowed if ``nullable``)?  Raises otherwise."""
    if value is None and nullable:
        return False
    if not isinstance(value, dict):
        raise Invalid(where, _("must be an object, not %(kind)s") % {"kind": _kind(value)})
    return True


def _list(value: Any, where: str, limit: int, *, nullable: bool = True) -> list:
    if value is None and nullable:
        return []
    if not isinstance(value, list):
        raise Invalid(where, _("must be a list, not %(kind)s") % {"kind": _kind(value)})
    if len(value) > limit:
        raise Invalid(where, _("more than %(max)d items") % {"max": limit})
    return value


def _one_of(value: Any, where: str, allowed: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise Invalid(where, _("must be one of: %(values)s") % {"values": ", ".join(allowed)})


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

def _optional(data: dict, key: str, where: str, check: Callable[[Any, str], None]) -> None:
    if key in data:
        check(data[key], _join(where, key))


def _required(data: dict, key: str, where: str) -> Any:
    if key not in data:
        raise Invalid(_join(where, key), _("missing"))
    return data[key]


def _tally(value: Any, where: str) -> None:
    if not _object(value, where, nullable=True):
        return
    for key, count in value.items():
        if key not in ("1", "2", "3", "4", "5"):
            raise Invalid(where, _("mood %(key)s is not 1 to 5") % {"key": key[:10]})
        _integer(count, _join(where, key), 0, MAX_PEOPLE)


def _card(card: Any, where: str) -> None:
    _object(card, where)
    _text(_required(card, "card_id", where), _join(where, "card_id"), MAX_CODE, empty=False)
    _optional(card, "domain", where, lambda v, w: _text(v, w, MAX_CODE))
    _optional(card, "started_at", where, _time)
    _optional(card, "seconds", where, lambda v, w: _number(v, w, MAX_SECONDS))
    airtime = card.get("airtime")
    here = _join(where, "airtime")
    if _object(airtime, here, nullable=True):
        if len(airtime) > MAX_SEATS_TIMED:
            raise Invalid(here, _("more than %(max)d items") % {"max": MAX_SEATS_TIMED})
        for seat, seconds in airtime.items():
            if not (seat.isascii() and seat.isdigit() and 1 <= int(seat[:4]) <= MAX_PEOPLE):
                raise Invalid(here, _("seat %(seat)s is not a number from 1 to %(max)d")
                              % {"seat": seat[:10], "max": MAX_PEOPLE})
            _number(seconds, _join(here, seat), MAX_SECONDS)
    _optional(card, "note", where, lambda v, w: _text(v, w, MAX_NOTE))


def _action(item: Any, where: str) -> None:
    _object(item, where)
    _identifier(_required(item, "id", where), _join(where, "id"))
    _text(_required(item, "what", where), _join(where, "what"), MAX_TEXT)
    _optional(item, "role", where, lambda v, w: _text(v, w, MAX_TEXT))
    _optional(item, "due", where, _date)
    _optional(item, "status", where, lambda v, w: _one_of(v, w, STATUSES))
    _optional(item, "from_session", where, lambda v, w: _identifier(v, w, nullable=True))
    _optional(item, "carried_from", where, lambda v, w: _identifier(v, w, nullable=True))


def _attendance(entry: Any, where: str) -> None:
    _object(entry, where)
    _time(_required(entry, "at", where), _join(where, "at"))
    _integer(_required(entry, "participants", where), _join(where, "participants"),
             1, MAX_PEOPLE)


def _revisions(data: dict, where: str) -> None:
    rev = data.get("rev")
    number = None
    if "rev" in data:
        _text(rev, _join(where, "rev"), 50)
        match = _REV.fullmatch(rev)
        if not match:
            raise Invalid(_join(where, "rev"), _("not a revision such as 3-<32 hex digits>"))
        number = int(match.group(1))
    if "revisions" in data:
        here = _join(where, "revisions")
        found = _list(data["revisions"], here, MAX_REVISIONS, nullable=False)
        for index, value in enumerate(found):
            if not isinstance(value, str) or not _HEX32.fullmatch(value):
                raise Invalid(_join(here, index), _("not 32 lower-case hex digits"))
        if number is not None:
            if len(found) > number:
                raise Invalid(here, _("more revisions than the number in rev"))
            if found and found[0] != rev.partition("-")[2]:
                raise Invalid(here, _("does not start with the revision in rev"))


def check_session(data: Any, where: str = "", *, newest: int | None = None) -> None:
    """Raise ``Invalid`` unless ``data`` is a session record this version can use.

    ``newest`` is the newest schema this version reads (default: ``SCHEMA_VERSION``).
    """
    if newest is None:
        from ccfacil.session import SCHEMA_VERSION as newest
    _object(data, where)
    schema = data.get("schema", 1)
    _integer(schema, _join(where, "schema"), 1, 10**6)
    if schema > newest:
        raise Invalid(_join(where, "schema"), _(
            "written by a newer ccfacil (schema %(version)d; this one reads %(supported)d): "
            "update ccfacil") % {"version": schema, "supported": newest})
    _identifier(_required(data, "id", where), _join(where, "id"))
    _text(_required(data, "site", where), _join(where, "site"), MAX_CODE)
    _text(_required(data, "deck", where), _join(where, "deck"), MAX_CODE, empty=False)
    _text(_required(data, "lang", where), _join(where, "lang"), MAX_LANG, empty=False)
    _integer(_required(data, "participants", where), _join(where, "participants"),
             1, MAX_PEOPLE)
    _optional(data, "facilitator", where, lambda v, w: _text(v, w, MAX_CODE, nullable=True))
    _optional(data, "planned_start", where, _time)
    _optional(data, "planned_minutes", where, lambda v, w: _integer(v, w, 1, MAX_MINUTES))
    _optional(data, "started_at", where, _time)
    _optional(data, "ended_at", where, _time)
    here = _join(where, "cards")
    for index, card in enumerate(_list(data.get("cards"), here, MAX_CARDS)):
        _card(card, _join(here, index))
    _optional(data, "checkin", where, _tally)
    _optional(data, "checkout", where, _tally)
    for key in ("strategies", "themes"):
        here = _join(where, key)
        for index, tag in enumerate(_list(data.get(key), here, MAX_TAGS)):
            _text(tag, _join(here, index), MAX_TAG, empty=False)
    here = _join(where, "actions")
    for index, item in enumerate(_list(data.get("actions"), here, MAX_ACTIONS)):
        _action(item, _join(here, index))
    _optional(data, "notes", where, lambda v, w: _text(v, w, MAX_NOTE, nullable=True))
    # Schema 2 (checked whenever present).
    _optional(data, "state", where, lambda v, w: _one_of(v, w, STATES))
    _optional(data, "seats", where, lambda v, w: _integer(v, w, 1, MAX_PEOPLE))
    if "attendance" in data:
        here = _join(where, "attendance")
        for index, entry in enumerate(_list(data["attendance"], here, MAX_ATTENDANCE,
                                            nullable=False)):
            _attendance(entry, _join(here, index))
    _revisions(data, where)
    if "origin" in data:
        origin = data["origin"]
        if not isinstance(origin, str) or not _HEX32.fullmatch(origin):
            raise Invalid(_join(where, "origin"), _("not 32 lower-case hex digits"))
    _optional(data, "conflict_of", where, lambda v, w: _identifier(v, w, nullable=True))


def check_depth(data: Any, where: str = "", limit: int = MAX_DEPTH) -> None:
    """Raise ``Invalid`` if lists and objects are nested more than ``limit`` deep."""
    level = [data]
    depth = 0
    while level:
        children = []
        for item in level:
            if isinstance(item, dict):
                children.extend(item.values())
            elif isinstance(item, list):
                children.extend(item)
        if not children:
            return
        depth += 1
        if depth > limit:
            raise Invalid(where, _("nested more than %(max)d levels deep") % {"max": limit})
        level = [c for c in children if isinstance(c, (dict, list))]
