"""A session cut short by a power cut (or a killed terminal) resumes where it stood.

While a session runs, every save carries its position in the record's ``resume``
field (phase, card, reveals, turn, clocks, the draw pile as card ids); the notes,
tallies and cards are in the record itself. On the next start the app offers to
resume the folder's latest session if it never ended, or to close it as it stands.
Either way it stays one record, with the same id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from ccfacil.cards.deck import Deck
from ccfacil.errors import CcfacilError
from ccfacil.i18n.translation import _
from ccfacil.sessions.position import RESUME_VERSION as VERSION
from ccfacil.sessions.runner import Phase, SessionRun, SessionSetup
from ccfacil.sessions.session import SessionRecord, SessionState, _parse_time
from ccfacil.sessions.turns import Clock

MAX_ITEMS = 1000  # card ids and mood counts kept in a position: bounded
PHASES = ("opening", "cards", "closing")


class CannotResume(CcfacilError):
    """The saved position does not fit (deck gone or changed, damaged record)."""


def unfinished(record: SessionRecord) -> bool:
    """Is this session still running (in progress, never ended)? The one place that
    decides it."""
    return record.ended_at is None and record.state is SessionState.IN_PROGRESS


def latest_unfinished(records: Iterable[SessionRecord], origin: str | None = None
                      ) -> SessionRecord | None:
    """The data folder's latest session, if it never ended (a power cut, a killed window).
    With ``origin``, only sessions this data folder created count: one merged from
    another device is that device's to resume."""
    started = [r for r in records if r.started_at is not None and r.conflict_of is None
               and (origin is None or r.origin == origin)]
    if not started:
        return None
    latest = max(started, key=lambda r: r.started_at)
    return latest if unfinished(latest) else None


def _check(saved: Any) -> dict[str, Any]:
    if not isinstance(saved, dict) or saved.get("v") != VERSION:
        raise CannotResume(_("its position was not saved in a form this version can read"))
    if saved.get("phase") not in PHASES:
        raise CannotResume(_("its position was not saved in a form this version can read"))
    for key in ("history", "pile", "domains", "round", "moods"):
        value = saved.get(key) or []
        if not isinstance(value, list) or len(value) > MAX_ITEMS or not all(
                isinstance(item, str) for item in value):
            raise CannotResume(_("its position was not saved in a form this version can read"))
    return saved


def restore(record: SessionRecord, deck: Deck, clock: Clock,
            wall: Callable[[], dt.datetime]) -> SessionRun:
    """The running session, back where ``record.resume`` says; CannotResume if it cannot be."""
    saved = _check(record.resume)
    if deck.id != record.deck:
        raise CannotResume(_("its deck '%(deck)s' is not installed here") % {"deck": record.deck})
    try:
        setup = SessionSetup(
            lang=record.lang, deck=record.deck, participants=record.participants,
            turn_seconds=int(saved["turn_seconds"]), length_minutes=record.planned_minutes,
            mode=str(saved.get("mode") or "shuffle"), seed=saved.get("seed"),
            site=record.site, facilitator=record.facilitator)
        run = SessionRun(setup, deck, clock, wall)
        run.record = SessionRecord.from_dict(record.to_dict())  # same id; ``record`` untouched
        run.record.resume = None  # each save writes the position afresh
        run.phase = Phase(saved["phase"])
        run.pile.restore(saved)
        run.reveal = max(0, min(3, int(saved.get("reveal", 1))))
        run.turn.restore(int(saved["seat"]), float(saved["turn_allowance"]),
                         float(saved["turn_spoken"]))
        run.session_watch.restore(float(saved["elapsed"]))
        run.session_watch.start()
        moods = []
        for entry in saved.get("moods") or []:
            phase, _sep, mood = entry.partition(":")
            moods.append((Phase(phase), int(mood)))
        run.restore_mood_log(moods)
    except CcfacilError as exc:
        raise CannotResume(str(exc)) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise CannotResume(_("its position was not saved in a form this version can read")) \
            from exc
    if run.phase is Phase.CARDS:
        if run.pile.current is None:
            raise CannotResume(_("its position was not saved in a form this version can read"))
        run.card_watch.start()
    return run


def close_as_it_stands(record: SessionRecord) -> SessionRecord:
    """End the session where the last save left it (nothing is added or taken away)."""
    saved = record.resume if isinstance(record.resume, dict) else {}
    end = None
    try:
        end = _parse_time(saved.get("saved_at"))
    except ValueError:
        end = None
    if end is None and record.started_at is not None:
        elapsed = saved.get("elapsed")
        seconds = float(elapsed) if isinstance(elapsed, (int, float)) else 0.0
        end = record.started_at + dt.timedelta(seconds=max(0.0, seconds))
    record.ended_at = end or record.started_at
    record.resume = None
    record.settle()  # held if anything was recorded, else not held
    return record
