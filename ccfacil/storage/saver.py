"""The save policy: what is written when, and what "saved" means.  One object, no Textual.

``Saver`` follows the running session (``follow``): every change to it (a method of
``SessionRun`` that bumps its ``changes`` count) tells the saver, which takes a snapshot a
moment later (``DEBOUNCE``: keys typed meanwhile fold into one save) and writes it on a
background thread.  A running session's clocks are saved every ``AUTOSAVE_SECONDS``
(``tick``) even if nothing else changed.  A failed save (disk full, card pulled out) keeps
the record pending in memory; it is tried again on the next tick, or after
``retry_seconds`` (by the injected clock) when no session runs.  ``flush_now`` saves at
once on the caller's thread (quitting); ``discard`` forgets a session.

The queue is thread-safe: ``submit`` copies the record, so the session may go on changing
while a flush writes the copy; the latest version of each record wins.  Everything else
(``follow``, the timers, ``state``) runs on one thread, the UI's.

How the timers and the thread are provided is the caller's: a ``Scheduler`` (the app's
thin adapter, ``ccfacil.tui.keeper``; a fake one in the tests).  Without one, a change is
saved at once on the caller's thread.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ccfacil.storage.errors import SaveError, _

if TYPE_CHECKING:
    from ccfacil.sessions.runner import SessionRun
    from ccfacil.sessions.session import SessionRecord
    from ccfacil.storage.repository import SessionRepository

DEBOUNCE = 0.3  # seconds between a change and its save: the keys typed meanwhile fold in
AUTOSAVE_SECONDS = 15.0  # a running session's clocks are saved this often
RETRY_SECONDS = 5.0  # after a failed save, when no session runs to bring the next try


@dataclass
class SaveOutcome:
    saved: list[str] = field(default_factory=list)  # ids saved by this flush
    pending: int = 0  # records still waiting
    error: str | None = None  # why the rest were not saved

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class SaveState:
    """What the status bar says about saving (a new value on every change)."""

    saved_at: dt.datetime | None = None
    error: str | None = None
    pending: int = 0

    def text(self) -> str:
        if self.error:
            return _("NOT SAVED: %(error)s (kept in memory, retrying)") % {"error": self.error}
        if self.pending:
            return _("saving…")
        if self.saved_at:
            return _("saved %(time)s") % {"time": self.saved_at.strftime("%H:%M:%S")}
        return ""


class Scheduler(Protocol):
    """Timers and a worker thread, as the UI provides them."""

    def later(self, delay: float, callback: Callable[[], None]) -> None:
        """Call ``callback()`` once, ``delay`` seconds from now, on the UI thread."""

    def in_background(self, work: Callable[[], SaveOutcome],
                      done: Callable[[SaveOutcome | None], None]) -> None:
        """Run ``work()`` on another thread, then ``done(result)`` on the UI thread
        (``done(None)`` if ``work`` raised)."""


class Saver:
    """The one save policy (see the module docstring)."""

    def __init__(self, store: SessionRepository | Callable[[], SessionRepository],
                 clock: Callable[[], float] = time.monotonic,
                 retry_seconds: float = RETRY_SECONDS, *,
                 wall: Callable[[], dt.datetime] | None = None,
                 scheduler: Scheduler | None = None,
                 on_state: Callable[[SaveState], None] | None = None):
        """``store``: the repository, or a function that opens it on first use."""
        self._store_source = store
        self._clock = clock
        self._wall = wall or (lambda: dt.datetime.now(dt.timezone.utc))
        self._retry_seconds = retry_seconds
        self._scheduler = scheduler
        self._on_state = on_state
        self._lock = threading.Lock()  # guards the queue below; never held during I/O
        self._flushing = threading.Lock()  # one flush at a time
        self._pending: dict[str, tuple[int, SessionRecord]] = {}  # id -> (version, copy)
        self._version = 0
        self._last_error: str | None = None
        self._failed_at: float | None = None
        # UI thread only:
        self._run: SessionRun | None = None
        self._scheduled = False  # a debounced save is on its way
        self._in_flight = 0  # background flushes not yet reported
        self.state = SaveState()

    # -- the session followed ------------------------------------------------------------
    @property
    def session(self) -> SessionRun | None:
        return self._run

    def follow(self, run: SessionRun | None) -> None:
        """Save ``run`` as it changes (None: no session runs).  A session newly followed is
        saved at once (debounced): a new one, or one resumed after a power cut.  The one
        followed before keeps its last changes: they are queued now."""
        if run is self._run:
            return
        if self._run is not None:
            self._run.unsubscribe(self._changed)
            if self._scheduled:  # its snapshot was yet to be taken
                self.submit(self._run.snapshot())
        self._run = run
        if run is not None:
            run.subscribe(self._changed)
            self._changed()

    def _changed(self) -> None:
        """The session changed: queue what it produced now, save its snapshot soon."""
        run = self._run
        if run is None:
            return
        for record in run.take_outbox():
            self.submit(record)
        self._set_state(pending=max(self.state.pending, 1))
        if not self._scheduled:
            self._scheduled = True
            if self._scheduler is None:
                self._debounced()
            else:
                self._scheduler.later(DEBOUNCE, self._debounced)

    def _debounced(self) -> None:
        if self._scheduled:
            self._scheduled = False
            if self._run is not None:
                self.submit(self._run.snapshot())
        self._flush_in_background()

    def tick(self) -> None:
        """Every ``AUTOSAVE_SECONDS``: a running session's clocks are saved (and with them
        anything a failed save left behind); with none, a failed save is tried again
        once ``retry_seconds`` have passed."""
        if self._run is not None and self._run.live:
            self._changed()
        elif self.due():
            self._flush_in_background()

    def _flush_in_background(self) -> None:
        if self._scheduler is None:
            self._after(self.flush())
            return
        self._in_flight += 1
        self._scheduler.in_background(self.flush, self._reported)

    def _reported(self, outcome: SaveOutcome | None) -> None:
        self._in_flight -= 1
        if outcome is not None:  # else the flush raised: a bug, logged by the worker
            self._after(outcome)

    def _after(self, outcome: SaveOutcome) -> None:
        saved_at = self._wall() if outcome.saved and outcome.ok else self.state.saved_at
        self._set_state(saved_at=saved_at, error=outcome.error,
                        pending=outcome.pending or int(self._scheduled))

    def _set_state(self, **changes) -> None:
        new = dataclasses.replace(self.state, **changes)
        if new != self.state:
            self.state = new
            if self._on_state is not None:
                self._on_state(new)

    @property
    def idle(self) -> bool:
        """Nothing waiting to be saved and no save under way (tests wait for this)."""
        return not self._scheduled and not self._in_flight and self.pending == 0

    def flush_now(self, record: SessionRecord | None = None) -> SaveOutcome:
        """Save at once, on this thread (quitting, exporting): nothing may be left behind.

        ``record``: what to save for the running session instead of its snapshot (the
        session as it will be once finished).  If that fails, what stays pending is the
        running session as it is, not ``record``: it runs on until it is saved."""
        if record is not None:
            self.submit(record)
        elif self._run is not None:
            self.submit(self._run.snapshot())
        outcome = self.flush()
        if record is not None and not outcome.ok and self._run is not None \
                and record.id == self._run.record.id:
            self.submit(self._run.snapshot())
        self._after(outcome)
        return outcome

    # -- the queue (any thread) -----------------------------------------------------------
    def submit(self, record: SessionRecord) -> None:
        """Queue a copy of the record; a later submit of the same id replaces it."""
        snapshot = copy.deepcopy(record)
        with self._lock:
            self._version += 1
            self._pending[record.id] = (self._version, snapshot)

    def discard(self, session_id: str, delete: Callable[[str], object]) -> None:
        """Forget a record: nothing pending for it is saved, and ``delete`` (removing it
        from the store) runs when no flush is under way, so none brings it back.  The
        session followed, if it is this one, is followed no more."""
        if self._run is not None and self._run.record.id == session_id:
            self.follow(None)
        with self._flushing:
            with self._lock:
                self._pending.pop(session_id, None)
            delete(session_id)
        self._set_state(pending=self.pending or int(self._scheduled))

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    @property
    def last_error(self) -> str | None:
        with self._lock:
            return self._last_error

    def due(self) -> bool:
        """Is there something to save, and has the retry delay passed since a failure?"""
        with self._lock:
            if not self._pending:
                return False
            return (self._failed_at is None
                    or self._clock() - self._failed_at >= self._retry_seconds)

    def _store(self) -> SessionRepository:
        source = self._store_source
        return source() if callable(source) and not hasattr(source, "save") else source

    def flush(self) -> SaveOutcome:
        """Save everything pending; what fails stays pending for the next try."""
        with self._flushing:
            with self._lock:
                batch = list(self._pending.items())
            saved, error = [], None
            store = self._store() if batch else None
            for session_id, (version, record) in batch:
                try:
                    store.save(record)
                except SaveError as exc:  # the disk refused: keep it and the rest for later
                    error = str(exc)
                    break
                saved.append(session_id)
                with self._lock:  # unless a newer version came in meanwhile
                    if self._pending.get(session_id, (None,))[0] == version:
                        del self._pending[session_id]
            with self._lock:
                self._last_error = error
                self._failed_at = self._clock() if error else None
                return SaveOutcome(saved, len(self._pending), error)
