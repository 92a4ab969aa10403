"""Every output format in one place, read by the CLI, the app's export screen and the tests.

A ``Format`` says what ``--format NAME`` means: the file suffix, a label in the
facilitator's words (translated when shown) with the technical name in small print,
how it renders one session and a period report, and which options it takes.  Adding a
format is one entry in ``FORMATS`` plus its renderer.

Renderers are imported when first used, so that reading the list (the app's export
screen, ``--help``) loads no renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ccfacil.i18n.runtime import N_

# Options a format may take (``Options`` fields; the CLI spells them --min-count, ...).
MIN_COUNT = "min_count"
INCLUDE_NOTES = "include_notes"
MAPPING = "mapping"
SKIP_UNMAPPED = "skip_unmapped"
OPTION_FLAGS = {MIN_COUNT: "--min-count", INCLUDE_NOTES: "--include-notes",
                MAPPING: "--mapping", SKIP_UNMAPPED: "--skip-unmapped"}


@dataclass(frozen=True)
class Options:
    """What a renderer may be given; a format uses only the options it lists."""

    include_notes: bool = False
    min_count: int = 0
    deck: Any = None  # the session's deck, localized (sessions)
    decks: Mapping[str, Any] | None = None  # deck id -> localized deck (reports)
    mapping: Any = None  # a DHIS2 ``Mapping``
    skip_unmapped: bool = False

    def given(self) -> set[str]:
        """The options set to something else than their default."""
        found = set()
        if self.include_notes:
            found.add(INCLUDE_NOTES)
        if self.min_count:
            found.add(MIN_COUNT)
        if self.mapping is not None:
            found.add(MAPPING)
        if self.skip_unmapped:
            found.add(SKIP_UNMAPPED)
        return found


Renderer = Callable[[Any, Options], "str | bytes"]
Notes = Callable[[Any, Options], list[str]]


@dataclass(frozen=True)
class Format:
    name: str  # the value of --format
    suffix: str  # file name ending, with its dot
    label: str  # N_: what it is for, in plain words
    technical: str  # the technical name, in small print (not translated)
    session: Renderer | None = None  # one session (SessionRecord)
    report: Renderer | None = None  # a period report (report.Report)
    options: frozenset[str] = frozenset()  # options it takes
    required: frozenset[str] = frozenset()  # options it cannot do without
    why: str = ""  # N_: said when an option does not apply
    notes: Notes | None = None  # lines for standard error about a report (e.g. sites left out)
    in_app: bool = True  # offered on the app's export screen

    def refused(self, options: Options) -> list[str]:
        """Options given that this format does not take."""
        return sorted(options.given() - self.options)

    def missing(self, options: Options) -> list[str]:
        return sorted(self.required - options.given())


# Renderers: thin adapters onto the modules that do the work ------------------------------

def _summary(fmt: str) -> Renderer:
    def render(record, options: Options):
        from ccfacil.export import summary

        return summary.render(record, fmt, include_notes=options.include_notes,
                              min_count=options.min_count, deck=options.deck)
    return render


def _report(fmt: str) -> Renderer:
    def render(built, options: Options):
        from ccfacil.export import reporttext

        return reporttext.render(built, fmt, min_count=options.min_count, decks=options.decks,
                                 include_notes=options.include_notes)
    return render


def _session_html(record, options: Options):
    from ccfacil.export import sessionhtml

    return sessionhtml.render(record, include_notes=options.include_notes,
                              min_count=options.min_count, deck=options.deck)


def _report_html(built, options: Options):
    from ccfacil.export import reporthtml

    return reporthtml.render(built, min_count=options.min_count, decks=options.decks or {},
                             include_notes=options.include_notes)


def _dhis2(fmt: str) -> Renderer:
    def render(built, options: Options):
        from ccfacil.export import dhis2

        data = dhis2.payload(built, options.mapping, min_count=options.min_count,
                             skip_unmapped=options.skip_unmapped)
        return dhis2.render(data, fmt)
    return render


def _dhis2_notes(built, options: Options) -> list[str]:
    from ccfacil.export import dhis2
    from ccfacil.i18n.runtime import ngettext

    skipped = dhis2.unmapped(built, options.mapping)
    if not skipped:
        return []
    return [ngettext("note: site %(sites)s left out (not in %(path)s)",
                     "note: sites %(sites)s left out (not in %(path)s)", len(skipped))
            % {"sites": ", ".join(skipped), "path": options.mapping.path}]


_TABLES = frozenset({MIN_COUNT, INCLUDE_NOTES})
_DHIS2 = frozenset({MIN_COUNT, MAPPING, SKIP_UNMAPPED})

FORMATS: dict[str, Format] = {f.name: f for f in (
    # Translators: an export format, shown as "… (Markdown)"
    Format("md", ".md", N_("to read or paste into a document"), "Markdown",
           _summary("md"), _report("md"), _TABLES),
    # Translators: an export format, shown as "… (text)"
    Format("txt", ".txt", N_("for a phone message"), "text",
           _summary("txt"), _report("txt"), _TABLES),
    # Translators: an export format, shown as "… (CSV)"
    Format("csv", ".csv", N_("for a spreadsheet"), "CSV",
           _summary("csv"), _report("csv"), _TABLES),
    # Translators: an export format, shown as "… (JSON)"
    Format("json", ".json", N_("for the coordinator's computer"), "JSON",
           _summary("json"), _report("json"), frozenset({INCLUDE_NOTES}),
           why=N_("json is the complete record for 'ccfacil merge'")),
    # Translators: an export format, shown as "… (HTML)"
    Format("html", ".html", N_("to look at / print"), "HTML",
           _session_html, _report_html, _TABLES),
    # Translators: an export format, shown as "… (DHIS2 JSON)"
    Format("dhis2-json", ".json", N_("for DHIS2"), "DHIS2 JSON",
           None, _dhis2("dhis2-json"), _DHIS2, frozenset({MAPPING}),
           notes=_dhis2_notes, in_app=False),
    # Translators: an export format, shown as "… (DHIS2 CSV)"
    Format("dhis2-csv", ".csv", N_("for DHIS2"), "DHIS2 CSV",
           None, _dhis2("dhis2-csv"), _DHIS2, frozenset({MAPPING}),
           notes=_dhis2_notes, in_app=False),
)}


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}") from None


def for_sessions() -> list[Format]:
    return [f for f in FORMATS.values() if f.session is not None]


def for_reports() -> list[Format]:
    return [f for f in FORMATS.values() if f.report is not None]


def in_app() -> list[Format]:
    """What the app's export screen offers: a session or its month's report, no options."""
    return [f for f in FORMATS.values()
            if f.in_app and f.session is not None and f.report is not None and not f.required]


def names(found: Iterable[Format]) -> tuple[str, ...]:
    return tuple(f.name for f in found)


def render_session(name: str, record, options: Options = Options()) -> str | bytes:
    return _render(name, "session", record, options)


def render_report(name: str, built, options: Options = Options()) -> str | bytes:
    return _render(name, "report", built, options)


def _render(name: str, kind: str, what, options: Options) -> str | bytes:
    found = get(name)
    renderer = getattr(found, kind)
    if renderer is None:
        raise ValueError(f"format {name!r} has no {kind} renderer")
    _check(found, options)
    return renderer(what, options)


def _check(found: Format, options: Options) -> None:
    refused, missing = found.refused(options), found.missing(options)
    if refused or missing:
        raise ValueError(f"format {found.name!r}: options {refused} do not apply, "
                         f"{missing} missing")


__all__ = ["FORMATS", "Format", "Options", "get", "for_sessions", "for_reports", "in_app",
           "names", "render_session", "render_report", "OPTION_FLAGS"]
