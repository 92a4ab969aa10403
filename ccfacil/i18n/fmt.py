"""Dates, times, durations and numbers in the active language, through Babel.

Where CLDR's data for a language is missing or generic (Bambara has no unit or
relative-time patterns: Babel would print raw keys such as ``duration-second``),
our own catalog supplies the words, so a facilitator never sees a CLDR key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import _


def _locale(lang: str | None = None):
    """Babel's locale for the language (Babel is loaded on first use: start-up stays quick)."""
    from babel import Locale, UnknownLocaleError

    code = lang or i18n.current_language()
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        for fallback in i18n.active().fallback:
            try:
                return Locale.parse(fallback)
            except (UnknownLocaleError, ValueError):
                continue
        return Locale.parse("en")


def number(value: float | int, lang: str | None = None) -> str:
    from babel import numbers as babel_numbers

    return babel_numbers.format_decimal(value, locale=_locale(lang))


DATE_STYLES = ("short", "medium", "long")


def date_pattern(style: str, lang: str | None = None) -> str:
    """CLDR's style, unless our catalog gives this language its own pattern.

    Bambara's CLDR medium date reads "15 des, 2026"; our Bambara catalog asks for the
    month in full instead ("15 desanburu 2026").
    """
    if style not in DATE_STYLES or (lang and lang != i18n.current_language()):
        return style
    pattern = _date_pattern(style)
    return pattern if pattern and pattern not in DATE_STYLES else style


def _date_pattern(style: str) -> str:
    # Translators: a date pattern (CLDR/Babel syntax: d day, MMMM month name, y year), or
    # the same word ("medium") to keep the usual form of your language.
    patterns = {"short": i18n.pgettext("date pattern", "short"),
                "medium": i18n.pgettext("date pattern", "medium"),
                "long": i18n.pgettext("date pattern", "long")}
    return patterns[style]


def date(value: dt.date, lang: str | None = None, style: str = "long") -> str:
    """``5 mars 2026`` / ``5 marisi 2026`` / ``March 5, 2026``."""
    from babel import dates as babel_dates

    return babel_dates.format_date(value, date_pattern(style, lang), locale=_locale(lang))


def month(value: dt.date, lang: str | None = None) -> str:
    """``mars 2026`` / ``marisi 2026``."""
    from babel import dates as babel_dates

    return babel_dates.format_date(value, "LLLL y", locale=_locale(lang))


def time(value: dt.time | dt.datetime, lang: str | None = None) -> str:
    from babel import dates as babel_dates

    return babel_dates.format_time(value, "short", locale=_locale(lang))


def datetime(value: dt.datetime, lang: str | None = None) -> str:
    return f"{date(value.date(), lang, 'medium')} {time(value, lang)}"


def duration(seconds: float) -> str:
    """``2 min 30 s``, ``45 s``, ``1 h 05 min``: the words come from our catalog."""
    total = int(round(abs(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        text = _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    elif minutes and secs:
        text = _("%(minutes)d min %(seconds)02d s") % {"minutes": minutes, "seconds": secs}
    elif minutes:
        text = _("%(minutes)d min") % {"minutes": minutes}
    else:
        text = _("%(seconds)d s") % {"seconds": secs}
    return ("-" if seconds < 0 and total else "") + text


def clock(seconds: float, hours: bool = True) -> str:
    """Digits: ``2:00``, ``0:07``, ``12:30``, ``1:02:03`` (``62:03`` with ``hours=False``)."""
    total = int(abs(seconds))
    whole_hours, rest = divmod(total, 3600) if hours else (0, total)
    minutes, secs = divmod(rest, 60)
    text = (f"{whole_hours}:{minutes:02d}:{secs:02d}" if whole_hours
            else f"{minutes}:{secs:02d}")
    return ("-" if seconds < 0 and total else "") + text


def join(items: Sequence[str]) -> str:
    """A list in running text; Bambara lacks CLDR list patterns, so ours are used."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def labelled(label: str, value: object) -> str:
    """``Advice: …`` in running text; French puts a no-break space before the colon."""
    # Translators: a label and its value, as in "Site: KATI"; French: "%(label)s : %(value)s"
    # with a no-break space (U+00A0) before the colon.
    return _("%(label)s: %(value)s") % {"label": label, "value": value}
