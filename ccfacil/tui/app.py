"""The Textual app: a small shell that holds the context and switches screens."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen
from textual.signal import Signal

from ccfacil import console
from ccfacil.cards import domainstyle
from ccfacil.cards.library import DeckLibrary
from ccfacil.errors import CcfacilError
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import N_, _
from ccfacil.runenv import RunEnv
from ccfacil.sessions.runner import Phase, SessionRun, SessionSetup
from ccfacil.sessions.session import now
from ccfacil.sessions.turns import Clock
from ccfacil.storage.saver import SaveState
from ccfacil.tui.context import AppContext
from ccfacil.tui.keeper import Keeper
from ccfacil.tui.starting import StartingMixin

if TYPE_CHECKING:
    from ccfacil.storage.filelock import DataLock
    from ccfacil.storage.repository import SessionRepository

QUIT_QUESTION = N_("Quit now? The session in progress will end.")
QUIT_DONE_QUESTION = N_("Quit ccfacil? The session is saved.")
UNSAVED_QUESTION = N_("The session could not be saved (%(error)s). Quit anyway and lose it?")


class CcfacilApp(StartingMixin, App[None]):
    CSS_PATH = "ccfacil.tcss"
    TITLE = "ccfacil"
    ENABLE_COMMAND_PALETTE = False  # its texts are English only
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    # Every key: ``ccfacil.tui.keys`` (the bar's label, then the help's line).
    BINDINGS = [
        # Focus moves as the key comes in, before the keys typed after it are handed
        # on: they land in the next field, never in the one just left.
        Binding("tab", "focus_next", N_("Next field"), priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
        Binding("l", "switch_language", N_("Language"),
                tooltip=N_("switch language: nothing is lost")),
        Binding("p", "toggle_theme", show=False,
                tooltip=N_("projector display (high contrast) on or off")),
        Binding("m", "toggle_bell", show=False,
                tooltip=N_("bell on or off when a speaker's time is over")),
        Binding("question_mark,f1", "help", N_("Help"), key_display="?",
                tooltip=N_("this help"), priority=True),
        Binding("ctrl+q,ctrl+c", "quit_request", N_("Quit"), key_display="ctrl+q",
                priority=True),
    ]

    save_state: var[SaveState] = var(SaveState)  # the status bar watches it

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, and each domain's colour (``$domain-self``, ...)."""
        return {**super().get_css_variables(), **domainstyle.css_variables()}

    def __init__(self, ctx: AppContext, store: SessionRepository | None = None):
        super().__init__()
        from ccfacil.paths import cache_dir
        from ccfacil.tui.csscache import CachedStylesheet

        # Our .tcss parsed once, then read back (a tenth of the time to the first frame).
        self.stylesheet = CachedStylesheet(variables=self.get_css_variables(),
                                           cache_dir=cache_dir() / "css")
        self.ctx = ctx
        self._store = store
        self.keeper = Keeper(self)
        # Screens and widgets that show words follow the language (``appref.follow_language``).
        self.language_changed_signal: Signal[str] = Signal(self, "language-changed")
        # A site's referral text was edited: the help and the check-out show the new one.
        self.referral_changed_signal: Signal[str] = Signal(self, "referral-changed")
        self._session: SessionRun | None = None
        self._confirm_people = False  # --start without --participants: ask at the start

    def run(self, *args, **kwargs):
        """Runs with what exists now (Textual, the app, catalogs, the deck: all as long-lived
        as the app) out of the garbage collector's rounds, which otherwise walk it again
        and again while the first frame is drawn; unfrozen when the app ends."""
        import gc

        gc.freeze()
        try:
            return super().run(*args, **kwargs)
        finally:
            gc.unfreeze()

    @property
    def session(self) -> SessionRun | None:
        """The running session: its changes are saved as they come (``Keeper.follow``)."""
        return self._session

    @session.setter
    def session(self, run: SessionRun | None) -> None:
        self._session = run
        self.keeper.follow(run)

    @property
    def store(self) -> SessionRepository:
        """The saved sessions, opened (and locked) on first use, just after the first frame.

        Reading a large history takes a moment on a slow machine: the facilitator sees
        the setup screen meanwhile. Anything recovered from damaged files is said once.
        """
        if self._store is None:
            self._store = self.ctx.env.open_store(tell=lambda detail: self.notify(
                detail, severity="warning", timeout=15, markup=False))
        return self._store

    def _open_store(self) -> None:
        try:
            self.store
        except CcfacilError as exc:  # the folder could not be read, or another window has it
            self._fail(exc)
            return
        self.offer_resume()

    def _fail(self, exc: CcfacilError) -> None:
        from rich.text import Text

        self.exit(return_code=1,
                  message=Text(_("ccfacil: error: %(message)s") % {"message": exc}))

    def get_line_filters(self):
        """On the Linux console, every cell in ASCII but for the letters its fonts have."""
        filters = list(super().get_line_filters())
        if self.ctx.console_safe:
            from ccfacil.tui.asciifilter import AsciiFilter

            if not hasattr(self, "_ascii_filter"):
                self._ascii_filter = AsciiFilter()
            filters.append(self._ascii_filter)
        return filters

    def on_mount(self) -> None:
        self.set_class(self.ctx.console_safe, "-console-safe")
        self._apply_theme()
        self.keeper.start()
        for warning in self.ctx.warnings:
            self.notify(warning, severity="warning", timeout=12, markup=False)
        self.call_after_refresh(self._open_store)

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()

    def get_default_screen(self) -> Screen:
        """The first screen: setup, or the session itself with ``--start``."""
        from ccfacil.tui.screens.setup import SetupScreen

        if self.ctx.start_session and not self._unfinished_waiting():
            self._confirm_people = self.ctx.people_hint is not None  # remembered, not given
            try:
                screen = self._session_screen(self.ctx.setup)
            except CcfacilError as exc:  # the store cannot be opened: one line, exit 1
                self.call_later(self._fail, exc)
                return SetupScreen()
            self.call_later(self._after_start)
            return screen
        return SetupScreen()

    # -- screens --------------------------------------------------------------------
    def _session_screen(self, setup: SessionSetup) -> Screen:
        from ccfacil.tui.screens.session import SessionScreen

        self.ctx.setup = setup
        self.ctx.people_hint = setup.participants  # proposed next time, to be confirmed
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

    def summary_text(self, record) -> str:
        """A saved session as plain text to read (cards by their question, in this language)."""
        from ccfacil.export.plain import lines

        return "\n".join(lines(record, self.ctx.deck_or_none(record.deck)))

    def delete_session(self, record) -> bool:
        try:
            from ccfacil.export import conflicts

            return conflicts.delete(self.store, record)
        except CcfacilError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False

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

    def _show_instead(self, screen: Screen) -> None:
        """Show ``screen`` instead of the current one (the first screen stays underneath)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _remember(self, setup: SessionSetup | None = None) -> None:
        """Keep the setup (site code first of all) and display choices for next time."""
        try:
            self.ctx.remember(setup)
        except OSError as exc:
            self.notify(_("Could not save the settings: %(error)s") % {"error": exc.strerror},
                        severity="warning", markup=False)

    # -- language ---------------------------------------------------------------------
    def switch_language(self, lang: str) -> None:
        i18n.set_language(lang)
        self.ctx.setup.lang = lang
        if self.session is not None:
            self.session.set_deck_language(self.ctx.localized_deck(self.session.deck.id), lang)
        self.language_changed_signal.publish(lang)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab only where there is more than one part to move to (not on the session)."""
        if action == "focus_next":
            return len(self.screen.focus_chain) > 1
        return True

    def on_setup_screen_language_chosen(self, message) -> None:
        """``SetupScreen.LanguageChosen``, from its language field."""
        self.switch_language(message.language)

    def action_switch_language(self) -> None:
        self.switch_language(self.ctx.next_language(i18n.current_language()))

    # -- display ----------------------------------------------------------------------
    def _apply_theme(self) -> None:
        projector = self.ctx.theme == "projector"
        self.set_class(projector, "-projector")
        theme = "textual-light" if projector else "textual-dark"
        if self.theme != theme:  # setting it re-parses every stylesheet
            self.theme = theme

    def action_toggle_theme(self) -> None:
        self.ctx.theme = "normal" if self.ctx.theme == "projector" else "projector"
        self._apply_theme()
        self._remember()

    def action_toggle_bell(self) -> None:
        self.ctx.bell = not self.ctx.bell
        self._remember()
        self.notify(_("Bell on") if self.ctx.bell else _("Bell off"), markup=False, timeout=3)

    # -- help and quitting ------------------------------------------------------------
    def action_help(self) -> None:
        from ccfacil.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.toggle()
        else:
            self.push_screen(HelpScreen())

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


