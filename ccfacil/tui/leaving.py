"""Leaving a session and quitting the app: nothing is lost on the way out.

A mixin of ``CcfacilApp`` (``ccfacil.tui.app``), as ``StartingMixin`` is: it uses the
app's ``session``, ``store``, ``keeper`` and screens.  A session with nothing in it is
discarded, kept (started but not held) or gone back to; a running one is saved as
finished before the app goes, and the app never goes with a save that failed unless
the facilitator says so.
"""

from __future__ import annotations

from collections.abc import Callable

from ccfacil.errors import CcfacilError
from ccfacil.i18n.runtime import N_
from ccfacil.sessions.runner import Phase

QUIT_QUESTION = N_("Quit now? The session in progress will end.")
QUIT_DONE_QUESTION = N_("Quit ccfacil? The session is saved.")
UNSAVED_QUESTION = N_("The session could not be saved (%(error)s). Quit anyway and lose it?")


class LeavingMixin:
    def new_session(self) -> None:
        """Back to the setup screen (a session with nothing in it: discard it or keep it)."""
        from ccfacil.tui.screens.setup import SetupScreen

        def go() -> None:
            self.keeper.saver.flush_now()
            self.session = None
            self._show_instead(SetupScreen())

        self._leave_session(go)

    def _leave_session(self, then: Callable[[], None]) -> None:
        """Leave the session, then ``then()``.  Nothing recorded in it: discard it (the
        default), keep it (counted as started but not held), or go back to it."""
        from ccfacil.tui.screens.discard import DiscardScreen

        run = self.session
        if run is None or not run.record.is_empty:
            then()
            return

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.discard_session()
                then()
            elif answer == "keep":
                if run.phase is not Phase.DONE:
                    run.finish()
                then()

        self.push_screen(DiscardScreen(), answered)

    def discard_session(self) -> None:
        """Forget the running session: not saved, and removed from the data folder."""
        run, self.session = self.session, None
        if run is None:
            return
        try:
            self.keeper.saver.discard(run.record.id, self.store.delete)
        except CcfacilError as exc:
            self.notify(str(exc), severity="error", markup=False)

    def action_quit_request(self) -> None:
        from ccfacil.tui.screens.confirm import ConfirmScreen
        from ccfacil.tui.screens.discard import DiscardScreen

        if isinstance(self.screen, (ConfirmScreen, DiscardScreen)):
            return
        if self.session is not None and self.session.record.is_empty:
            self._leave_session(self._save_and_exit)  # discard it, keep it, or go back
            return
        if self.session is None:
            self._save_and_exit()
            return
        if self.session.phase is Phase.DONE:
            self.push_screen(ConfirmScreen(QUIT_DONE_QUESTION),
                             lambda yes: self._save_and_exit() if yes else None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._save_and_exit(finishing=True)

        self.push_screen(ConfirmScreen(QUIT_QUESTION), answered)

    def _save_and_exit(self, force: bool = False, finishing: bool = False) -> None:
        """Nothing is lost by quitting: the last save happens before the app goes.

        A running session is saved as finished, but it is finished in memory only once
        that save is on disk: answering No to "quit anyway and lose it?" leaves it
        running, clocks and all, as if the quit had never been asked for.
        """
        from ccfacil.tui.screens.confirm import ConfirmScreen

        if force:
            self.keeper.saver.flush()  # one last try
            self.exit()
            return
        final = self.session.finished_snapshot() if finishing else None
        outcome = self.keeper.saver.flush_now(final)
        if outcome.ok:
            if finishing:
                self.session.finish()
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            if yes:  # else go on: the running session is what waits to be saved
                self._save_and_exit(force=True)

        self.push_screen(ConfirmScreen(UNSAVED_QUESTION, {"error": outcome.error}), answered)
