"""The Textual app: a small shell that holds the context and switches screens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen
from textual.signal import Signal

from ccfacil.cards import domainstyle
from ccfacil.errors import CcfacilError
from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions.runner import SessionRun, SessionSetup
from ccfacil.storage.saver import SaveState
from ccfacil.tui.context import AppContext
from ccfacil.tui.display import DisplayMixin
from ccfacil.tui.factory import app_context
from ccfacil.tui.keeper import Keeper
from ccfacil.tui.leaving import LeavingMixin
from ccfacil.tui.starting import StartingMixin

if TYPE_CHECKING:
    from ccfacil.storage.repository import SessionRepository


class CcfacilApp(StartingMixin, LeavingMixin, DisplayMixin, App[None]):
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

    save_state: var[SaveState] = var(SaveState)  # the session screen watches it for its status bar

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
        self._people_known = False  # and say how many came last time (not on a new device)

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

    # -- screens --------------------------------------------------------------------
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab only where there is more than one part to move to (not on the session)."""
        if action == "focus_next":
            return len(self.screen.focus_chain) > 1
        return True

    # -- help ---------------------------------------------------------------------------
    def action_help(self) -> None:
        from ccfacil.tui.screens.help import HelpScreen, help_site

        if isinstance(self.screen, HelpScreen):
            self.screen.toggle()
        else:
            self.push_screen(HelpScreen(help_site(self)))


def make_app(setup: SessionSetup | None = None, *, store: SessionRepository | None = None,
             **options: Any) -> CcfacilApp:
    """The one way to build the app, for the CLI and for the tests.

    ``options`` are ``ccfacil.tui.factory.app_context``'s: the run environment (or the data
    folder, decks and library to make one), clocks, display, ``--start``, the folder's lock.
    The session store in the data folder is opened just after the first frame unless one
    is given.
    """
    return CcfacilApp(app_context(setup, **options), store)
