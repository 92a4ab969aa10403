"""The words of a period report: md, txt and csv in the active language, and json.

Babel and the catalogs are called here a fixed number of times per month, site, card or
tag shown, never per session: a report over 10,000 sessions renders in milliseconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ccfacil import fmt
from ccfacil.cardname import card_name
from ccfacil.deck import Deck
from ccfacil.export import bundle, csvfile
from ccfacil.export.report import Cell, Report, top
from ccfacil.export.text import (Tallies, bar, csv_number, decimal_sign, md_table, minutes,
                                 number, tag)
from ccfacil.i18n import _, ngettext
from ccfacil.session import MOODS

CHART_WIDTH = 30


def sessions(count: int) -> str:
    return ngettext("%(num)d session", "%(num)d sessions", count) % {"num": count}


def participants(count: int) -> str:
    return ngettext("%(num)d participant", "%(num)d participants", count) % {"num": count}


class Words:
    """Titles and labels of one report, worked out once."""

    def __init__(self, report: Report, decks: Mapping[str, Deck], min_count: int):
        self.report = report
        self.decks = decks
        self.overall = report.overall
        self.tallies = Tallies.of(self.overall.checkin, self.overall.checkout, min_count)
        self.one_deck = len(report.decks) <= 1
        self.domain_titles: dict[str, str] = {}
        for deck_id in sorted(report.decks, key=lambda d: (-report.decks[d], d)):
            deck = decks.get(deck_id)
            for found in deck.domains if deck is not None else ():
                self.domain_titles.setdefault(found.id, found.title)

    def title(self) -> str:
        return _("Club Courage report, %(start)s – %(end)s") % {
            "start": fmt.date(self.report.start), "end": fmt.date(self.report.end)}

    def sites(self) -> str:
        return ", ".join(self.report.sites) if self.report.sites else _("all sites")

    def domain(self, domain_id: str) -> str:
        return self.domain_titles.get(domain_id, domain_id)

    def card(self, deck: str, card: str) -> str:
        """The card's id (csv), with its deck's when the report spans several decks."""
        return card if self.one_deck else f"{deck}/{card}"

    def card_text(self, deck: str, card: str, limit: int = 60) -> str:
        """The card's question, shortened, for people (md, txt); its id if unknown here."""
        found = self.decks.get(deck)
        if found is None:
            return self.card(deck, card)
        return card_name(found, card, limit)

    def summary_rows(self) -> list[tuple[str, str]]:
        cell = self.overall
        mean_people = cell.mean_participants
        mean_time = cell.mean_seconds
        return [
            (_("Sites"), self.sites()),
            (_("Sessions held"), fmt.number(cell.sessions)),
            (_("Participants"), fmt.number(cell.participants) + (
                " (" + _("mean %(mean)s per session") % {"mean": number(mean_people)} + ")"
                if mean_people is not None else "")),
            (_("Mean duration"), fmt.duration(mean_time) if mean_time is not None else "–"),
            (_("Cards discussed"), fmt.number(cell.cards)),
        ]

    def action_rows(self) -> list[tuple[str, int]]:
        cell = self.overall
        # Translators: action items raised in the period (the next four: by status now)
        return [(_("Opened"), cell.actions_opened), (_("Done"), cell.actions_done),
                (_("Carried over"), cell.actions_carried), (_("Dropped"), cell.actions_dropped),
                (_("Still open"), cell.actions_open)]

    def month_label(self, year: int, month: int) -> str:
        return fmt.month(dt.date(year, month, 1))

    def chart(self, char: str) -> list[str]:
        months = self.report.by_month()
        if not months:
            return []
        labels = [self.month_label(y, m) for y, m, _cell in months]
        # Translators: the two bars of each month in the text chart
        kinds = (_("sessions"), _("participants"))
        width = max(map(len, labels))
        kind_width = max(map(len, kinds))
        most = (max(c.sessions for *_ym, c in months), max(c.participants for *_ym, c in months))
        lines = []
        for label, (_y, _m, cell) in zip(labels, months):
            for row, (kind, value, largest) in enumerate(zip(
                    kinds, (cell.sessions, cell.participants), most)):
                drawn = bar(value, largest, CHART_WIDTH, char)
                lines.append(f"{(label if row == 0 else ''):<{width}}  {kind:<{kind_width}}  "
                             f"{drawn}{' ' if drawn else ''}{fmt.number(value)}".rstrip())
        return lines

    def top_cards(self, limit: int = 60) -> list[list[str]]:
        return [[self.card_text(deck, card, limit), self.domain(domain), fmt.number(times)]
                for deck, card, domain, times in self.report.top_cards()]

    def domains(self) -> list[list[str]]:
        ranked = top(self.report.domains, len(self.report.domains))
        return [[self.domain(d), fmt.number(n)] for d, n in ranked]


