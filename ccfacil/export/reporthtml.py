"""A period report as one HTML page: the Markdown report's figures, each with a chart.

The words and figures come from the same ``reporttext.Words`` and ``report.Report`` as the
Markdown report (nothing is counted again); every chart has its table beside it, for a
screen reader, for copying, and for a reader who prefers numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ccfacil.cards.deck import Deck
from ccfacil.cards.domainstyle import style_for
from ccfacil.export import html, svgchart
from ccfacil.export.html import esc
from ccfacil.export.report import Report, top
from ccfacil.export.reporttext import Words, tag_counts
from ccfacil.export.svgchart import HATCH, Series
from ccfacil.export.text import Tallies, tag
from ccfacil.i18n import fmt
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions.session import MOODS

SESSIONS_COLOUR = "#2f5d8a"
PEOPLE_COLOUR = "#c0612b"
# Translators: caption of the mood chart's rows
MOOD_SCALE = N_("Mood, from 1 (heavy) to 5 (light)")


def render(report: Report, *, min_count: int = 0, decks: Mapping[str, Deck],
           include_notes: bool = False) -> str:
    """Custom tags (free text) are counted only with ``include_notes``, as in md."""
    words = Words(report, decks, min_count)
    strategies, themes = tag_counts(report, include_notes)
    body = [f"<h1>{esc(words.title())}</h1>",
            f'<p class="sub">{esc(words.sites())}</p>',
            html.facts(words.summary_rows())]
    body += _by_month(report, words)
    body += _by_site(report)
    body += _domains(report, words)
    body.append(html.heading(_("Most discussed cards")))
    cards = words.top_cards()
    body.append(html.table([_("Card"), _("Domain"), _("Times discussed")], cards, "llr")
                if cards else html.none(_("None.")))
    body += moods("report-moods", words.tallies, report.overall.checkin,
                  report.overall.checkout)
    for uid, heading, column, counter in (
            ("strategies", _("Coping strategies"), _("Strategy"), strategies),
            ("themes", _("Themes"), _("Theme"), themes)):
        body += _ranked(uid, heading, column, top(counter))
    body += _actions(words)
    return html.page(i18n.current_language(), words.title(), body)


def people_series(sessions: Sequence[int], participants: Sequence[int]) -> list[Series]:
    # Translators: the two bars of each month (or site) in the report's charts
    return [Series(_("sessions"), sessions, [fmt.number(n) for n in sessions],
                   SESSIONS_COLOUR),
            Series(_("participants"), participants, [fmt.number(n) for n in participants],
                   PEOPLE_COLOUR, HATCH)]


def _by_month(report: Report, words: Words) -> list[str]:
    heading = _("Sessions and participants by month")
    months = report.by_month()
    if not months:
        return [html.heading(heading), html.none(_("None."))]
    labels = [words.month_label(y, m) for y, m, _cell in months]
    cells = [cell for _y, _m, cell in months]
    series = people_series([c.sessions for c in cells], [c.participants for c in cells])
    chart = svgchart.bars("month", heading, labels, series)
    table = html.table([_("Month"), _("Sessions"), _("Participants")],
                       [[label, fmt.number(c.sessions), fmt.number(c.participants)]
                        for label, c in zip(labels, cells)], "lrr")
    return [html.heading(heading), html.figure(chart, table)]


def _by_site(report: Report) -> list[str]:
    heading = _("By site")
    sites = report.by_site()
    if not sites:
        return [html.heading(heading), html.none(_("None."))]
    labels = [site for site, _cell in sites]
    cells = [cell for _site, cell in sites]
    series = people_series([c.sessions for c in cells], [c.participants for c in cells])
    chart = svgchart.bars("site", heading, labels, series)
    table = html.table([_("Site"), _("Sessions"), _("Participants")],
                       [[s, fmt.number(c.sessions), fmt.number(c.participants)]
                        for s, c in sites], "lrr")
    return [html.heading(heading), html.figure(chart, table)]


def _domains(report: Report, words: Words) -> list[str]:
    heading = _("Domains")
    ranked = top(report.domains, len(report.domains))
    if not ranked:
        return [html.heading(heading), html.none(_("None."))]
    order = {domain: n for n, domain in enumerate(words.domain_titles)}
    labels = [words.domain(d) for d, _n in ranked]
    values = [n for _d, n in ranked]
    colours = [style_for(d, order.get(d, 0)).colour for d, _n in ranked]
    series = [Series(_("Cards discussed"), values, [fmt.number(n) for n in values])]
    chart = svgchart.bars("domains", heading, labels, series, row_colours=colours)
    table = html.table([_("Domain"), _("Cards discussed")], words.domains(), "lr")
    return [html.heading(heading), html.figure(chart, table)]


def moods(uid: str, tallies: Tallies, checkin: Sequence[int],
          checkout: Sequence[int]) -> list[str]:
    """Check-in vs check-out: a bar per mood and moment, hidden counts without a bar."""
    heading = _("Check-in and check-out")
    if not tallies.answered:
        return [html.heading(heading), html.none(_("Nobody answered."))]
    series = []
    for row, counts, colour, pattern in zip(tallies.rows, (checkin, checkout),
                                            (SESSIONS_COLOUR, PEOPLE_COLOUR),
                                            (svgchart.SOLID, HATCH)):
        values = [None if shown.startswith("<") else count
                  for shown, count in zip(row.cells, counts)]
        series.append(Series(row.label, values, row.cells, colour, pattern))
    chart = svgchart.bars(uid, heading, [str(m) for m in MOODS], series, grouped=True)
    header = ["", *(str(m) for m in MOODS), _("Mean")]
    rows = [[row.label, *row.cells, row.mean_text()] for row in tallies.rows]
    table = html.table(header, rows, "l" + "r" * 6)
    change = _("Change of mean: %(change)s") % {"change": tallies.change_text() or "–"}
    return [html.heading(heading), html.figure(chart, table, _(MOOD_SCALE)),
            f"<p>{esc(change)}</p>"]


def _ranked(uid: str, heading: str, column: str, ranked: list[tuple[str, int]]) -> list[str]:
    if not ranked:
        return [html.heading(heading), html.none(_("None."))]
    labels = [tag(t) for t, _n in ranked]
    values = [n for _t, n in ranked]
    series = [Series(_("Sessions"), values, [fmt.number(n) for n in values])]
    chart = svgchart.bars(uid, heading, labels, series)
    table = html.table([column, _("Sessions")],
                       [[label, fmt.number(n)] for label, n in zip(labels, values)], "lr")
    return [html.heading(heading), html.figure(chart, table)]


def _actions(words: Words) -> list[str]:
    heading = _("Action items")
    rows = words.action_rows()
    labels = [label for label, _n in rows]
    values = [n for _label, n in rows]
    series = [Series(_("Action items"), values, [fmt.number(n) for n in values])]
    chart = svgchart.bars("actions", heading, labels, series)
    table = html.table(["", ""], [[label, fmt.number(n)] for label, n in rows], "lr")
    return [html.heading(heading), html.figure(chart, table)]
