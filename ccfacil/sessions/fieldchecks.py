"""The field-level checks ``ccfacil.sessions.validate`` builds a record's checks from.

Each check takes the value, the path of its parent and its key there, returns quietly
when the value is what it must be, and raises ``Invalid`` (one line: ``<path>: <reason>``)
otherwise.  Paths are only built when something is wrong, so that the common case stays
fast.  These are the checks themselves: ``validate.CHECKS_VERSION`` covers this file too.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ccfacil.i18n.translation import _

# Limits the field checks use themselves (``validate`` holds the others).
YEARS = (1970, 2100)  # a Raspberry Pi without a clock battery may start at 1970
MAX_OFFSET = dt.timedelta(hours=14)  # UTC-12 to UTC+14 exist; nothing beyond
MAX_ID = 64
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
