"""The line at the top: where the session is (phase, cards discussed, session clock, site)."""

from __future__ import annotations

from textual.widgets import Static

from ccfacil import console
from ccfacil.i18n import fmt
from ccfacil.i18n.runtime import _, ngettext
from ccfacil.sessions.runner import PHASE_NAMES, Phase, SessionRun
from ccfacil.storage.saver import SaveState

SEP = " · "


def status_parts(run: SessionRun) -> list[str]:
    cards = ngettext("%(num)d card discussed", "%(num)d cards discussed",
                     run.cards_discussed) % {"num": run.cards_discussed}
    clock = _("%(elapsed)s of %(planned)s") % {
        "elapsed": fmt.clock(run.elapsed(), hours=False),
        "planned": fmt.clock(run.planned_seconds, hours=False)}
    parts = [_(PHASE_NAMES[run.phase]), cards, clock]
    if run.elapsed() > run.planned_seconds and run.phase is not Phase.DONE:
        parts.append(_("time to close"))
    return parts


def status_text(run: SessionRun) -> str:
    return SEP.join(status_parts(run))


def fit_parts(parts: list[tuple[int, str]], width: int) -> list[str]:
    """Of ``(priority, text)`` parts in display order, those that fit in ``width``,
    the most important (lowest number) first."""
    chosen: set[int] = set()
    for index in sorted(range(len(parts)), key=lambda i: parts[i][0]):
        trial = chosen | {index}
        if len(SEP.join(parts[i][1] for i in sorted(trial))) <= width or not chosen:
            chosen = trial
    return [parts[i][1] for i in sorted(chosen)]


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, ascii_only: bool = False, **kwargs):
        super().__init__("", markup=False, **kwargs)
        self.ascii_only = ascii_only  # the Linux console: handed down by its screen
        self._run: SessionRun | None = None
        self._saving: SaveState | None = None

    def saved(self, state: SaveState) -> None:
        """The save state, handed down by its screen (which watches the app's
        ``save_state``): shown at once, under a pop-up too."""
        self._saving = state
        if self._run is not None:
            self.show(self._run)

    def show(self, run: SessionRun) -> None:
        """What fits, most important first: phase, clock and site code stay in view
        (a failed save too); the cards count, saving state and deck give way."""
        self._run, saving = run, self._saving
        phase, cards, clock, *late = status_parts(run)
        parts = [(1, phase), (4, cards), (2, clock)] + [(5, text) for text in late]
        if run.setup.site:
            parts.append((3, run.setup.site))
        saved = saving.text() if saving is not None else ""
        if saved:
            parts.append((0 if saving.error else 6, saved))
        parts.append((7, run.deck.title))
        if self.ascii_only:
            parts = [(rank, console.ascii_text(text)) for rank, text in parts]
        sep = console.ascii_text(SEP) if self.ascii_only else SEP
        self.update(sep.join(fit_parts(parts, self.content_region.width or 1000)))
        self.set_class(run.elapsed() > run.planned_seconds, "-late")
        self.set_class(bool(saving and saving.error), "-unsaved")
