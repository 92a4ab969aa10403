"""Leaving a session in which nothing was recorded: discard it (the default) or keep it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ccfacil.i18n.runtime import N_, _
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.keybar import KeyBar


class DiscardScreen(Dialog[str | None]):
    """``"discard"`` (Enter), ``"keep"`` (k: kept, counted as not held) or None (Esc)."""

    SMALL = True
    BINDINGS = [
        Binding("enter,ctrl+q", "answer('discard')", N_("Discard it")),
        Binding("k", "answer('keep')", N_("Keep it")),
        Binding("escape", "answer(None)", N_("Go back")),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static("", id="discard-question", markup=False)
            yield KeyBar(self.ascii_only, id="discard-keybar")

    def retranslate(self) -> None:
        self.query_one("#discard-question", Static).update(_(
            "Nothing was recorded in this session: no card, no check-in or check-out, no "
            "note, no action item. Discard it? (Kept, it counts as started but not held.)"))

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
