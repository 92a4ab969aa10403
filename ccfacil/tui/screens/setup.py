"""The first screen: choose language, deck, people present, timings, draw mode and site.

The number of people present is typed for every session: the number of last time is
shown beside the empty field, never taken for granted.  History (h), export (x) and the
site's report for this month (r) are reachable from here, without starting a session.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from ccfacil.errors import CcfacilError
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions.limits import LENGTH_MINUTES, PARTICIPANTS, TURN_SECONDS
from ccfacil.sessions.runner import SessionSetup, format_turn, parse_turn
from ccfacil.tui.appref import AppRef, follow_language
from ccfacil.tui.widgets.choice import Choice
from ccfacil.tui.widgets.field import TextField
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody

FIELDS = (
    ("lang", N_("Language")),
    ("deck", N_("Deck")),
    ("participants", N_("People present")),
    ("turn", N_("Turn length (M:SS)")),
    ("length", N_("Session length (minutes)")),
    ("mode", N_("Cards")),
    ("site", N_("Site code")),
)
TOOLS = N_("on the first screen: past sessions, export, and this month's report for the "
           "site, without starting a session")
MODE_NAMES = {"shuffle": N_("Shuffled"), "balanced": N_("Balanced: every domain in turn")}
# Translators: %(problem)s says what was found (a phone number, a name...) and why
PRIVACY = N_("%(problem)s Start with this site code anyway?")


class SetupScreen(AppRef, Screen):
    # Tab, the language, help and ctrl+q are the app's (``CcfacilApp.BINDINGS``).
    BINDINGS = [
        Binding("enter", "start", N_("Start")),
        Binding("h", "history", N_("History"), tooltip=TOOLS),
        Binding("x", "export", N_("Export"), tooltip=TOOLS),
        Binding("r", "report", N_("Report"), tooltip=TOOLS),
        Binding("q", "app.quit_request", N_("Quit")),  # a letter in the site code: ctrl+q
    ]

    def compose(self) -> ComposeResult:
        ctx = self.app.ctx
        setup = ctx.setup
        safe = self.ascii_only
        with ScrollBody(id="setup-box"):  # scrolls on a small screen, and says so
            yield Static("", id="setup-title", markup=False)
            with Horizontal(id="setup-form"):
                # One column of labels, one line each, beside the fields: fewer widgets
                # make the first screen appear sooner on a slow machine.
                yield Static("", id="setup-labels", markup=False)
                with Vertical(id="setup-fields"):
                    yield from self._fields(setup, safe)
            yield Static("", id="setup-error", markup=False)
            yield Static("", id="setup-privacy", markup=False)
        yield MoreSign("setup-box", "tab", collapse=True, ascii_only=safe, id="setup-more")
        yield KeyBar(self.ascii_only, id="keybar")

    def _fields(self, setup: SessionSetup, safe: bool) -> ComposeResult:
        """The fields, in the order of ``FIELDS``."""
        yield Choice(self._language_options(), setup.lang, safe, id="field-lang")
        yield Choice(self._deck_options(), setup.deck, safe, id="field-deck")
        hint = self.app.ctx.people_hint  # from last time: to confirm, not to assume
        yield TextField("" if hint is not None else str(setup.participants),
                        id="field-participants", allowed=r"[0-9]",
                        max_length=PARTICIPANTS.digits)
        yield TextField(format_turn(setup.turn_seconds), id="field-turn", allowed=r"[0-9:]",
                        max_length=len(format_turn(TURN_SECONDS.high)))
        yield TextField(str(setup.length_minutes), id="field-length", allowed=r"[0-9]",
                        max_length=LENGTH_MINUTES.digits)
        yield Choice(self._mode_options(setup.deck), setup.mode, safe, id="field-mode")
        yield TextField(setup.site, id="field-site", max_length=32, allowed=r"[A-Za-z0-9_.-]")

    def on_mount(self) -> None:
        follow_language(self, self.retranslate)
        self.retranslate()
        self.query_one("#field-participants", TextField).focus()

    # -- options (labels are functions: they follow the language) --------------
    def _language_options(self):
        registry = i18n.registry()
        return [(code, lambda c=code: registry.language_name(c)) for code in
                self.app.ctx.languages()]

    def _deck_options(self):
        ctx = self.app.ctx
        return [(deck_id, lambda d=deck_id: ctx.localized_deck(d).title)
                for deck_id in ctx.library.ids()]

    def _mode_options(self, deck_id: str):
        options = [(mode, lambda m=mode: _(MODE_NAMES[m])) for mode in MODE_NAMES]
        try:
            deck = self.app.ctx.localized_deck(deck_id)
        except CcfacilError:
            return options
        for domain in deck.domains:
            options.append((f"domain:{domain.id}",
                            lambda d=domain.id, i=deck_id: _("Only: %(domain)s") % {
                                "domain": self.app.ctx.localized_deck(i).domain(d).title}))
        return options

    def retranslate(self) -> None:
        self.query_one("#setup-title", Static).update(_("Club Courage: new session"))
        self.query_one("#setup-labels", Static).update(
            "\n\n".join(_(label) for _key, label in FIELDS))
        self.query_one("#setup-privacy", Static).update(_(
            "No names are recorded: seats are numbers. Participants: %(min)d to %(max)d.")
            % {"min": PARTICIPANTS.low, "max": PARTICIPANTS.high})
        last = self.app.ctx.people_last  # none on a new device: no "last time" to claim
        people = self.query_one("#field-participants", TextField)
        people.placeholder = (_("how many today? (last time: %(num)d)") % {"num": last}
                              if last is not None else _("how many today?"))
        people.refresh()
        # The language field shows the language in force, however it was switched (l).
        self.query_one("#field-lang", Choice).select(i18n.current_language())
        for choice in self.query(Choice):
            choice.refresh()

    # -- events -------------------------------------------------------------------
    class LanguageChosen(Message):
        """The language field changed: the app switches (and every screen follows)."""

        def __init__(self, language: str):
            super().__init__()
            self.language = language

    @on(Choice.Changed, "#field-lang")
    def language_changed(self, event: Choice.Changed) -> None:
        event.stop()
        self.post_message(self.LanguageChosen(str(event.value)))

    @on(Choice.Changed, "#field-deck")
    def deck_changed(self, event: Choice.Changed) -> None:
        mode = self.query_one("#field-mode", Choice)
        keep = mode.value if str(mode.value) in MODE_NAMES else "shuffle"
        mode.set_options(self._mode_options(str(event.value)), keep)

    @on(TextField.Submitted)
    def submitted(self) -> None:
        self.action_start()

    def read_setup(self) -> SessionSetup:
        """The setup as typed, checked; raises CcfacilError with a clear message."""
        def number(field: str, label: str) -> int:
            text = self.query_one(f"#field-{field}", TextField).value.strip()
            if not text.isdigit():
                if field == "participants":
                    raise CcfacilError(_("People present: type how many are here today"))
                raise CcfacilError(_("%(field)s: type a number") % {"field": _(label)})
            return int(text)

        base = self.app.ctx.setup
        setup = SessionSetup(
            lang=i18n.current_language(),
            deck=str(self.query_one("#field-deck", Choice).value),
            participants=number("participants", FIELDS[2][1]),
            turn_seconds=parse_turn(self.query_one("#field-turn", TextField).value),
            length_minutes=number("length", FIELDS[4][1]),
            mode=str(self.query_one("#field-mode", Choice).value),
            seed=base.seed,
            site=self.query_one("#field-site", TextField).value.strip(),
            facilitator=base.facilitator,
        )
        return setup.check(self.app.ctx.localized_deck(setup.deck))

    def typed_site(self) -> str:
        """The site code as typed (the help screen edits that site's referral text)."""
        return self.query_one("#field-site", TextField).value.strip()

    def action_start(self) -> None:
        try:
            setup = self.read_setup()
        except CcfacilError as exc:
            self.query_one("#setup-error", Static).update(str(exc))
            return
        self.query_one("#setup-error", Static).update("")
        from ccfacil.sessions import privacy  # loaded when first needed: start-up stays quick

        found = privacy.check(setup.site)
        if not found or setup.site == self.app.ctx.settings.site:  # accepted before
            self.app.start_session(setup)
            return
        from ccfacil.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.start_session(setup)
            else:
                self.query_one("#field-site", TextField).focus()

        self.app.push_screen(ConfirmScreen(PRIVACY, {"problem": found.message()}), answered)

    # -- without starting a session ----------------------------------------------------
    def action_history(self) -> None:
        from ccfacil.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.typed_site()))

    def action_export(self) -> None:
        from ccfacil.tui.screens.export import ExportScreen

        site = self.typed_site()
        held = [r for r in self.app.store.list(site or None)
                if r.conflict_of is None and r.started_at is not None and not r.is_empty]
        self.app.push_screen(ExportScreen(held[-1] if held else None, site))

    def action_report(self) -> None:
        from ccfacil.tui.screens.export import month_report
        from ccfacil.tui.screens.history import TextScreen

        site, month = self.typed_site(), self.app.ctx.wall().date()
        self.app.push_screen(TextScreen(lambda: str(month_report(self.app, site, month,
                                                                 "txt"))))
