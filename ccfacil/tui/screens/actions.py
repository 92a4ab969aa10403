"""``a``: action items: what the group will do, which role (never a name), by when."""

from __future__ import annotations

import datetime as dt
import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Static

from ccfacil.i18n import fmt
from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions import privacy
from ccfacil.sessions.runner import SessionRun
from ccfacil.sessions.session import ActionItem
from ccfacil.tui.screens.confirm import ConfirmScreen
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.cursorlist import CursorList
from ccfacil.tui.widgets.field import TextField
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody

# Translators: %(problem)s says what was found (a phone number, a name...) and why
PRIVACY = N_("%(problem)s Add this action item anyway?")


def parse_due(text: str) -> dt.date | None:
    """``2026-04-30`` or ``30/04/2026`` (as written in Mali); empty means no date."""
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("'%(text)s' is not a date such as 30/04/2026") % {"text": text})


def describe(item: ActionItem) -> str:
    due = fmt.date(item.due, style="medium") if item.due else "—"
    role = item.role or "—"
    return f"[{item.status.label()}] {item.what}  ·  {role}  ·  {due}"


class ActionList(CursorList):
    BINDINGS = [Binding("space", "cycle", N_("Change status")),
                Binding("x", "remove", N_("Remove"))]

    def __init__(self, run: SessionRun, **kwargs):
        super().__init__(**kwargs)
        self.run = run

    def rows(self) -> list[str]:
        return [describe(item) for item in self.run.record.actions]

    def empty_text(self) -> str:
        return _("No action items yet.")

    def action_cycle(self) -> None:
        if self.run.record.actions:
            self.run.cycle_action_status(self.cursor)
            self.refresh()

    def action_remove(self) -> None:
        if self.run.record.actions:
            self.run.remove_action(self.cursor)
            self.changed()



class ActionsScreen(Dialog[None]):
    BINDINGS = [
        Binding("tab", "app.focus_next", N_("Next part")),  # the app's Tab, said here
        Binding("enter", "add", N_("Add")),  # in a field (which takes it first)
        Binding("escape", "close", N_("Close")),
    ]

    def __init__(self, run: SessionRun):
        super().__init__()
        self.run = run

    def compose(self) -> ComposeResult:
        with Vertical(id="actions-box"):
            yield Static("", id="actions-title", classes="box-head", markup=False)
            with ScrollBody(id="actions-body"):
                yield ActionList(self.run, id="actions-list")
                with Grid(id="actions-form"):
                    yield Static("", id="label-what", markup=False)
                    yield TextField("", id="action-what", max_length=120,
                                    on_submit=self.submit_field)
                    yield Static("", id="label-role", markup=False)
                    yield TextField("", id="action-role", max_length=60,
                                    on_submit=self.submit_field)
                    yield Static("", id="label-due", markup=False)
                    yield TextField("", id="action-due", max_length=10, allowed=r"[0-9/-]",
                                    on_submit=self.submit_field)
                yield Static("", id="actions-error", markup=False)
            with Vertical(classes="box-foot"):
                yield MoreSign("actions-body", "tab", ascii_only=self.ascii_only)
                yield KeyBar(self.ascii_only, id="actions-keybar")

    def on_mount(self) -> None:
        self.query_one("#action-what", TextField).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter adds an item from the fields, not from the list."""
        return action != "add" or isinstance(self.focused, TextField)

    def action_add(self) -> None:
        self.add()

    def retranslate(self) -> None:
        self.query_one("#actions-title", Static).update(_("Action items"))
        self.query_one("#label-what", Static).update(_("What"))
        self.query_one("#label-role", Static).update(_("Who (a role, not a name)"))
        self.query_one("#label-due", Static).update(_("By when (30/04/2026)"))
        self.query_one(ActionList).refresh()

    def submit_field(self, field: TextField) -> None:
        """Enter in a field (its ``on_submit``) adds the item at once, in the order of the
        keys (see ``TextField.action_submit``): what is typed next goes to "What" again."""
        self.add()

    def add(self) -> None:
        what = self.query_one("#action-what", TextField)
        role = self.query_one("#action-role", TextField)
        due = self.query_one("#action-due", TextField)
        error = self.query_one("#actions-error", Static)
        if not what.value.strip():
            error.update(_("Say what will be done."))
            self.set_focus(what)  # now, not after the next refresh: keys follow it
            return
        try:
            when = parse_due(due.value)
        except ValueError as exc:
            error.update(str(exc))
            self.set_focus(due)
            return
        found = privacy.check(what.value, role.value)
        if not found:
            self._append(when)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._append(when)
            else:
                what.focus()

        self.app.push_screen(ConfirmScreen(PRIVACY, {"problem": found.message()}), answered)

    def _append(self, when: dt.date | None) -> None:
        what = self.query_one("#action-what", TextField)
        role = self.query_one("#action-role", TextField)
        due = self.query_one("#action-due", TextField)
        self.run.add_action(what.value, role.value, when)
        what.value = role.value = due.value = ""
        error = self.query_one("#actions-error", Static)
        error.update("")
        self.query_one(ActionList).changed()
        self.set_focus(what)

    def action_close(self) -> None:
        self.dismiss(None)
