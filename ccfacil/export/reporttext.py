"""The words of a period report: md, txt and csv in the active language, and json.

Babel and the catalogs are called here a fixed number of times per month, site, card or
tag shown, never per session: a report over 10,000 sessions renders in milliseconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ccfacil.cards import tags
from ccfacil.cards.cardname import card_name
from ccfacil.cards.deck import Deck
from ccfacil.export import bundle, csvfile
from ccfacil.export.report import Cell, Report, top
from ccfacil.export.text import (
    Tallies,
    bar,
    csv_number,
    decimal_sign,
    md_table,
    minutes,
    number,
    tag,
)
from ccfacil.i18n import fmt
from ccfacil.i18n.runtime import _, ngettext
from ccfacil.sessions.session import MOODS

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
            (_("Started but not held"), fmt.number(cell.not_held)),
            (_("Participants"), fmt.number(cell.participants) + (
                " (" + _("mean %(mean)s per session") % {"mean": number(mean_people)} + ")"
                if mean_people is not None else "")),
            (_("Mood ratings given"), self.ratings(cell)),
            (_("Mean duration"), fmt.duration(mean_time) if mean_time is not None else "–"),
            (_("Cards discussed"), fmt.number(cell.cards)),
        ]

    @staticmethod
    def ratings(cell: Cell) -> str:
        """How many of the people present gave a mood, beside them."""
        given_in, given_out = cell.ratings
        return _("check-in %(checkin)s, check-out %(checkout)s, of %(present)s present") % {
            "checkin": fmt.number(given_in), "checkout": fmt.number(given_out),
            "present": fmt.number(cell.participants)}

    def action_rows(self) -> list[tuple[str, int]]:
        found = self.overall.actions
        # Translators: action items of the period; each item carried over is counted once
        return [(_("Decided"), found.decided),
                (_("raised in the period"), found.opened),
                (_("carried in from before"), found.carried_in),
                (_("Done"), found.done), (_("Carried over"), found.carried),
                (_("Dropped"), found.dropped), (_("Still open"), found.open)]

    def site_rows(self) -> list[list[str]]:
        """Per site: sessions held, people present and the ratings they gave, not held."""
        rows = []
        for site, cell in self.report.by_site():
            given_in, given_out = cell.ratings
            rows.append([site, fmt.number(cell.sessions), fmt.number(cell.participants),
                         fmt.number(given_in), fmt.number(given_out),
                         fmt.number(cell.not_held)])
        return rows

    def site_header(self) -> list[str]:
        return [_("Site"), _("Sessions held"), _("Participants"), _("Check-in ratings"),
                _("Check-out ratings"), _("Not held")]

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


def tag_counts(report: Report, include_notes: bool):
    """(strategies, themes) counters: custom tags (free text) only with the notes."""
    if include_notes:
        return report.strategies, report.themes
    return ({t: n for t, n in report.strategies.items() if t in tags.STRATEGIES},
            {t: n for t, n in report.themes.items() if t in tags.THEMES})


def _table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    return md_table(header, rows, align) if rows else [_("None.")]


def to_md(report: Report, *, min_count: int, decks: Mapping[str, Deck],
          include_notes: bool = False) -> str:
    words = Words(report, decks, min_count)
    lines = [f"# {words.title()}", ""]
    lines += md_table(["", ""], words.summary_rows())
    chart = words.chart("█")
    lines += ["", "## " + _("Sessions and participants by month"), ""]
    lines += ["```", *chart, "```"] if chart else [_("None.")]
    lines += ["", "## " + _("By site"), ""]
    lines += _table(words.site_header(), words.site_rows(), "lrrrrr")
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
    strategies, themes = tag_counts(report, include_notes)
    for heading, column, counter in (
            (_("Coping strategies"), _("Strategy"), strategies),
            (_("Themes"), _("Theme"), themes)):
        lines += ["", f"## {heading}", ""]
        lines += _table([column, _("Sessions")],
                        [[tag(t), fmt.number(n)] for t, n in top(counter)], "lr")
    lines += ["", "## " + _("Action items"), ""]
    lines += md_table([_("Action items"), _("Number")],
                      [[label, fmt.number(n)] for label, n in words.action_rows()], "lr")
    return "\n".join(lines) + "\n"


def to_txt(report: Report, *, min_count: int, decks: Mapping[str, Deck],
           include_notes: bool = False) -> str:
    words = Words(report, decks, min_count)
    lines = [words.title(), ""]
    lines += [fmt.labelled(label, value) for label, value in words.summary_rows()]
    chart = words.chart("#")
    if chart:
        lines += ["", _("Sessions and participants by month:"), *chart]
    if report.cells:
        lines += ["", _("By site:")]
        for site, cell in report.by_site():
            line = "  " + fmt.labelled(
                site, f"{sessions(cell.sessions)}, {participants(cell.participants)}")
            line += " (" + words.ratings(cell) + ")"
            if cell.not_held:
                line += ", " + _("started but not held: %(num)s") % {
                    "num": fmt.number(cell.not_held)}
            lines.append(line)
    domains = words.domains()
    if domains:
        lines += ["", _("Cards discussed by domain:")]
        lines += ["  " + fmt.labelled(title, count) for title, count in domains]
    cards = words.top_cards(limit=40)
    if cards:
        lines += ["", _("Most discussed cards:")]
        lines += ["  " + fmt.labelled(f"{card} ({domain})", times) for card, domain, times in cards]
    if words.tallies.answered:
        change = words.tallies.change_text() or "–"
        lines += ["", *words.tallies.txt(), _("Change of mean: %(change)s") % {"change": change}]
    strategies, themes = tag_counts(report, include_notes)
    for heading, counter in ((_("Coping strategies:"), strategies), (_("Themes:"), themes)):
        ranked = top(counter)
        if ranked:
            lines += ["", heading]
            lines += ["  " + fmt.labelled(tag(t), fmt.number(n)) for t, n in ranked]
    lines += ["", _("Action items:")]
    lines += ["  " + fmt.labelled(label, fmt.number(n)) for label, n in words.action_rows()]
    return "\n".join(lines) + "\n"


def to_csv(report: Report, *, min_count: int, decks: Mapping[str, Deck],
           include_notes: bool = False) -> bytes:
    words = Words(report, decks, min_count)
    sign = decimal_sign()
    cell = words.overall
    rows: list[list[object]] = [
        [words.title()],
        [_("From"), report.start.isoformat()], [_("To"), report.end.isoformat()],
        [_("Sites"), words.sites()],
        [_("Sessions held"), cell.sessions], [_("Started but not held"), cell.not_held],
        [_("Participants"), cell.participants],
        [_("Check-in ratings"), cell.ratings[0]], [_("Check-out ratings"), cell.ratings[1]],
        [_("Mean participants per session"), csv_number(cell.mean_participants, 1, sign)],
        [_("Mean minutes per session"), csv_number(
            minutes(cell.mean_seconds) if cell.mean_seconds is not None else None, 1, sign)],
        [_("Cards discussed"), cell.cards],
        [], [_("By month")], [_("Month"), *words.site_header()[1:]],
        *([f"{y:04d}-{m:02d}", c.sessions, c.participants, *c.ratings, c.not_held]
          for y, m, c in report.by_month()),
        [], [_("By site")], words.site_header(),
        *([s, c.sessions, c.participants, *c.ratings, c.not_held]
          for s, c in report.by_site()),
        [], [_("Domains")], [_("Domain"), _("Cards discussed")],
        *([words.domain(d), n] for d, n in top(report.domains, len(report.domains))),
        [], [_("Most discussed cards")], [_("Card"), _("Domain"), _("Times discussed")],
        *([words.card(deck, card), words.domain(domain), n]
          for deck, card, domain, n in report.top_cards()),
        [], [_("Check-in and check-out")], *words.tallies.csv(sign),
        [_("Change of mean"), words.tallies.change_text(sign)],
    ]
    strategies, themes = tag_counts(report, include_notes)
    for heading, column, counter in (
            (_("Coping strategies"), _("Strategy"), strategies),
            (_("Themes"), _("Theme"), themes)):
        rows += [[], [heading], [column, _("Sessions")],
                 *([tag(t), n] for t, n in top(counter))]
    rows += [[], [_("Action items")], *([label, n] for label, n in words.action_rows())]
    return csvfile.to_bytes(rows)


def figures(report: Report, include_notes: bool = False) -> dict:
    """The report's numbers, without words: the ``report`` part of the json export."""
    strategies, themes = tag_counts(report, include_notes)
    cell = report.overall
    tallies = Tallies.of(cell.checkin, cell.checkout)

    def tally(counts: list[int], mean: float | None) -> dict:
        return {"counts": {str(m): n for m, n in zip(MOODS, counts)},
                "mean": None if mean is None else round(mean, 2)}

    def people(c: Cell) -> dict:
        return {"sessions": c.sessions, "participants": c.participants,
                "ratings": {"checkin": c.ratings[0], "checkout": c.ratings[1]},
                "not_held": c.not_held}

    change = tallies.change
    return {
        "from": report.start.isoformat(), "to": report.end.isoformat(),
        "sites": list(report.sites),
        "sessions": cell.sessions,
        "sessions_not_held": cell.not_held,
        "participants": {"total": cell.participants, "mean": _round(cell.mean_participants)},
        "ratings": {"checkin": cell.ratings[0], "checkout": cell.ratings[1]},
        "duration": {"timed_sessions": cell.timed, "mean_minutes": _round(
            minutes(cell.mean_seconds) if cell.mean_seconds is not None else None)},
        "cards": {"discussed": cell.cards,
                  "by_domain": dict(top(report.domains, len(report.domains))),
                  "top": [{"deck": d, "card": c, "domain": dom, "times": n}
                          for d, c, dom, n in report.top_cards()]},
        "strategies": [{"tag": t, "sessions": n} for t, n in top(strategies, None)],
        "themes": [{"tag": t, "sessions": n} for t, n in top(themes, None)],
        "checkin": tally(cell.checkin, tallies.rows[0].mean),
        "checkout": tally(cell.checkout, tallies.rows[1].mean),
        "mean_change": _round(change),
        "actions": {name: getattr(cell.actions, name) for name in cell.actions.__slots__},
        "by_month": [{"month": f"{y:04d}-{m:02d}", **people(c)} for y, m, c in report.by_month()],
        "by_site": [{"site": s, **people(c)} for s, c in report.by_site()],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def to_json(report: Report, include_notes: bool = False) -> str:
    """Figures and every session of the period: those not held and conflict copies too, so
    that a device merging the file ends with the same sessions as this one."""
    records = sorted(report.records + report.others, key=lambda r: (r.started_at, r.id))
    return bundle.dumps(bundle.envelope(records, kind="report", include_notes=include_notes,
                                        report=figures(report, include_notes)))


RENDERERS = {"md": to_md, "txt": to_txt, "csv": to_csv}


def render(report: Report, fmt: str, *, min_count: int = 0, decks=None,
           include_notes: bool = False) -> str | bytes:
    """The report in ``fmt`` (``md``, ``txt``, ``json``: str; ``csv``: UTF-8 bytes).

    ``decks`` maps deck ids to decks localized in the active language (titles of decks,
    domains); ``min_count`` hides tally counts under it (not in json, which is complete).
    Custom tags (free text) are counted only with ``include_notes``; the json's
    sessions then keep their notes too.
    """
    if fmt == "json":
        if min_count:
            raise ValueError("min_count does not apply to json (complete records)")
        return to_json(report, include_notes=include_notes)
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"unknown format {fmt!r}")
    return renderer(report, min_count=min_count, decks=decks or {}, include_notes=include_notes)
