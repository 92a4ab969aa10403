"""The card: domain (word and colour), question, then advice and affirmation on request."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ccfacil.cards.domainstyle import DOMAIN_STYLES
from ccfacil.i18n.runtime import _
from ccfacil.sessions.runner import REVEAL_LEVELS, CardView
from ccfacil.tui.widgets.prose import Prose

DOMAIN_CLASSES = tuple(DOMAIN_STYLES)  # the stylesheet colours -domain-<id> with $domain-<id>


class CardPanel(Vertical):
    """Shows a ``CardView``; every text is plain (square brackets are just brackets).
    ``ascii_only``: the Linux console's marks (given by the screen: data down)."""

    def __init__(self, ascii_only: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.ascii_only = ascii_only

    def compose(self) -> ComposeResult:
        yield Static("", id="card-domain", markup=False)
        yield Prose(id="card-question")
        yield Static("", id="card-advice-label", markup=False)
        yield Prose(id="card-advice")
        yield Prose(id="card-affirmation")
        yield Static("", id="card-hint", markup=False)

    def show(self, view: CardView | None) -> None:
        if view is None:
            for part in ("domain", "advice-label", "hint"):
                self.query_one(f"#card-{part}", Static).update("")
            for part in ("question", "advice", "affirmation"):
                self.query_one(f"#card-{part}", Prose).set_text("")
            return
        domain = self.query_one("#card-domain", Static)
        mark, dot = ("#", "-") if self.ascii_only else ("■", "·")
        domain.update(f"{mark} {view.domain_title}  {dot}  " + _("card %(position)d") % {
            "position": view.position})
        for name in DOMAIN_CLASSES:
            domain.set_class(view.card.domain == name, f"-domain-{name}")
        domain.set_class(view.card.domain not in DOMAIN_CLASSES, "-domain-other")
        self.query_one("#card-question", Prose).set_text(view.card.question)
        label = self.query_one("#card-advice-label", Static)
        label.update(_("Advice"))
        advice = self.query_one("#card-advice", Prose)
        advice.set_text(view.card.advice if view.reveal >= 2 else "")
        advice.display = label.display = view.reveal >= 2
        affirmation = self.query_one("#card-affirmation", Prose)
        # Translators: the affirmation, quoted; French "«\u00a0%(text)s\u00a0»" (no-break spaces)
        quoted = _("“%(text)s”") % {"text": view.card.affirmation}
        affirmation.set_text(quoted if view.reveal >= 3 else "")
        affirmation.display = view.reveal >= 3
        hint = {
            1: _("Talk about the question together; press r for the advice."),
            2: _("Press r for the affirmation."),
        }.get(view.reveal, "")
        self.query_one("#card-hint", Static).update(hint if view.reveal < REVEAL_LEVELS else "")
