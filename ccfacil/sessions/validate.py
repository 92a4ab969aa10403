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

import re
from typing import Any

from ccfacil.i18n.translation import _
from ccfacil.sessions.fieldchecks import (  # noqa: F401  (MAX_ID, YEARS, MAX_OFFSET: re-exported)
    MAX_ID,
    MAX_OFFSET,
    YEARS,
    Invalid,
    _date,
    _fail,
    _identifier,
    _integer,
    _join,
    _list,
    _number,
    _object,
    _one_of,
    _shown,
    _text,
    _time,
)

# The version of these checks.  Stored sessions that passed them are marked with it and
# not checked again when read (``ccfacil.storage.docform``): change it whenever a check changes,
# so that what was stored before is checked again.
CHECKS_VERSION = 3  # 2: the running position (resume) and the rounds' air time checked;
# 3: notes_withheld checked

# Limits: generous for what a session can hold, small enough that nothing overflows.
MAX_SECONDS = 24 * 3600  # a card's time, a seat's air time
MAX_PEOPLE = 100  # participants, seats, a mood count
MAX_MINUTES = 24 * 60  # planned length
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


def usable_id(value: Any) -> bool:
    """Can ``value`` be a session's id (and be typed on a command line)?"""
    try:
        _identifier(value, "", "id")
    except Invalid:
        return False
    return True


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
    if (value := get("notes_withheld")) is not None:
        if not isinstance(value, str) or not _REV.fullmatch(value):
            raise _fail(where, "notes_withheld", _("not a revision such as 3-<32 hex digits>"))


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