def _table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    return md_table(header, rows, align) if rows else [_("None.")]


def to_md(report: Report, *, min_count: int, decks: Mapping[str, Deck]) -> str:
    words = Words(report, decks, min_count)
    lines = [f"# {words.title()}", ""]
    lines += md_table(["", ""], words.summary_rows())
    chart = words.chart("█")
    lines += ["", "## " + _("Sessions and participants by month"), ""]
    lines += ["```", *chart, "```"] if chart else [_("None.")]
    lines += ["", "## " + _("By site"), ""]
    lines += _table([_("Site"), _("Sessions"), _("Participants")],
                    [[s, fmt.number(c.sessions), fmt.number(c.participants)]
                     for s, c in report.by_site()], "lrr")
    lines += ["", "## " + _("Domains"), ""]
    lines += _table([_("Domain"), _("Cards discussed")], words.domains(), "lr")
    lines += ["", "## " + _("Most discussed cards"), ""]
    lines += _table([_("Card"), _("Domain"), _("Times discussed")], words.top_cards(), "llr")
    lines += ["", "## " + _("Check-in and check-out"), ""]
    if words.tallies.answered:
        lines += words.tallies.md()
        lines += ["", _("Change of mean: %(change)s") % {
            "change": words.tallies.change_text() or "–"}]
    else:
        lines.append(_("Nobody answered."))
    for heading, column, counter in (
            (_("Coping strategies"), _("Strategy"), report.strategies),
            (_("Themes"), _("Theme"), report.themes)):
        lines += ["", f"## {heading}", ""]
        lines += _table([column, _("Sessions")],
                        [[tag(t), fmt.number(n)] for t, n in top(counter)], "lr")
    lines += ["", "## " + _("Action items"), ""]
    lines += md_table([label for label, _n in words.action_rows()],
                      [[fmt.number(n) for _label, n in words.action_rows()]], "rrrrr")
    return "\n".join(lines) + "\n"


def to_txt(report: Report, *, min_count: int, decks: Mapping[str, Deck]) -> str:
    words = Words(report, decks, min_count)
    lines = [words.title(), ""]
    lines += [f"{label}: {value}" for label, value in words.summary_rows()]
    chart = words.chart("#")
    if chart:
        lines += ["", _("Sessions and participants by month:"), *chart]
    if report.cells:
        lines += ["", _("By site:")]
        lines += [f"  {site}: {sessions(c.sessions)}, {participants(c.participants)}"
                  for site, c in report.by_site()]
    domains = words.domains()
    if domains:
        lines += ["", _("Cards discussed by domain:")]
        lines += [f"  {title}: {count}" for title, count in domains]
    cards = words.top_cards(limit=40)
    if cards:
        lines += ["", _("Most discussed cards:")]
        lines += [f"  {card} ({domain}): {times}" for card, domain, times in cards]
    if words.tallies.answered:
        change = words.tallies.change_text() or "–"
        lines += ["", *words.tallies.txt(), _("Change of mean: %(change)s") % {"change": change}]
    for heading, counter in ((_("Coping strategies:"), report.strategies),
                             (_("Themes:"), report.themes)):
        ranked = top(counter)
        if ranked:
            lines += ["", heading]
            lines += [f"  {tag(t)}: {fmt.number(n)}" for t, n in ranked]
    lines += ["", _("Action items:")]
    lines += [f"  {label}: {fmt.number(n)}" for label, n in words.action_rows()]
    return "\n".join(lines) + "\n"