def make_app(
    setup: SessionSetup | None = None,
    *,
    data_dir: Path | None = None,
    deck_paths: Iterable[Path] = (),
    clock: Clock = time.monotonic,
    wall: Callable[[], dt.datetime] = now,
    console_safe: bool | None = None,
    theme: str | None = None,
    bell: bool | None = None,
    start_session: bool = False,
    store: SessionRepository | None = None,
    lock: DataLock | None = None,
    library: DeckLibrary | None = None,
    env: RunEnv | None = None,
) -> CcfacilApp:
    """The one way to build the app, for the CLI and for the tests.

    ``env``: the command line's run environment (its library, settings and the folder's
    lock, if ``ccfacil run`` took it first thing); else one is made for ``data_dir``,
    ``deck_paths`` and ``library``.  The session store in the data folder is opened just
    after the first frame unless one is given, with ``lock`` (or the environment's) if
    given: the store keeps it, so a second window on the same data folder gets one line.
    """
    from ccfacil.storage import bulk

    bulk.short_lived(False)  # the app runs for hours: what it reads is collected as usual
    if env is None:
        env = RunEnv.at(data_dir, tuple(deck_paths), library=library)
    if lock is not None:
        env.hold_folder(lock)
    remembered = env.settings
    env.origin  # made now: saved with the settings from the first save on
    people_hint = None
    if setup is None:  # the number of people present is confirmed, never assumed
        people_hint = remembered.participants
        setup = env.proposed_setup()
    elif setup.deck not in env.library.ids():
        setup.deck = env.library.default_id()
    if i18n.current_language() != setup.lang:
        i18n.set_language(setup.lang)
    warnings = [_("%(problem)s (using the next language instead)") % {"problem": p}
                for p in i18n.registry().problems]
    terminal = env.setting_warnings(setup.facilitator)  # also on the terminal, after the app
    device = console.console_device()  # the Linux console, also through tmux or screen
    if console_safe is None:
        console_safe = device is not None
    if device is not None:
        missing = console.missing_letters(console.device_font_characters(device))
        if missing:
            warnings.append(_("The console font cannot show %(letters)s: Bambara text will "
                              "have gaps. Try another console font (e.g. Lat15-Terminus).")
                            % {"letters": " ".join(missing)})
    ctx = AppContext(
        env=env, setup=setup, clock=clock, wall=wall, console_safe=console_safe,
        theme=theme or remembered.theme, bell=remembered.bell if bell is None else bell,
        start_session=start_session, warnings=terminal + warnings,
        terminal_warnings=terminal, people_hint=people_hint)
    return CcfacilApp(ctx, store)
