"""A new session at a site starts by reviewing the last session's open action items."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions.session import ActionItem, ActionStatus, SessionRecord
from ccfacil.tui.screens.actions import describe
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.cursorlist import CursorList
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody

Review = list[tuple[SessionRecord, ActionItem]]


class ReviewList(CursorList):
    BINDINGS = [
        Binding("d", "mark('done')", N_("Done")),
        Binding("c", "mark('carried')", N_("Carry over")),
        Binding("x", "mark('dropped')", N_("Drop")),
    ]

    def __init__(self, items: Review, **kwargs):
        super().__init__(**kwargs)
        self.items = items

    def rows(self) -> list[str]:
        return [describe(item) for _record, item in self.items]

    def action_mark(self, status: str) -> None:
        self.items[self.cursor][1].status = ActionStatus(status)
        self.move_to(min(self.cursor + 1, len(self.items) - 1))



class FollowUpScreen(Dialog[Review]):
    """Mark each open item done, carried over or dropped; Enter goes on to the session."""

    BINDINGS = [Binding("enter,escape", "done", N_("Continue"))]

    def __init__(self, items: Review):
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(id="followup-box"):
            yield Static("", id="followup-title", classes="box-head", markup=False)
            with ScrollBody(id="followup-body"):
                yield Static("", id="followup-help", markup=False)
                yield ReviewList(self.items, id="followup-list")
            with Vertical(classes="box-foot"):
                yield MoreSign("followup-body", "↑↓", ascii_only=self.ascii_only)
                yield KeyBar(self.ascii_only, id="followup-keybar")

    def on_mount(self) -> None:
        self.query_one(ReviewList).focus()

    def retranslate(self) -> None:
        self.query_one("#followup-title", Static).update(
            _("Follow-up: action items from the last session"))
        self.query_one("#followup-help", Static).update(_(
            "For each one: d if it was done, c to carry it over to this session, "
            "x to drop it. Items left as they are stay open."))
        self.query_one(ReviewList).refresh()

    def action_done(self) -> None:
        self.dismiss(self.items)
