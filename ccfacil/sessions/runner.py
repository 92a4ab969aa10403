"""A session as it runs: phases, the draw pile, card reveals, turns and the record.

The screen only shows this state and forwards keys; everything here runs on an
injected clock (monotonic seconds) and an injected wall clock (for the record).

The record is ``in_progress`` until ``finish`` settles it as held or not held.  Its
revision follows the rule of ``ccfacil.sessions.revisions``: while the session runs, saves amend
the head revision, until ``share`` (a json export) or ``finish`` makes it permanent.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from ccfacil.cards.deck import Card, Deck
from ccfacil.cards.draw import DrawMode, DrawPile
from ccfacil.errors import UsageProblem
from ccfacil.i18n.translation import _
from ccfacil.sessions.editing import SessionEdits
from ccfacil.sessions.limits import LENGTH_MINUTES, PARTICIPANTS, PRESENT, TURN_SECONDS
from ccfacil.sessions.phase import PHASE_NAMES, Phase  # noqa: F401  (their home is phase)
from ccfacil.sessions.position import resume_position
from ccfacil.sessions.revisions import revise
from ccfacil.sessions.session import (
    Attendance,
    CardRecord,
    SessionRecord,
    SessionState,
    new_origin,
    now,
)
from ccfacil.sessions.turns import Clock, Stopwatch, TurnTimer
from ccfacil.sessions.validate import MAX_SECONDS

REVEAL_LEVELS = 3  # question, advice, affirmation


def parse_turn(text: str) -> int:
    """``M:SS`` (or plain seconds) to seconds, 10 s to 30 min."""
    match = re.fullmatch(r"\s*(?:(\d{1,2}):)?(\d{1,4})\s*", text or "")
    if not match:
        raise UsageProblem(_("turn length '%(text)s' is not M:SS (e.g. 2:00)") % {"text": text})
    minutes, seconds = int(match.group(1) or 0), int(match.group(2))
    if match.group(1) is not None and seconds >= 60:
        raise UsageProblem(_("turn length '%(text)s': seconds must be under 60")
                           % {"text": text})
    total = minutes * 60 + seconds
    if not TURN_SECONDS.holds(total):
        raise UsageProblem(_("turn length '%(text)s' must be between 0:10 and 30:00")
                           % {"text": text})
    return total


def _capped(seconds: float) -> float:
    """A card's time as the record keeps it: never more than a day (a laptop left open
    on one card over a weekend still gives a record every reader accepts)."""
    return min(seconds, MAX_SECONDS)


def format_turn(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


@dataclass
class SessionSetup:
    """What the facilitator chose before starting (all validated by ``check``)."""

    lang: str = "fr"
    deck: str = "courage"
    participants: int = 10
    turn_seconds: int = 120
    length_minutes: int = 60
    mode: str = "shuffle"  # shuffle | balanced | domain:<id>[,<id>...]
    seed: int | None = None
    site: str = ""
    facilitator: str = ""
    origin: str = ""  # the data folder's anonymous id (a new one if not given)

    def check(self, deck: Deck | None = None) -> "SessionSetup":
        if not PARTICIPANTS.holds(self.participants):
            raise UsageProblem(_("participants must be %(min)d to %(max)d, not %(num)d")
                               % {"min": PARTICIPANTS.low, "max": PARTICIPANTS.high,
                                  "num": self.participants})
        if not TURN_SECONDS.holds(self.turn_seconds):
            raise UsageProblem(_("turn length must be between 0:10 and 30:00"))
        if not LENGTH_MINUTES.holds(self.length_minutes):
            raise UsageProblem(_("session length must be 5 to 600 minutes, not %(num)d")
                               % {"num": self.length_minutes})
        if not re.fullmatch(r"[A-Za-z0-9_.-]{0,32}", self.site):
            raise UsageProblem(_("site code '%(site)s': use letters, digits, '-', '_' or '.'")
                               % {"site": self.site})
        mode, domains = self.draw_mode()
        if deck is not None and domains:
            unknown = set(domains) - set(deck.domain_ids)
            if unknown:
                raise UsageProblem(_("unknown domain: %(domains)s (known: %(known)s)") % {
                    "domains": ", ".join(sorted(unknown)), "known": ", ".join(deck.domain_ids)})
        return self

    def draw_mode(self) -> tuple[DrawMode, tuple[str, ...]]:
        if self.mode in ("shuffle", "balanced"):
            return DrawMode(self.mode), ()
        domains = tuple(d.strip() for d in self.mode[7:].split(",") if d.strip())
        if self.mode.startswith("domain:") and domains:
            return DrawMode.SHUFFLE, domains
        raise UsageProblem(_("mode '%(mode)s' is not shuffle, balanced or domain:<domain>")
                           % {"mode": self.mode})


@dataclass
class CardView:
    """The card on screen, in the current language, and how much of it is shown."""

    card: Card
    domain_title: str
    reveal: int  # 1 = question, 2 = + advice, 3 = + affirmation
    position: int
    drawn: int


@dataclass
class SessionRun(SessionEdits):
    """The running session.  Every change is a method (here or in ``SessionEdits``) that
    bumps ``changes``: the save policy follows that count, nobody asks for a save."""

    setup: SessionSetup
    deck: Deck  # localized; replaced on a language switch, same card ids
    clock: Clock
    wall: Callable[[], dt.datetime] = now
    avoid: Collection[str] = ()
    phase: Phase = Phase.OPENING
    record: SessionRecord = field(init=False)

    def __post_init__(self) -> None:
        self.setup.check(self.deck)
        mode, domains = self.setup.draw_mode()
        self.pile = DrawPile(self.deck.cards, random.Random(self.setup.seed), domains=domains,
                             mode=mode, avoid=self.avoid)
        self.turn = TurnTimer(self.setup.participants, self.setup.turn_seconds, self.clock)
        self.session_watch = Stopwatch(self.clock)
        self.card_watch = Stopwatch(self.clock)
        self.reveal = 0
        self.record = SessionRecord(
            site=self.setup.site, deck=self.deck.id, lang=self.setup.lang,
            participants=self.setup.participants, facilitator=self.setup.facilitator,
            planned_minutes=self.setup.length_minutes, started_at=self.wall(),
            state=SessionState.IN_PROGRESS, origin=self.setup.origin or new_origin(),
        )
        self.session_watch.start()
        self._moods: list[tuple[Phase, int]] = []
        self._permanent: set[str] = set()  # revision hashes that may have left the device
        self._listeners: list[Callable[[], None]] = []  # told of every change
        self._outbox: list[SessionRecord] = []  # other records to save (the follow-up)
        self._reviewed: set[tuple[str, str, object]] = set()  # follow-up items acted on

    # -- what the screen shows -------------------------------------------
    @property
    def planned_seconds(self) -> float:
        return self.setup.length_minutes * 60.0

    def elapsed(self) -> float:
        return self.session_watch.elapsed()

    @property
    def live(self) -> bool:
        """Its clocks run until it is finished (the autosave keeps them)."""
        return self.phase is not Phase.DONE

    @property
    def cards_discussed(self) -> int:
        return len(self.record.cards)

    def view(self) -> CardView | None:
        card_id = self.pile.current.id if self.pile.current else None
        if self.phase is not Phase.CARDS or card_id is None:
            return None
        card = self.deck.card(card_id)
        state = self.pile.state()
        return CardView(card, self.deck.domain(card.domain).title, self.reveal,
                        state.position, state.drawn)

    # -- moves ----------------------------------------------------------------
    def next(self) -> None:
        """``n``: opening -> first card; next card; closing -> finished."""
        if self.phase is Phase.OPENING:
            self._bank_round()
            self.phase = Phase.CARDS
            self._show(self.pile.next())
        elif self.phase is Phase.CARDS:
            self._leave()
            self._show(self.pile.next())
        elif self.phase is Phase.CLOSING:
            self.finish()
            return
        else:
            return
        self._changed()

    def skip(self) -> None:
        if self.phase is not Phase.CARDS:
            return
        self._leave(discard=True)
        self._show(self.pile.skip())
        self._changed()

    def back(self) -> None:
        if self.phase is not Phase.CARDS or self.pile.cursor <= 0:
            return
        self._leave()
        self._show(self.pile.back())
        self._changed()

    def reveal_more(self) -> int:
        if self.phase is Phase.CARDS and self.reveal < REVEAL_LEVELS:
            self.reveal += 1
            self._changed()
        return self.reveal

    def close(self) -> None:
        """Go to the closing round (check-out and thanks)."""
        if self.phase is Phase.CARDS:
            self._leave()
        self._bank_round()
        if self.phase in (Phase.OPENING, Phase.CARDS):
            self.phase = Phase.CLOSING
        self._changed()

    def finish(self) -> SessionRecord:
        if self.phase is Phase.CARDS:
            self._leave()
        self._bank_round()
        self.turn.pause()
        self.session_watch.pause()
        self.phase = Phase.DONE
        self.record.ended_at = self.wall()
        self.record.settle()
        revise(self.record, amend=self.record.revisions[0] not in self._permanent)
        self._permanent.add(self.record.revisions[0])  # sealed: a later change adds one
        self._changed()
        return self.record

    def finished_snapshot(self) -> SessionRecord:
        """The record as ``finish`` would leave it (ended, its state settled), without
        finishing the session."""
        data = self.snapshot()
        data.ended_at = self.wall()
        data.settle()
        revise(data, amend=data.revisions[0] not in self._permanent)
        return data

    # -- people present -------------------------------------------------------------
    @property
    def present(self) -> int:
        return self.record.participants

    def confirm_present(self, count: int) -> None:
        """The number of people present to start with (confirmed, not a correction)."""
        self._check_present(count)
        self.setup.participants = self.record.participants = self.record.seats = count
        self.turn.set_seats(count)
        self._changed()

    def _check_present(self, count: int) -> None:
        if not PRESENT.holds(count):
            raise UsageProblem(_("people present must be 1 to %(max)d, not %(num)d")
                               % {"max": PRESENT.high, "num": count})

    def set_present(self, count: int) -> bool:
        """Someone came or left: the people present now.  The seats follow; the time each
        seat spoke is kept, and the speaker on the floor keeps it.  False if unchanged."""
        self._check_present(count)
        if count == self.record.participants:
            return False
        self.record.participants = count
        self.record.attendance.append(Attendance(self.wall(), count))
        self.record.seats = max(self.record.seats or count, count)
        self.turn.set_seats(count)
        self._changed()
        return True

    # -- the speaker's clock (not once the session is finished) -------------------------
    def toggle_turn(self) -> None:
        self._turn(self.turn.toggle)

    def next_speaker(self) -> None:
        self._turn(self.turn.next_speaker)

    def adjust_turn(self, seconds: float) -> None:
        self._turn(self.turn.adjust, seconds)

    def _turn(self, change, *args) -> None:
        if self.phase is not Phase.DONE:
            change(*args)
            self._changed()

    # -- card records ---------------------------------------------------------
    def _record_for(self, card_id: str) -> CardRecord | None:
        for record in self.record.cards:
            if record.card_id == card_id:
                return record
        return None

    def _show(self, card: Card) -> None:
        self.reveal = 1
        if self._record_for(card.id) is None:
            self.record.cards.append(CardRecord(card.id, card.domain, started_at=self.wall()))
        self.card_watch.reset()
        self.card_watch.start()

    def _leave(self, discard: bool = False) -> None:
        current = self.pile.current
        if current is None:
            return
        record = self._record_for(current.id)
        spent = self.card_watch.reset()
        airtime = self.turn.take_airtime()
        if record is None:
            return
        if discard and not record.note:
            self.record.cards.remove(record)
            return
        record.seconds = _capped(record.seconds + spent)
        add_airtime(record.airtime, airtime)

    # -- speaking time in the opening and closing rounds -------------------------
    def round_name(self) -> str | None:
        return {Phase.OPENING: "opening", Phase.CLOSING: "closing"}.get(self.phase)

    def _bank_round(self) -> None:
        """Keep the time spoken in the opening or closing round (the turn in progress too)."""
        name = self.round_name()
        if name is None:
            return
        add_airtime(self.record.round_airtime.setdefault(name, {}), self.turn.take_airtime())
        if not self.record.round_airtime[name]:
            del self.record.round_airtime[name]

    def card_record(self) -> CardRecord | None:
        """The record of the card on screen (for its note)."""
        current = self.pile.current
        return self._record_for(current.id) if current and self.phase is Phase.CARDS else None

    def snapshot(self) -> SessionRecord:
        """The record with the card in progress counted so far (for saving mid-card),
        under its revision: the head amended while the session runs and the head has
        never left the device, a new one otherwise."""
        data = SessionRecord.from_dict(self.record.to_dict())
        current = self.card_record()
        if current is not None:
            live = next(c for c in data.cards if c.card_id == current.card_id)
            live.seconds = _capped(live.seconds + self.card_watch.elapsed())
            add_airtime(live.airtime, self.turn.airtime_now())
        elif self.round_name() is not None and self.turn.airtime_now():
            add_airtime(data.round_airtime.setdefault(self.round_name(), {}),
                        self.turn.airtime_now())
        if self.phase is not Phase.DONE:
            data.resume = resume_position(self, self.wall())
        amend = self.phase is not Phase.DONE and data.revisions[0] not in self._permanent
        revise(data, amend=amend)
        self.record.rev, self.record.revisions = data.rev, list(data.revisions)
        return data

    def share(self) -> SessionRecord:
        """The record as a json export takes it off the device: its revision is permanent
        (the next change makes a new one)."""
        data = self.snapshot()
        self._permanent.add(data.revisions[0])
        return data


def add_airtime(total: dict[int, float], more: dict[int, float]) -> None:
    """Seconds spoken, added seat by seat (each capped at a day, as the record keeps it)."""
    for seat, seconds in more.items():
        total[seat] = _capped(total.get(seat, 0.0) + seconds)
