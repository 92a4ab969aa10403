"""What the app does as a session starts: the first screen (setup, or the session with
``--start``), the people present, the follow-up of the site's open action items, and the
offer to resume a session cut short by a power cut.

A mixin of ``CcfacilApp`` (``ccfacil.tui.app``): it uses the app's ``store``, ``ctx``,
``session``, ``keeper`` and screens, and keeps the App class small.  The rules (what is
reviewed, what carrying over does) are the core's: ``ccfacil.sessionstart`` and
``SessionRun.carry_over``.
"""

from __future__ import annotations

from textual.screen import Screen

from ccfacil.errors import CcfacilError
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import _
from ccfacil.sessions.runner import SessionRun, SessionSetup


class StartingMixin:
    def get_default_screen(self) -> Screen:
        """The first screen: setup, or the session itself with ``--start``."""
        from ccfacil.tui.screens.setup import SetupScreen

        if self.ctx.start_session and not self._unfinished_waiting():
            self._confirm_people = self.ctx.people_hint is not None  # remembered, not given
            self._people_known = self.ctx.people_last is not None  # a "last time" to show
            try:
                screen = self._session_screen(self.ctx.setup)
            except CcfacilError as exc:  # the store cannot be opened: one line, exit 1
                self.call_later(self._fail, exc)
                return SetupScreen()
            self.call_later(self._after_start)
            return screen
        return SetupScreen()

    def _session_screen(self, setup: SessionSetup) -> Screen:
        from ccfacil.tui.screens.session import SessionScreen

        self.ctx.setup = setup
        self.ctx.people_hint = setup.participants  # proposed next time, to be confirmed
        self.ctx.people_last = setup.participants
        setup.origin = self.ctx.origin
        self._remember(setup)
        from ccfacil.sessionstart import start_run

        deck = self.ctx.localized_deck(setup.deck)
        self.session = start_run(setup, deck, lambda: self.store,
                                 self.ctx.settings.fresh_sessions, self.ctx.clock, self.ctx.wall)
        return SessionScreen(self.session)

    def start_session(self, setup: SessionSetup) -> None:
        self._show_instead(self._session_screen(setup))
        self._after_start()

    def _after_start(self) -> None:
        """Confirm the people present if nobody typed the number; then review the site's
        open action items.  (The new session is saved as soon as it is the app's
        ``session``: the save policy follows it.)"""
        if self._confirm_people:
            from ccfacil.tui.screens.attendance import AttendanceScreen

            self._confirm_people = False
            self.push_screen(AttendanceScreen(self.session.present, confirm=True,
                                              last_known=self._people_known),
                             self._people_confirmed)
            return
        self._follow_up()

    def _people_confirmed(self, count: int | None) -> None:
        if count is not None and self.session is not None:
            self.session.confirm_present(count)
            self._remember(self.session.setup)
        self._follow_up()

    def _follow_up(self) -> None:
        from ccfacil.sessionstart import to_review

        review = to_review(lambda: self.store, self.session) if self.session is not None else []
        if review:
            from ccfacil.tui.screens.followup import FollowUpScreen

            self.push_screen(FollowUpScreen(review), self._apply_follow_up)

    def _apply_follow_up(self, review) -> None:
        if review and self.session is not None:
            self.session.carry_over(review)

    # -- a session cut short by a power cut ---------------------------------------
    def _unfinished_waiting(self) -> bool:
        from ccfacil.sessions import resume

        try:
            return resume.latest_unfinished(self.store.list(), self.ctx.origin) is not None
        except CcfacilError:
            return False

    def offer_resume(self) -> None:
        """The folder's latest session never ended: offer to resume it or close it."""
        from ccfacil.sessions import resume
        from ccfacil.tui.screens.resume import CLOSE, RESUME, ResumeScreen

        if self.session is not None:
            return
        record = resume.latest_unfinished(self.store.list(), self.ctx.origin)
        if record is None:
            return
        run, problem = None, None
        try:
            deck = self.ctx.localized_deck(record.deck)
            run = resume.restore(record, deck, self.ctx.clock, self.ctx.wall)
        except CcfacilError as exc:
            problem = str(exc)

        def answered(choice: str | None) -> None:
            if choice == RESUME and run is not None and self.session is None:
                self._resume(run)
            elif choice == CLOSE:
                self.keeper.saver.submit(resume.close_as_it_stands(record))
                outcome = self.keeper.saver.flush_now()
                if outcome.ok:
                    self.notify(_("The unfinished session was closed as it stands."),
                                timeout=6, markup=False)

        self.push_screen(ResumeScreen(record, problem), answered)

    def _resume(self, run: SessionRun) -> None:
        """Carry on with ``run``: same record, same card, same turn (paused)."""
        from ccfacil.tui.screens.session import SessionScreen

        self.session = run
        self.ctx.setup = run.setup
        if run.record.lang != i18n.current_language() and \
                run.record.lang in self.ctx.languages():
            self.switch_language(run.record.lang)
        self._show_instead(SessionScreen(run))
