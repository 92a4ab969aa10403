"""A yes/no question that must be answered before something irreversible.

The safe answer ("No") has the focus: Enter alone never ends a session or deletes
anything. The arrow keys (or Tab) move to the other answer; ``y``/``o`` say yes,
``n`` and Escape say no.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ccfacil.i18n.runtime import N_, _
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.answer import Answer
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody


class ConfirmScreen(Dialog[bool]):
    SMALL = True
    BINDINGS = [
        Binding("enter", "answer_focused", N_("Answer")),
        Binding("left,up", "app.focus_previous", N_("Choose"), key_display="←→"),
        Binding("right,down", "app.focus_next", N_("Choose"), key_display="←→"),
        Binding("escape,n", "answer(False)", N_("No")),
        Binding("y,o", "answer(True)", show=False),
    ]

    def __init__(self, question: str, params: dict | None = None):
        super().__init__()
        self.question = question  # an N_ constant, translated when shown
        self.params = params

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            with ScrollBody(id="confirm-body"):
                yield Static("", id="confirm-question", markup=False)
            with Vertical(classes="box-foot"):
                with Horizontal(id="confirm-answers"):
                    yield Answer(False, lambda: _("No"), id="answer-no")
                    yield Answer(True, lambda: _("Yes"), id="answer-yes")
                yield MoreSign("confirm-body", "pagedown", ascii_only=self.ascii_only)
                yield KeyBar(self.ascii_only, id="confirm-keybar")

    def on_mount(self) -> None:
        self.query_one("#answer-no", Answer).focus()  # the safe answer

    def retranslate(self) -> None:
        text = _(self.question)
        self.query_one("#confirm-question", Static).update(
            text % self.params if self.params else text)
        for answer in self.query(Answer):
            answer.refresh(layout=True)

    def action_answer_focused(self) -> None:
        focused = self.focused
        self.dismiss(focused.value if isinstance(focused, Answer) else False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
