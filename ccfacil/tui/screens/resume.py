"""At start: the latest session never ended (a power cut): resume it, or close it as it stands."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ccfacil.i18n import fmt
from ccfacil.i18n.runtime import N_, _, ngettext
from ccfacil.sessions.session import SessionRecord
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.answer import Answer
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody

RESUME, CLOSE = "resume", "close"


class ResumeScreen(Dialog[str | None]):
    """Dismissed with ``"resume"``, ``"close"`` or None (Escape: nothing changes)."""

    BINDINGS = [
        Binding("enter", "answer_focused", N_("Answer")),
        Binding("left,up", "app.focus_previous", N_("Choose"), key_display="←→"),
        Binding("right,down", "app.focus_next", N_("Choose"), key_display="←→"),
        Binding("escape", "later", N_("Decide later")),
    ]

    def __init__(self, record: SessionRecord, problem: str | None = None):
        super().__init__()
        self.record = record
        self.problem = problem  # why it cannot be resumed here, if it cannot

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-box"):
            yield Static("", id="resume-title", classes="box-head", markup=False)
            with ScrollBody(id="resume-body"):
                yield Static("", id="resume-text", markup=False)
            with Vertical(classes="box-foot"):
                with Horizontal(id="resume-answers"):
                    if self.problem is None:
                        yield Answer(RESUME, lambda: _("Resume it"), id="answer-resume")
                    yield Answer(CLOSE, lambda: _("Close it as it stands"), id="answer-close")
                yield MoreSign("resume-body", "pagedown", ascii_only=self.ascii_only)
                yield KeyBar(self.ascii_only, id="resume-keybar")

    def on_mount(self) -> None:
        self.query(Answer).first().focus()

    def retranslate(self) -> None:
        record = self.record
        when = fmt.datetime(record.started_at) if record.started_at else "—"
        cards = ngettext("%(num)d card discussed", "%(num)d cards discussed",
                         len(record.cards)) % {"num": len(record.cards)}
        lines = [_("The session at %(site)s of %(date)s was not finished (%(cards)s): the "
                   "app was closed or the power went off.") % {
                       "site": record.site or "—", "date": when, "cards": cards}]
        if self.problem is None:
            lines.append(_("Resume it where it stopped (card, turn, counts and notes as "
                           "saved), or close it as it stands?"))
        else:
            lines.append(_("It cannot be resumed here: %(reason)s. Close it as it stands "
                           "(nothing is lost)?") % {"reason": self.problem})
        self.query_one("#resume-title", Static).update(_("A session was not finished"))
        self.query_one("#resume-text", Static).update("\n\n".join(lines))
        for answer in self.query(Answer):
            answer.refresh(layout=True)

    def action_answer_focused(self) -> None:
        focused = self.focused
        if isinstance(focused, Answer):
            self.dismiss(focused.value)

    def action_later(self) -> None:
        self.dismiss(None)
