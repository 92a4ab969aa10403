"""A period report: sessions of some sites between two dates, added up in one pass.

``build(records, sites, start, end)`` keeps the sessions that started (local date, in the
UTC offset they were saved with: the site's local time, so a session that runs past
midnight or into the next month belongs to the day and month it started) from ``start``
to ``end`` inclusive at one of ``sites`` (any case; none given: every site) and adds them
up per (site, month) ``Cell``, plus report-wide counters for cards, domains, strategies
and themes.  No Babel call, no translation and no sorting happens per session:
``reporttext.render`` does the words once.

What counts: each session once (conflict copies are left out: the version under the
session's id stands for it), and only sessions that were held (something discussed or a
mood counted); the others are counted apart, as started but not held.  Participants are
the people present.  Action items are followed along their ``carried_from`` links: in a
period, each chain of carried items counts once, with the status of its latest item in
the period, so that decided = done + carried + dropped + still open.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ccfacil.sessions.session import ActionItem, ActionStatus, SessionRecord

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
class Actions:
    """Action items of a period: each chain of carried items once, by its latest status."""

    decided: int = 0  # = opened + carried_in = done + carried + dropped + open
    opened: int = 0  # raised in the period
    carried_in: int = 0  # carried on from an item before the period
    done: int = 0
    carried: int = 0  # carried over to a later session
    dropped: int = 0
    open: int = 0  # still open

    def add(self, other: "Actions") -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class Cell:
    """What one site did in one month (or, summed, in a whole report)."""

    sessions: int = 0  # held
    not_held: int = 0  # started but not held
    participants: int = 0  # people present, at the sessions held
    timed: int = 0  # sessions with a start and an end
    seconds: float = 0.0  # their total length
    cards: int = 0
    checkin: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0])
    checkout: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0])
    actions: Actions = field(default_factory=Actions)

    def add(self, other: "Cell") -> None:
        for name in ("sessions", "not_held", "participants", "timed", "seconds", "cards"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.checkin = [a + b for a, b in zip(self.checkin, other.checkin)]
        self.checkout = [a + b for a, b in zip(self.checkout, other.checkout)]
        self.actions.add(other.actions)

    @property
    def mean_participants(self) -> float | None:
        return self.participants / self.sessions if self.sessions else None

    @property
    def mean_seconds(self) -> float | None:
        return self.seconds / self.timed if self.timed else None

    @property
    def ratings(self) -> tuple[int, int]:
        """Mood ratings given at check-in and at check-out (beside the people present)."""
        return sum(self.checkin), sum(self.checkout)


def count_actions(items: Iterable[tuple[str, ActionItem]]) -> Actions:
    """Action items ``(session id, item)`` of one period, each chain of carried items once.

    An item carries on from ``carried_from``; a record of schema 1 only says which
    session (``from_session``): the item there with the same text.  The latest item of a
    chain in the period gives its status; its first one says whether the chain was raised
    in the period or carried in from before it.
    """
    Key = tuple[str, str]  # (session id, item id): a copied id still counts apart
    items = list(items)
    by_key: dict[Key, ActionItem] = {}
    by_id: dict[str, Key] = {}
    by_text: dict[tuple[str, str], Key] | None = None  # only for schema-1 items
    for session_id, item in items:
        key = (session_id, item.id)
        by_key[key] = item
        by_id[item.id] = key
    parents: dict[Key, Key] = {}  # no entry: raised here (no parent)
    outside: Key = ("", "")  # carried on from before the period
    for key, item in by_key.items():
        if item.carried_from is not None:
            parent = by_id.get(item.carried_from, outside)
        elif item.from_session is not None:
            if by_text is None:
                by_text = {(session_id, one.what): (session_id, one.id)
                           for session_id, one in items}
            parent = by_text.get((item.from_session, item.what), outside)
        else:
            continue
        if parent != key:
            parents[key] = parent
    superseded = {p for p in parents.values() if p in by_key}
    decided = opened = done = carried = dropped = 0
    for key, item in by_key.items():
        if key in superseded:
            continue
        decided += 1
        parent = parents.get(key)
        if parent is not None:  # back to the chain's first item in the period
            seen = {key}
            while parent in by_key and parent not in seen:
                seen.add(parent)
                parent = parents.get(parent)
        if parent is None:
            opened += 1
        state = item.status
        if state is _DONE:
            done += 1
        elif state is _CARRIED:
            carried += 1
        elif state is _DROPPED:
            dropped += 1
    return Actions(decided=decided, opened=opened, carried_in=decided - opened, done=done,
                   carried=carried, dropped=dropped,
                   open=decided - done - carried - dropped)


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
    others: list[SessionRecord] = field(default_factory=list)  # not held, conflict copies
    actions: Actions = field(default_factory=Actions)  # over the whole period

    @property
    def overall(self) -> Cell:
        """Every cell added up; action items followed over the whole period."""
        summed = total(self.cells.values())
        summed.actions = self.actions
        return summed

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
    items: dict[tuple[str, int, int], list[tuple[str, ActionItem]]] = {}
    raised_strategies: list[str] = []
    raised_themes: list[str] = []
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
        if record.conflict_of is not None:  # the session is counted under its own id
            report.others.append(record)
            continue
        key = (site, day.year, day.month)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = Cell()
        if record.actions:
            items.setdefault(key, []).extend((record.id, a) for a in record.actions)
        if not record.counts_as_held:
            cell.not_held += 1
            report.others.append(record)
            continue
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
            cards[deck, card.card_id, card.domain] += 1
        counts = record.checkin.counts
        tally = cell.checkin
        for mood in (1, 2, 3, 4, 5):
            tally[mood - 1] += counts.get(mood, 0)
        counts = record.checkout.counts
        tally = cell.checkout
        for mood in (1, 2, 3, 4, 5):
            tally[mood - 1] += counts.get(mood, 0)
        if record.strategies:
            raised_strategies += set(record.strategies)  # each session once
        if record.themes:
            raised_themes += set(record.themes)
    for (_deck, _card, domain), times in cards.items():  # in the order cards came
        domains[domain] += times
    strategies.update(raised_strategies)
    themes.update(raised_themes)
    for key, found in items.items():
        cells[key].actions = count_actions(found)
    report.actions = count_actions(pair for found in items.values() for pair in found)
    return report
