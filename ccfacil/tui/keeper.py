"""The save policy's hands in the app: Textual timers and a worker thread, nothing more.

What is saved when, and what the status bar says about it, is the core's
(``ccfacil.storage.saver.Saver``): the app only follows the running session
(``follow``), gives the policy its timers and thread, and puts each new ``SaveState``
into the app's ``save_state`` reactive, which the session screen watches for its status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:  # storage is loaded just after the first frame, not before
    from ccfacil.sessions.runner import SessionRun
    from ccfacil.storage.saver import SaveOutcome, Saver


class Keeper:
    def __init__(self, app: App):
        self.app = app
        self._saver: Saver | None = None

    @property
    def saver(self) -> Saver:
        """The save policy (made on first use: the store opens after the first frame)."""
        if self._saver is None:
            from ccfacil.storage.saver import Saver

            app = self.app
            self._saver = Saver(lambda: app.store, app.ctx.clock, wall=app.ctx.wall,
                                scheduler=self, on_state=self._show_state)
        return self._saver

    @property
    def idle(self) -> bool:
        """Nothing waiting to be saved and no save under way (tests wait for this)."""
        return self._saver is None or self._saver.idle

    def start(self) -> None:
        from ccfacil.storage.saver import AUTOSAVE_SECONDS

        self.app.set_interval(AUTOSAVE_SECONDS, self.tick)

    def tick(self) -> None:
        """The autosave timer (tests call it to stand for the time passing)."""
        if self._saver is not None:
            self._saver.tick()

    def follow(self, run: SessionRun | None) -> None:
        if run is not None or self._saver is not None:
            self.saver.follow(run)

    # -- what the policy asks of the app (``ccfacil.storage.saver.Scheduler``) ----------
    def later(self, delay: float, callback: Callable[[], None]) -> None:
        self.app.set_timer(delay, callback)

    def in_background(self, work: Callable[[], SaveOutcome],
                      done: Callable[[SaveOutcome | None], None]) -> None:
        def job() -> None:
            result = None
            try:
                result = work()
            finally:
                self.app.call_from_thread(done, result)

        self.app.run_worker(job, thread=True, group="save", name="save session",
                            exit_on_error=False)

    def _show_state(self, state) -> None:
        self.app.save_state = state
