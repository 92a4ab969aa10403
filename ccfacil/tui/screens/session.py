"""The session: opening, cards, closing. Shows the core's state and forwards keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from ccfacil.i18n import fmt
from ccfacil.storage import referral
from ccfacil.cards.guide import MORE_HELP
from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions.runner import Phase, SessionRun
from ccfacil.tui.widgets.card import CardPanel
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.prose import Prose
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody
from ccfacil.tui.widgets.status import StatusBar
from ccfacil.tui.widgets.turnpanel import TurnPanel

TICK = 0.25
CUE_SECONDS = 1.5

# Most important first: on a narrow screen the last ones give way (help lists them all);
# NEEDED keys never do at 80 columns.
CARD_KEYS = [("r", N_("Reveal")), ("n", N_("Next card")), ("space", N_("Start/pause")),
             ("t", N_("Next speaker")), ("e", N_("Notes")), ("c", N_("Closing")),
             ("a", N_("Actions")), ("g", N_("People present")), ("s", N_("Skip")),
             ("+/-", N_("30 s")), ("b", N_("Back")), ("d", N_("Domains")),
             ("h", N_("History")), ("l", N_("Language")), ("?", N_("Help")), ("q", N_("Quit"))]
OPENING_KEYS = [("n", N_("First card")), ("1-5", N_("Count a mood")), ("u", N_("Undo")),
                ("space", N_("Start/pause")), ("t", N_("Next speaker")),
                ("g", N_("People present")), ("+/-", N_("30 s")), ("e", N_("Notes")),
                ("l", N_("Language")), ("?", N_("Help")), ("q", N_("Quit"))]
CLOSING_KEYS = [("n", N_("Finish")), ("1-5", N_("Count a mood")), ("u", N_("Undo")),
                ("space", N_("Start/pause")), ("t", N_("Next speaker")),
                ("a", N_("Actions")), ("e", N_("Notes")), ("g", N_("People present")),
                ("+/-", N_("30 s")), ("l", N_("Language")), ("?", N_("Help")),
                ("q", N_("Quit"))]
DONE_KEYS = [("enter", N_("New session")), ("x", N_("Export")), ("e", N_("Notes")),
             ("a", N_("Actions")), ("h", N_("History")), ("l", N_("Language")),
             ("?", N_("Help")), ("q", N_("Quit"))]
NEEDED = {
    Phase.OPENING: {"n", "1-5", "u", "space", "t", "?", "q"},
    Phase.CARDS: {"r", "n", "space", "t", "e", "c", "a", "?", "q"},
    Phase.CLOSING: {"n", "1-5", "u", "space", "t", "a", "e", "?", "q"},
    Phase.DONE: {"enter", "x", "e", "a", "h", "?", "q"},
}
PHASE_KEYS = {Phase.OPENING: OPENING_KEYS, Phase.CARDS: CARD_KEYS,
              Phase.CLOSING: CLOSING_KEYS, Phase.DONE: DONE_KEYS}

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


class SessionScreen(Screen):
    BINDINGS = [
        Binding("r", "reveal", show=False),
        Binding("n", "next", show=False),
        Binding("s", "skip", show=False),
        Binding("b", "back", show=False),
        Binding("space", "toggle_turn", show=False),
        Binding("t", "next_speaker", show=False),
        Binding("plus,equals_sign", "adjust(30)", show=False),
        Binding("minus", "adjust(-30)", show=False),
        Binding("d", "domains", show=False),
        Binding("c", "closing", show=False),
        Binding("enter", "new_session", show=False),
        Binding("u", "undo_mood", show=False),
        Binding("e", "notes", show=False),
        Binding("a", "actions", show=False),
        Binding("h", "history", show=False),
        Binding("x", "export", show=False),
        Binding("g", "attendance", show=False),
        *(Binding(str(mood), f"mood({mood})", show=False) for mood in range(1, 6)),
        Binding("q", "app.quit_request", show=False),
        Binding("escape", "nothing_open", show=False),
    ]

    def __init__(self, run: SessionRun):
        super().__init__()
        self.run = run
        self._cue_until = 0.0

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="session-body"):
            with Vertical(id="main-column"):
                with ScrollBody(id="main", can_focus=True):  # the arrow keys scroll it
                    yield Static("", id="prompt-title", markup=False)
                    yield Prose(id="prompt-text")
                    yield Prose(id="tally")
                    with Vertical(id="checkout-referral"):  # check-out: where to go for more help
                        yield Static("", id="checkout-referral-title", markup=False)
                        yield Prose(id="checkout-referral-text")
                    yield CardPanel(id="card")
                yield MoreSign("main", collapse=True)
            yield TurnPanel(self.app.ctx.console_safe, id="turn")
        yield KeyBar(PHASE_KEYS[self.run.phase], id="keybar")

    def on_mount(self) -> None:
        self.retranslate()
        self.set_interval(TICK, self.tick)

    # -- showing state ------------------------------------------------------------
    def retranslate(self) -> None:
        self.query_one(KeyBar).set_keys(PHASE_KEYS[self.run.phase])
        self.refresh_view()

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
        self.query_one(KeyBar).set_keys(PHASE_KEYS[self.run.phase])
        self.refresh_view()

    def action_reveal(self) -> None:
        self.run.reveal_more()
        self.refresh_view()

    def action_next(self) -> None:
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
