"""Saving off the key handler: a worker thread writes, the screen says "saved" after.

``request`` snapshots the running session and schedules one flush shortly after
(keys typed meanwhile are folded into it); a flush that fails (disk full, card
pulled out) leaves the session in memory and is retried every few seconds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import App

from typing import TYPE_CHECKING

from ccfacil.i18n.runtime import _
from ccfacil.sessions.runner import Phase
from ccfacil.sessions.turns import Clock

if TYPE_CHECKING:  # storage is loaded just after the first frame, not before
    from ccfacil.storage.saver import SaveOutcome, Saver

DEBOUNCE = 0.3
AUTOSAVE_SECONDS = 15.0  # a running session's clocks are saved this often


@dataclass
class SaveState:
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


class Keeper:
    def __init__(self, app: App, clock: Clock):
        self.app = app
        self._clock = clock
        self._saver: Saver | None = None
        self.state = SaveState()
        self._scheduled = False

    @property
    def saver(self) -> Saver:
        if self._saver is None:
            from ccfacil.storage.saver import Saver

            self._saver = Saver(self.app.store, self._clock)
        return self._saver

    @property
    def idle(self) -> bool:
        """Nothing waiting to be saved and no save under way (tests wait for this)."""
        busy = any(w.group == "save" and not w.is_finished for w in self.app.workers)
        return not self._scheduled and not busy and (self._saver is None
                                                     or self._saver.pending == 0)

    def start(self) -> None:
        self.app.set_interval(AUTOSAVE_SECONDS, self._tick)

    def request(self) -> None:
        """Save soon: the snapshot is taken when the timer fires, not on every key."""
        if getattr(self.app, "session", None) is None:
            return
        self.state.pending = max(self.state.pending, 1)
        if not self._scheduled:
            self._scheduled = True
            self.app.set_timer(DEBOUNCE, self._flush_soon)

    def _tick(self) -> None:
        session = getattr(self.app, "session", None)
        if session is not None and session.phase is not Phase.DONE:
            self.request()
        elif self.saver.due():
            self._flush_soon()

    def _flush_soon(self) -> None:
        if self._scheduled:
            self._scheduled = False
            session = getattr(self.app, "session", None)
            if session is not None:
                self.saver.submit(session.snapshot())
        self.app.run_worker(self._flush_in_thread, thread=True, group="save",
                            name="save session", exit_on_error=False)

    def _flush_in_thread(self) -> None:
        outcome = self.saver.flush()
        self.app.call_from_thread(self._after, outcome)

    def _after(self, outcome: SaveOutcome) -> None:
        self.state.pending = outcome.pending or int(self._scheduled)
        self.state.error = outcome.error
        if outcome.saved and outcome.ok:
            self.state.saved_at = self.app.ctx.wall()
        for screen in self.app.screen_stack:  # under a pop-up too: it shows around it
            refresh = getattr(screen, "refresh_status", None)
            if refresh is not None and screen.is_mounted:
                refresh()

    def flush_now(self, record=None) -> SaveOutcome:
        """Save at once, on this thread (quitting): nothing may be left behind.

        ``record``: what to save for the running session instead of its snapshot (the
        session as it will be once finished)."""
        session = getattr(self.app, "session", None)
        if record is not None:
            self.saver.submit(record)
        elif session is not None:
            self.saver.submit(session.snapshot())
        outcome = self.saver.flush()
        self._after(outcome)
        return outcome
