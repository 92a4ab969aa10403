"""``g``: the people present, confirmed at the start and corrected when someone comes or
goes.  Seats follow the number; the time each seat spoke is kept."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions.limits import PRESENT
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.field import TextField
from ccfacil.tui.widgets.keybar import KeyBar

CORRECT = (N_("People present"), N_(
    "Someone arrived or left? Type how many people are here now. The time each seat "
    "spoke is kept."))
CONFIRM = (N_("People present today"), N_(
    "How many people are here today? Type the number, then Enter (last time: %(num)d)."))
CONFIRM_FIRST = (CONFIRM[0], N_("How many people are here today? Type the number, then Enter."))


class AttendanceScreen(Dialog[int | None]):
    """The number of people present: Enter confirms it, Esc leaves it as it was."""

    SMALL = True
    BINDINGS = [
        Binding("enter", "confirm", N_("Confirm")),  # the field takes it first, the same
        Binding("up,plus,equals_sign", "step(1)", N_("One more / one less"), key_display="↑↓"),
        Binding("down,minus", "step(-1)", N_("One more / one less"), key_display="↑↓"),
        Binding("escape", "close", N_("Close")),
    ]

    def __init__(self, present: int, *, confirm: bool = False, last_known: bool = True):
        """``confirm``: at the start of a session; ``last_known``: ``present`` is the number
        of last time (a new device has no last time to speak of)."""
        super().__init__()
        self.present = present
        self.texts = (CONFIRM if last_known else CONFIRM_FIRST) if confirm else CORRECT

    def compose(self) -> ComposeResult:
        with Vertical(id="attendance-box"):
            yield Static("", id="attendance-title", markup=False)
            yield Static("", id="attendance-help", markup=False)
            yield TextField(str(self.present), id="attendance-field", allowed=r"[0-9]",
                            max_length=PRESENT.digits)
            yield Static("", id="attendance-error", markup=False)
            yield KeyBar(self.ascii_only, id="attendance-keybar")

    def on_mount(self) -> None:
        self.query_one(TextField).focus()

    def retranslate(self) -> None:
        title, text = self.texts
        self.query_one("#attendance-title", Static).update(_(title))
        self.query_one("#attendance-help", Static).update(_(text) % {"num": self.present})

    def action_step(self, delta: int) -> None:
        field = self.query_one(TextField)
        number = int(field.value) if field.value.isdigit() else self.present
        field.value = str(min(PRESENT.high, max(PRESENT.low, number + delta)))

    @on(TextField.Submitted)
    def action_confirm(self) -> None:
        text = self.query_one(TextField).value.strip()
        if not text.isdigit() or not PRESENT.holds(int(text)):
            self.query_one("#attendance-error", Static).update(
                _("Type a number from 1 to %(max)d.") % {"max": PRESENT.high})
            return
        self.dismiss(int(text))

    def action_close(self) -> None:
        self.dismiss(None)
