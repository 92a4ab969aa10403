"""``h``: past sessions at this site; open one to read its summary, delete one."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ccfacil.i18n import fmt
from ccfacil.i18n.runtime import N_, _, ngettext
from ccfacil.sessions.session import SessionRecord, marks
from ccfacil.tui.screens.confirm import ConfirmScreen
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.cursorlist import CursorList
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody

OPEN_SESSION = N_("This is the session open on screen: it cannot be deleted now. "
                  "Finish it and start a new session (Enter) first, then delete it here.")
DELETE_QUESTION = N_("Delete the session of %(date)s (%(cards)s)? This cannot be undone.")


def row(record: SessionRecord, deck_title: str) -> str:
    when = fmt.datetime(record.started_at) if record.started_at else "—"
    people = ngettext("%(num)d participant", "%(num)d participants",
                      record.participants) % {"num": record.participants}
    cards = ngettext("%(num)d card", "%(num)d cards", len(record.cards)) % {
        "num": len(record.cards)}
    return "  ·  ".join([when, deck_title, people, cards, *marks(record)])


class SessionList(CursorList):
    def __init__(self, records: list[SessionRecord], title: Callable[[str], str], **kwargs):
        super().__init__(cursor=max(0, len(records) - 1), **kwargs)  # the latest first
        self.records = records
        self.title = title

    def rows(self) -> list[str]:
        return [row(r, self.title(r.deck)) for r in self.records]

    def empty_text(self) -> str:
        return _("No sessions saved at this site yet.")



class TextScreen(Dialog[None]):
    """A long text to read (a session summary), with Esc to go back."""

    BINDINGS = [Binding("escape,q", "close", N_("Close"))]

    def __init__(self, text: Callable[[], str]):
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="text-box"):
            with ScrollBody(id="text-scroll", can_focus=True):
                yield Static("", id="text-body", markup=False)
            with Vertical(classes="box-foot"):
                yield MoreSign("text-scroll", ascii_only=self.ascii_only)
                yield KeyBar(self.ascii_only, id="text-keybar")

    def on_mount(self) -> None:
        self.query_one("#text-scroll").focus()  # the arrow keys scroll it

    def retranslate(self) -> None:
        self.query_one("#text-body", Static).update(self.text())

    def action_close(self) -> None:
        self.dismiss(None)


class HistoryScreen(Dialog[None]):
    BINDINGS = [
        Binding("enter", "read", N_("Read")),
        Binding("x,delete", "delete", N_("Delete")),
        Binding("escape", "close", N_("Close")),
    ]

    def __init__(self, site: str):
        super().__init__()
        self.site = site

    def compose(self) -> ComposeResult:
        records = self.app.store.list(self.site or None)
        with Vertical(id="history-box"):
            yield Static("", id="history-title", classes="box-head", markup=False)
            with ScrollBody(id="history-body"):
                yield SessionList(records, self._deck_title, id="history-list")
            with Vertical(classes="box-foot"):
                yield MoreSign("history-body", "↑↓", ascii_only=self.ascii_only)
                yield KeyBar(self.ascii_only, id="history-keybar")

    def _deck_title(self, deck_id: str) -> str:
        deck = self.app.ctx.deck_or_none(deck_id)
        return deck.title if deck is not None else deck_id  # not installed here: its id

    def on_mount(self) -> None:
        self.query_one(SessionList).focus()

    def retranslate(self) -> None:
        title = (_("Past sessions at %(site)s") % {"site": self.site} if self.site
                 else _("Past sessions"))
        self.query_one("#history-title", Static).update(title)
        self.query_one(SessionList).refresh()

    def _current(self) -> SessionRecord | None:
        listing = self.query_one(SessionList)
        return listing.records[listing.cursor] if listing.records else None

    def action_read(self) -> None:
        record = self._current()
        if record is not None:
            self.app.push_screen(TextScreen(lambda: self.app.summary_text(record)))

    def action_delete(self) -> None:
        record = self._current()
        if record is None:
            return
        running = self.app.session
        if running is not None and running.record.id == record.id:
            # Deleting it now would be undone by the next save: say so instead.
            self.app.notify(_(OPEN_SESSION), severity="warning", timeout=8, markup=False)
            return
        listing = self.query_one(SessionList)

        def answered(yes: bool | None) -> None:
            if yes and self.app.delete_session(record):
                listing.records.remove(record)
                listing.changed()

        when = fmt.datetime(record.started_at) if record.started_at else record.id[:8]
        cards = ngettext("%(num)d card", "%(num)d cards", len(record.cards)) % {
            "num": len(record.cards)}
        self.app.push_screen(ConfirmScreen(DELETE_QUESTION, {"date": when, "cards": cards}),
                             answered)

    def action_close(self) -> None:
        self.dismiss(None)