def to_csv(report: Report, *, min_count: int, decks: Mapping[str, Deck]) -> bytes:
    words = Words(report, decks, min_count)
    sign = decimal_sign()
    cell = words.overall
    rows: list[list[object]] = [
        [words.title()],
        [_("From"), report.start.isoformat()], [_("To"), report.end.isoformat()],
        [_("Sites"), words.sites()],
        [_("Sessions held"), cell.sessions], [_("Participants"), cell.participants],
        [_("Mean participants per session"), csv_number(cell.mean_participants, 1, sign)],
        [_("Mean minutes per session"), csv_number(
            minutes(cell.mean_seconds) if cell.mean_seconds is not None else None, 1, sign)],
        [_("Cards discussed"), cell.cards],
        [], [_("By month")], [_("Month"), _("Sessions"), _("Participants")],
        *([f"{y:04d}-{m:02d}", c.sessions, c.participants] for y, m, c in report.by_month()),
        [], [_("By site")], [_("Site"), _("Sessions"), _("Participants")],
        *([s, c.sessions, c.participants] for s, c in report.by_site()),
        [], [_("Domains")], [_("Domain"), _("Cards discussed")],
        *([words.domain(d), n] for d, n in top(report.domains, len(report.domains))),
        [], [_("Most discussed cards")], [_("Card"), _("Domain"), _("Times discussed")],
        *([words.card(deck, card), words.domain(domain), n]
          for deck, card, domain, n in report.top_cards()),
        [], [_("Check-in and check-out")], *words.tallies.csv(sign),
        [_("Change of mean"), words.tallies.change_text(sign)],
    ]
    for heading, column, counter in (
            (_("Coping strategies"), _("Strategy"), report.strategies),
            (_("Themes"), _("Theme"), report.themes)):
        rows += [[], [heading], [column, _("Sessions")],
                 *([tag(t), n] for t, n in top(counter))]
    rows += [[], [_("Action items")], *([label, n] for label, n in words.action_rows())]
    return csvfile.to_bytes(rows)


def figures(report: Report) -> dict:
    """The report's numbers, without words: the ``report`` part of the json export."""
    cell = report.overall
    tallies = Tallies.of(cell.checkin, cell.checkout)

    def tally(counts: list[int], mean: float | None) -> dict:
        return {"counts": {str(m): n for m, n in zip(MOODS, counts)},
                "mean": None if mean is None else round(mean, 2)}

    def people(c: Cell) -> dict:
        return {"sessions": c.sessions, "participants": c.participants}

    change = tallies.change
    return {
        "from": report.start.isoformat(), "to": report.end.isoformat(),
        "sites": list(report.sites),
        "sessions": cell.sessions,
        "participants": {"total": cell.participants, "mean": _round(cell.mean_participants)},
        "duration": {"timed_sessions": cell.timed, "mean_minutes": _round(
            minutes(cell.mean_seconds) if cell.mean_seconds is not None else None)},
        "cards": {"discussed": cell.cards,
                  "by_domain": dict(top(report.domains, len(report.domains))),
                  "top": [{"deck": d, "card": c, "domain": dom, "times": n}
                          for d, c, dom, n in report.top_cards()]},
        "strategies": [{"tag": t, "sessions": n} for t, n in top(report.strategies, None)],
        "themes": [{"tag": t, "sessions": n} for t, n in top(report.themes, None)],
        "checkin": tally(cell.checkin, tallies.rows[0].mean),
        "checkout": tally(cell.checkout, tallies.rows[1].mean),
        "mean_change": _round(change),
        "actions": {"opened": cell.actions_opened, "done": cell.actions_done,
                    "carried": cell.actions_carried, "dropped": cell.actions_dropped,
                    "open": cell.actions_open},
        "by_month": [{"month": f"{y:04d}-{m:02d}", **people(c)} for y, m, c in report.by_month()],
        "by_site": [{"site": s, **people(c)} for s, c in report.by_site()],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def to_json(report: Report) -> str:
    records = sorted(report.records, key=lambda r: (r.started_at, r.id))
    return bundle.dumps(bundle.envelope(records, kind="report", report=figures(report)))


RENDERERS = {"md": to_md, "txt": to_txt, "csv": to_csv}
