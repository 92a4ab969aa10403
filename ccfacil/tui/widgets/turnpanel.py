"""Whose turn (a seat number), the countdown in large digits, overtime in another colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from ccfacil.i18n import fmt
from ccfacil.i18n.runtime import _
from ccfacil.sessions.turns import TurnTimer


class TurnPanel(Vertical):
    def __init__(self, console_safe: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.console_safe = console_safe

    def compose(self) -> ComposeResult:
        yield Static("", id="turn-seat", markup=False)
        # Large digits, or plain ones (the Linux console; a short screen, with the
        # seat and state on the same line): the stylesheet shows one of them.
        if not self.console_safe:
            yield Digits("", id="turn-digits")
        yield Static("", id="turn-digits-plain", markup=False)
        yield Static("", id="turn-state", markup=False)
        yield Static("", id="turn-airtime", markup=False)

    def show(self, turn: TurnTimer) -> None:
        seat = _("Seat %(seat)d of %(seats)d") % {"seat": turn.seat, "seats": turn.seats}
        self.query_one("#turn-seat", Static).update(seat)
        remaining = turn.remaining()
        digits = fmt.clock(remaining if remaining >= 0 else -remaining)
        if turn.overtime:
            digits = "+" + digits
        self.query_one("#turn-digits-plain", Static).update(digits)
        if not self.console_safe:
            self.query_one("#turn-digits", Digits).update(digits)
        if turn.overtime:
            state = _("Overtime")
        elif turn.running:
            state = _("Speaking")
        else:
            state = _("Paused: space to start")
        self.query_one("#turn-state", Static).update(state)
        spoken = turn.airtime_now().get(turn.seat, 0.0)
        self.query_one("#turn-airtime", Static).update(
            _("Spoken: %(time)s") % {"time": fmt.duration(spoken)} if spoken >= 1 else "")
        self.set_class(turn.overtime, "-overtime")
        self.set_class(turn.running and not turn.overtime, "-running")
