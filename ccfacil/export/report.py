"""A period report: sessions of some sites between two dates, added up in one pass.

``build(records, sites, start, end)`` keeps the sessions that started (local date, in the
UTC offset they were saved with) from ``start`` to ``end`` inclusive at one of ``sites``
(any case; none given: every site) and adds them up per (site, month) ``Cell``, plus
report-wide counters for cards, domains, strategies and themes.  No Babel call, no
translation and no sorting happens per session: ``render`` does the words once.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ccfacil.session import ActionStatus, SessionRecord

TOP = 5  # cards, strategies and themes listed in a report
_DONE, _CARRIED, _DROPPED = ActionStatus.DONE, ActionStatus.CARRIED, ActionStatus.DROPPED


def site_key(site: str) -> str:
    """Site codes match whatever their case: ``kati`` is ``KATI``."""
    return site.strip().upper()


def parse_day(text: str, *, end: bool = False) -> dt.date:
    """``YYYY-MM-DD``, or ``YYYY-MM`` for the first (``end``: the last) day of the month."""
    text = text.strip()
    if len(text) == 7 and text[4] == "-":
        first = dt.date.fromisoformat(text + "-01")
        return first.replace(day=calendar.monthrange(first.year, first.month)[1]) if end else first
    if len(text) != 10:
        raise ValueError(text)
    return dt.date.fromisoformat(text)


@dataclass(slots=True)
class Cell:
    """What one site did in one month (or, summed, in a whole report)."""

    sessions: int = 0
    participants: int = 0
    timed: int = 0  # sessions with a start and an end
    seconds: float = 0.0  # their total length
    cards: int = 0
    checkin: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0])
    checkout: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0])
    actions_opened: int = 0  # raised in the period (not carried over from before)
    actions_open: int = 0  # still open
    actions_done: int = 0
    actions_carried: int = 0
    actions_dropped: int = 0

    def add(self, other: "Cell") -> None:
        for name in ("sessions", "participants", "timed", "seconds", "cards", "actions_opened",
                     "actions_open", "actions_done", "actions_carried", "actions_dropped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.checkin = [a + b for a, b in zip(self.checkin, other.checkin)]
        self.checkout = [a + b for a, b in zip(self.checkout, other.checkout)]

    @property
    def mean_participants(self) -> float | None:
        return self.participants / self.sessions if self.sessions else None

    @property
    def mean_seconds(self) -> float | None:
        return self.seconds / self.timed if self.timed else None


def total(cells: Iterable[Cell]) -> Cell:
    summed = Cell()
    for cell in cells:
        summed.add(cell)
    return summed


@dataclass
class Report:
    start: dt.date
    end: dt.date
    sites: tuple[str, ...]  # the sites asked for (upper case); () for every site
    cells: dict[tuple[str, int, int], Cell] = field(default_factory=dict)  # (site, y, m)
    cards: Counter = field(default_factory=Counter)  # (deck, card, domain) -> times discussed
    domains: Counter = field(default_factory=Counter)  # domain id -> cards discussed
    strategies: Counter = field(default_factory=Counter)  # tag -> sessions raising it
    themes: Counter = field(default_factory=Counter)
    decks: Counter = field(default_factory=Counter)  # deck id -> sessions
    records: list[SessionRecord] = field(default_factory=list)  # the sessions counted

    @property
    def overall(self) -> Cell:
        return total(self.cells.values())

    def by_month(self) -> list[tuple[int, int, Cell]]:
        """Every month from the first to the last with a session (empty months too)."""
        months: dict[tuple[int, int], Cell] = {}
        for (_site, year, month), cell in self.cells.items():
            months.setdefault((year, month), Cell()).add(cell)
        if not months:
            return []
        (year, month), last = min(months), max(months)
        found = []
        while (year, month) <= last:
            found.append((year, month, months.get((year, month), Cell())))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    def by_site(self) -> list[tuple[str, Cell]]:
        sites: dict[str, Cell] = {}
        for (site, _year, _month), cell in self.cells.items():
            sites.setdefault(site, Cell()).add(cell)
        return sorted(sites.items())

    def top_cards(self, count: int = TOP) -> list[tuple[str, str, str, int]]:
        """``(deck, card id, domain, times)``, most discussed first (ties by id)."""
        ranked = sorted(self.cards.items(), key=lambda item: (-item[1], item[0]))
        return [(deck, card, domain, times) for (deck, card, domain), times in ranked[:count]]


def top(counter: Counter, count: int | None = TOP) -> list[tuple[str, int]]:
    """Most frequent first, ties by name; ``count`` None: all."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:count]


def build(records: Iterable[SessionRecord], sites: Sequence[str] | None, start: dt.date,
          end: dt.date) -> Report:
    """Add up the sessions started from ``start`` to ``end`` (inclusive) at ``sites``."""
    if start > end:
        raise ValueError(f"empty range: {start} is after {end}")
    wanted = {site_key(s) for s in sites or ()}
    report = Report(start, end, tuple(sorted(wanted)))
    cells = report.cells
    cards, domains = report.cards, report.domains
    strategies, themes, decks = report.strategies, report.themes, report.decks
    keys: dict[str, str] = {}
    for record in records:
        started = record.started_at
        if started is None:
            continue
        day = started.date()
        if day < start or day > end:
            continue
        site = keys.get(record.site)
        if site is None:
            site = keys[record.site] = site_key(record.site)
        if wanted and site not in wanted:
            continue
        key = (site, day.year, day.month)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = Cell()
        report.records.append(record)
        cell.sessions += 1
        cell.participants += record.participants
        if record.ended_at is not None:
            cell.timed += 1
            cell.seconds += max(0.0, (record.ended_at - started).total_seconds())
        cell.cards += len(record.cards)
        deck = record.deck
        decks[deck] += 1
        for card in record.cards:
            domain = card.domain
            cards[deck, card.card_id, domain] += 1
            domains[domain] += 1
        counts = record.checkin.counts
        tally = cell.checkin
        for mood in (1, 2, 3, 4, 5):
            tally[mood - 1] += counts.get(mood, 0)
        counts = record.checkout.counts
        tally = cell.checkout
        for mood in (1, 2, 3, 4, 5):
            tally[mood - 1] += counts.get(mood, 0)
        strategies.update(set(record.strategies))
        themes.update(set(record.themes))
        for action in record.actions:
            if action.from_session is None:
                cell.actions_opened += 1
            state = action.status
            if state is _DONE:
                cell.actions_done += 1
            elif state is _CARRIED:
                cell.actions_carried += 1
            elif state is _DROPPED:
                cell.actions_dropped += 1
            else:
                cell.actions_open += 1
    return report


def render(report: Report, fmt: str, *, min_count: int = 0, decks=None,
           include_notes: bool = False) -> str | bytes:
    """The report in ``fmt`` (``md``, ``txt``, ``json``: str; ``csv``: UTF-8 bytes).

    ``decks`` maps deck ids to decks localized in the active language (titles of decks,
    domains); ``min_count`` hides tally counts under it (not in json, which is complete).
    Custom tags (free text) are counted only with ``include_notes``; the json's
    sessions then keep their notes too.
    """
    from ccfacil.export import reporttext

    if fmt == "json":
        if min_count:
            raise ValueError("min_count does not apply to json (complete records)")
        return reporttext.to_json(report, include_notes=include_notes)
    renderer = reporttext.RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"unknown format {fmt!r}")
    return renderer(report, min_count=min_count, decks=decks or {}, include_notes=include_notes)
