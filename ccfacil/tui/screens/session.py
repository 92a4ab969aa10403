"""The session: opening, cards, closing. Shows the core's state and forwards keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from ccfacil.cards.guide import MORE_HELP
from ccfacil.i18n import fmt
from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions.runner import Phase, SessionRun
from ccfacil.storage import referral
from ccfacil.tui.appref import AppRef, follow_language
from ccfacil.tui.widgets.card import CardPanel
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.prose import Prose
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody
from ccfacil.tui.widgets.status import StatusBar
from ccfacil.tui.widgets.turnpanel import TurnPanel

TICK = 0.25
CUE_SECONDS = 1.5

# The phases in which a key works; a key not named here works in every phase.
PHASES = {
    "new_session": {Phase.DONE},
    "reveal": {Phase.CARDS}, "skip": {Phase.CARDS}, "back": {Phase.CARDS},
    "domains": {Phase.CARDS},
    "closing": {Phase.OPENING, Phase.CARDS},
    "mood": {Phase.OPENING, Phase.CLOSING}, "undo_mood": {Phase.OPENING, Phase.CLOSING},
    "toggle_turn": {Phase.OPENING, Phase.CARDS, Phase.CLOSING},
    "next_speaker": {Phase.OPENING, Phase.CARDS, Phase.CLOSING},
    "adjust": {Phase.OPENING, Phase.CARDS, Phase.CLOSING},
}
NEXT = N_("next card (in the opening: the first card; in the closing: finish)")
MOOD = N_("opening and closing: count one person feeling 1 (heavy) to 5 (light)")
ADJUST = N_("add or take away 30 seconds for this speaker")

ALL_COUNTED = N_("All %(seats)d seats are counted: this count was not added. "
                 "Press u to take back the last count.")

PROMPTS = {
    Phase.OPENING: (N_("Welcome: check-in"), N_(
        "One by one, say how you arrive today, from 1 (heavy) to 5 (light), and one word "
        "about why if you wish. What is said here stays here.")),
    Phase.CLOSING: (N_("Closing: check-out"), N_(
        "One by one: how do you leave today, from 1 to 5, and one thing you take with you. "
        "Thank you all for your courage and your trust.")),
}


class SessionScreen(AppRef, Screen):
    # Most important first: on a narrow screen the last ones give way in the key bar
    # (the help lists them all). ``check_action`` keeps each to the phases it works in.
    BINDINGS = [
        Binding("enter", "new_session", N_("New session")),
        Binding("r", "reveal", N_("Reveal"),
                tooltip=N_("reveal the next part of the card: advice, then affirmation")),
        Binding("n", "next('opening')", N_("First card"), tooltip=NEXT),
        Binding("n", "next('cards')", N_("Next card"), tooltip=NEXT),
        Binding("n", "next('closing')", N_("Finish"), tooltip=NEXT),
        *(Binding(str(mood), f"mood({mood})", N_("Count a mood"), key_display="1-5",
                  tooltip=MOOD) for mood in range(1, 6)),
        Binding("u", "undo_mood", N_("Undo"), tooltip=N_("take back the last count")),
        Binding("space", "toggle_turn", N_("Start/pause"),
                tooltip=N_("start or pause the speaker's clock")),
        Binding("t", "next_speaker", N_("Next speaker"),
                tooltip=N_("next speaker (the next seat number)")),
        Binding("e", "notes", N_("Notes"), tooltip=N_(
            "notes for this card (or the session), coping strategies and themes")),
        Binding("c", "closing", N_("Closing"),
                tooltip=N_("go to the closing round (check-out)")),
        Binding("a", "actions", N_("Actions"),
                tooltip=N_("action items: what, which role, by when")),
        Binding("g", "attendance", N_("People present"), tooltip=N_(
            "people present: someone arrived or left (the time spoken is kept)")),
        Binding("s", "skip", N_("Skip"),
                tooltip=N_("skip this card: it goes to the bottom of the pile")),
        Binding("plus,equals_sign", "adjust(30)", N_("30 s"), key_display="+/-",
                tooltip=ADJUST),
        Binding("minus", "adjust(-30)", N_("30 s"), key_display="+/-", tooltip=ADJUST),
        Binding("b", "back", N_("Back"), tooltip=N_("back to the previous card")),
        Binding("d", "domains", N_("Domains"),
                tooltip=N_("choose which domains the cards come from")),
        Binding("x", "export", N_("Export"), tooltip=N_(
            "export this session or this month's report (USB drives first)")),
        Binding("h", "history", N_("History"),
                tooltip=N_("past sessions at this site: read or delete")),
        Binding("q", "app.quit_request", N_("Quit"),
                tooltip=N_("quit (asks first while a session is running)")),
        Binding("escape", "nothing_open", show=False),
    ]

    def __init__(self, run: SessionRun):
        super().__init__()
        self.run = run
        self._cue_until = 0.0

    def compose(self) -> ComposeResult:
        yield StatusBar(self.ascii_only, id="status")
        with Horizontal(id="session-body"):
            with Vertical(id="main-column"):
                with ScrollBody(id="main", can_focus=True):  # the arrow keys scroll it
                    yield Static("", id="prompt-title", markup=False)
                    yield Prose(id="prompt-text")
                    yield Prose(id="tally")
                    with Vertical(id="checkout-referral"):  # check-out: where to go for more help
                        yield Static("", id="checkout-referral-title", markup=False)
                        yield Prose(id="checkout-referral-text")
                    yield CardPanel(self.ascii_only, id="card")
                yield MoreSign("main", collapse=True, ascii_only=self.ascii_only)
            yield TurnPanel(self.ascii_only, id="turn")
        yield KeyBar(self.ascii_only, id="keybar")

    def on_mount(self) -> None:
        follow_language(self, self.retranslate)
        self.app.referral_changed_signal.subscribe(self, lambda _site: self.refresh_view())
        # The status bar shows the app's save state as soon as it changes, under a pop-up too.
        self.watch(self.app, "save_state", self.query_one(StatusBar).saved, init=True)
        self.retranslate()
        self.set_interval(TICK, self.tick)

    # -- showing state ------------------------------------------------------------
    def retranslate(self) -> None:
        self.refresh_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A key works (and shows) only in the phases it does something in."""
        phase = self.run.phase
        if action == "next":
            return parameters[0] == phase.value
        return phase in PHASES.get(action, (phase,))

    def refresh_status(self) -> None:
        """The parts that change as time passes: status line and turn clock."""
        self.query_one(StatusBar).show(self.run)
        panel = self.query_one(TurnPanel)
        panel.show(self.run.turn)
        panel.set_class(self.app.ctx.clock() < self._cue_until, "-cue")

    def refresh_view(self) -> None:
        run = self.run
        self.refresh_status()
        title, text = PROMPTS.get(run.phase, ("", ""))
        if run.phase is Phase.DONE:
            title, text = _("Session finished"), self._summary()
        self.query_one("#prompt-title", Static).update(_(title) if title else "")
        self.query_one("#prompt-text", Prose).set_text(
            _(text) if text and run.phase is not Phase.DONE else text)
        for widget_id in ("#prompt-title", "#prompt-text"):
            self.query_one(widget_id).display = run.phase is not Phase.CARDS
        tally = run.tally()
        tally_widget = self.query_one("#tally", Prose)
        tally_widget.display = tally is not None
        if tally is not None:
            tally_widget.set_text(self._tally_text(tally))
        self.query_one("#checkout-referral").display = run.phase is Phase.CLOSING
        if run.phase is Phase.CLOSING:
            self.query_one("#checkout-referral-title", Static).update(_(MORE_HELP))
            self.query_one("#checkout-referral-text", Prose).set_text(
                referral.shown_text(self.app.ctx.data_dir, run.setup.site))
        # Once finished, nobody has the floor: no clock, no "space to start".
        self.query_one(TurnPanel).display = run.phase is not Phase.DONE
        card = self.query_one(CardPanel)
        card.display = run.phase is Phase.CARDS
        card.show(run.view())

    def _tally_text(self, tally) -> str:
        """``Check-in   1: 0   2: 3 …   (3 of 10)``: wraps between counts, never inside one."""
        nbsp = "\u00a0"
        title = _("Check-in") if self.run.phase is Phase.OPENING else _("Check-out")
        counts = [f"{mood}:{nbsp}{n}" for mood, n in sorted(tally.counts.items())]
        done = _("(%(done)d of %(seats)d)") % {"done": tally.total,
                                               "seats": self.run.present}
        return "   ".join([title, *counts, done.replace(" ", nbsp)])

    def _summary(self) -> str:
        record = self.run.record
        lines = [
            _("Cards discussed: %(count)d") % {"count": len(record.cards)},
            _("Duration: %(time)s") % {"time": fmt.duration(self.run.elapsed())},
        ]
        airtime = record.airtime()
        if airtime:
            lines.append(_("Time spoken by seat:"))
            lines.extend(f"  {seat}: {fmt.duration(seconds)}" for seat, seconds in airtime.items())
        lines.append("")
        lines.append(_("Press Enter for a new session, or q to quit."))
        return "\n".join(lines)

    def tick(self) -> None:
        if self.run.turn.crossed_overtime():
            self._cue_until = self.app.ctx.clock() + CUE_SECONDS
            if self.app.ctx.bell:
                self.app.bell()
        self.refresh_status()

    # -- keys -> core ---------------------------------------------------------------
    def _after_move(self) -> None:
        self.refresh_bindings()  # the keys of the new phase
        self.refresh_view()

    def action_reveal(self) -> None:
        self.run.reveal_more()
        self.refresh_view()

    def action_next(self, phase: str) -> None:
        self.run.next()
        self._after_move()
        self.query_one("#main", ScrollBody).scroll_home(animate=False)

    def action_skip(self) -> None:
        self.run.skip()
        self._after_move()

    def action_back(self) -> None:
        self.run.back()
        self._after_move()

    def action_toggle_turn(self) -> None:
        self.run.toggle_turn()
        self.refresh_status()

    def action_next_speaker(self) -> None:
        self.run.next_speaker()
        self.refresh_status()

    def action_adjust(self, seconds: int) -> None:
        self.run.adjust_turn(seconds)
        self.refresh_status()

    def action_notes(self) -> None:
        from ccfacil.tui.screens.notes import NotesScreen

        self.app.push_screen(NotesScreen(self.run), lambda _: self.refresh_view())

    def action_actions(self) -> None:
        from ccfacil.tui.screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen(self.run), lambda _: self.refresh_view())

    def action_history(self) -> None:
        from ccfacil.tui.screens.history import HistoryScreen

        self.app.keeper.saver.flush_now()  # this session belongs in the list too
        self.app.push_screen(HistoryScreen(self.run.setup.site))

    def action_export(self) -> None:
        from ccfacil.tui.screens.export import ExportScreen

        self.app.keeper.saver.flush_now()
        self.app.push_screen(ExportScreen(self.run.snapshot(), self.run.setup.site,
                                          running=self.run))

    def action_attendance(self) -> None:
        """Someone came or left: the people present, corrected without a pause."""
        from ccfacil.tui.screens.attendance import AttendanceScreen

        def corrected(count: int | None) -> None:
            if count is not None:
                self.run.set_present(count)
            self.refresh_view()

        self.app.push_screen(AttendanceScreen(self.run.present), corrected)

    def action_mood(self, mood: int) -> None:
        if self.run.add_mood(mood):
            self.refresh_view()
        elif self.run.tally() is not None:
            self.app.bell()
            # Every seat has been counted: say so rather than ignore the key.
            self.app.notify(_(ALL_COUNTED) % {"seats": self.run.present},
                            severity="warning", timeout=5, markup=False)

    def action_undo_mood(self) -> None:
        if self.run.undo_mood():
            self.refresh_view()

    def action_closing(self) -> None:
        self.run.close()
        self._after_move()

    def action_nothing_open(self) -> None:
        """Escape closes what is open; here nothing is: it never ends the session."""
        self.app.notify(_("Escape closes pop-ups. To quit, press q."), timeout=4, markup=False)

    def action_new_session(self) -> None:
        if self.run.phase is Phase.DONE:
            self.app.new_session()

    def action_domains(self) -> None:
        if self.run.phase is not Phase.CARDS:
            return
        from ccfacil.tui.screens.domains import DomainScreen

        def chosen(domains: list[str] | None) -> None:
            if domains:
                self.run.set_domains(domains)
                self.refresh_view()

        self.app.push_screen(DomainScreen(self.run.deck, self.run.pile.domains), chosen)
