"""Leaving a session in which nothing was recorded: discard it (the default) or keep it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ccfacil.i18n.runtime import N_, _
from ccfacil.tui.widgets.keybar import KeyBar

KEYS = [("enter", N_("Discard it")), ("k", N_("Keep it")), ("escape", N_("Go back"))]


class DiscardScreen(ModalScreen[str | None]):
    """``"discard"`` (Enter), ``"keep"`` (k: kept, counted as not held) or None (Esc)."""

    BINDINGS = [
        Binding("enter,ctrl+q", "answer('discard')", show=False),
        Binding("k", "answer('keep')", show=False),
        Binding("escape", "answer(None)", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static("", id="discard-question", markup=False)
            yield KeyBar(KEYS, id="discard-keybar")

    def on_mount(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.query_one("#discard-question", Static).update(_(
            "Nothing was recorded in this session: no card, no check-in or check-out, no "
            "note, no action item. Discard it? (Kept, it counts as started but not held.)"))
        self.query_one(KeyBar).retranslate()

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
