"""The line at the top: where the session is (phase, cards discussed, session clock)."""

from __future__ import annotations

from textual.widgets import Static

from ccfacil import fmt
from ccfacil.i18n import _, ngettext
from ccfacil.runner import PHASE_NAMES, Phase, SessionRun
from ccfacil.tui.keeper import SaveState


def status_text(run: SessionRun) -> str:
    cards = ngettext("%(num)d card discussed", "%(num)d cards discussed",
                     run.cards_discussed) % {"num": run.cards_discussed}
    clock = _("%(elapsed)s of %(planned)s") % {
        "elapsed": fmt.clock(run.elapsed(), hours=False),
        "planned": fmt.clock(run.planned_seconds, hours=False)}
    parts = [_(PHASE_NAMES[run.phase]), cards, clock]
    if run.elapsed() > run.planned_seconds and run.phase is not Phase.DONE:
        parts.append(_("time to close"))
    return "  ·  ".join(parts)


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, **kwargs):
        super().__init__("", markup=False, **kwargs)

    def show(self, run: SessionRun, saving: SaveState | None = None) -> None:
        """Most important first: on a narrow screen the end of the line gives way."""
        parts = [status_text(run)]
        saved = saving.text() if saving is not None else ""
        if saved:
            parts.append(saved)
        parts.append(run.deck.title)
        if run.setup.site:
            parts.append(run.setup.site)
        self.update("  ·  ".join(parts))
        self.set_class(run.elapsed() > run.planned_seconds, "-late")
        self.set_class(bool(saving and saving.error), "-unsaved")
