"""A yes/no question that must be answered before something irreversible."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ccfacil.i18n import N_, _
from ccfacil.tui.widgets.keybar import KeyBar

KEYS = [("enter", N_("Yes")), ("escape", N_("No"))]


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("enter,y,o,ctrl+q", "answer(True)", show=False),
        Binding("escape,n", "answer(False)", show=False),
    ]

    def __init__(self, question: str, params: dict | None = None):
        super().__init__()
        self.question = question  # an N_ constant, translated when shown
        self.params = params

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static("", id="confirm-question", markup=False)
            yield KeyBar(KEYS, id="confirm-keybar")

    def on_mount(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        text = _(self.question)
        self.query_one("#confirm-question", Static).update(
            text % self.params if self.params else text)
        self.query_one(KeyBar).retranslate()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
