"""``d``: choose which domains the next cards come from."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ccfacil.cards.deck import Deck
from ccfacil.i18n.runtime import N_, _
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody


class DomainScreen(Dialog[list[str] | None]):
    SMALL = True
    BINDINGS = [
        *(Binding(str(n), f"toggle({n})", N_("Switch on/off"), key_display="1-9")
          for n in range(1, 10)),
        Binding("a", "all", N_("All")),
        Binding("enter", "apply", N_("Apply")),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, deck: Deck, chosen: Sequence[str]):
        super().__init__()
        self.deck = deck
        self.chosen = set(chosen)

    def compose(self) -> ComposeResult:
        with Vertical(id="domains-box"):
            yield Static("", id="domains-title", classes="box-head", markup=False)
            with ScrollBody(id="domains-body", can_focus=True):
                yield Static("", id="domains-list", markup=False)
            with Vertical(classes="box-foot"):
                yield MoreSign("domains-body", ascii_only=self.ascii_only)
                yield KeyBar(self.ascii_only, id="domains-keybar")

    def retranslate(self) -> None:
        self.deck = self.app.ctx.localized_deck(self.deck.id)
        self.query_one("#domains-title", Static).update(_("Cards from these domains:"))
        rows = [f"{n}  ({'x' if d.id in self.chosen else ' '})  {d.title}"
                for n, d in enumerate(self.deck.domains, start=1)]
        self.query_one("#domains-list", Static).update("\n".join(rows))

    def action_toggle(self, number: int) -> None:
        if number <= len(self.deck.domains):
            domain = self.deck.domains[number - 1].id
            self.chosen ^= {domain}
            self.retranslate()

    def action_all(self) -> None:
        self.chosen = set(self.deck.domain_ids)
        self.retranslate()

    def action_apply(self) -> None:
        if self.chosen:
            self.dismiss([d for d in self.deck.domain_ids if d in self.chosen])

    def action_cancel(self) -> None:
        self.dismiss(None)
