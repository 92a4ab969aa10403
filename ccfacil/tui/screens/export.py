"""``x``: write the session (or this month's report) to a USB drive or the exports folder."""

from __future__ import annotations

import calendar
import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ccfacil.errors import CcfacilError
from ccfacil.export import places
from ccfacil.i18n import N_, _
from ccfacil.session import SessionRecord
from ccfacil.tui.widgets.choice import Choice
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody

FIELDS = (N_("Contents"), N_("Format"), N_("Folder"), N_("Free-text notes"))
KEYS = [("enter", N_("Write")), ("tab", N_("Next field")), ("←→", N_("Change")),
        ("escape", N_("Close"))]
FORMATS = ("md", "txt", "csv", "json")
FORMAT_NAMES = {"md": N_("Markdown (to read or print)"),
                "txt": N_("short text (for a phone message)"),
                "csv": N_("CSV (Excel, LibreOffice)"),
                "json": N_("JSON (for the coordinator's ccfacil merge)")}


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", show=False), Binding("enter", "write", show=False)]

    def __init__(self, record: SessionRecord):
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        safe = self.app.ctx.console_safe
        folders = places.export_folders(self.app.ctx.data_dir)
        with Vertical(id="export-box"):
            yield Static("", id="export-title", classes="box-head", markup=False)
            with ScrollBody(id="export-body"), Horizontal(id="export-form"):
                yield Static("", id="export-labels", markup=False)
                with Vertical(id="export-fields"):
                    yield Choice([("session", lambda: _("this session")),
                                  ("month", self._month_label)], "session", safe,
                                 id="export-what")
                    yield Choice([(f, lambda f=f: _(FORMAT_NAMES[f])) for f in FORMATS], "md",
                                 safe, id="export-format")
                    yield Choice([(str(p), lambda p=p: str(p)) for p in folders],
                                 str(folders[0]), safe, id="export-folder")
                    yield Choice([(False, lambda: _("left out")),
                                  (True, lambda: _("included"))], False, safe,
                                 id="export-notes")
            with Vertical(classes="box-foot"):
                yield Static("", id="export-result", markup=False)
                yield MoreSign("export-body", "tab")
                yield KeyBar(KEYS, id="export-keybar")

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one("#export-what", Choice).focus()

    def _month(self) -> dt.date:
        start = self.record.started_at or self.app.ctx.wall()
        return start.date().replace(day=1)

    def _month_label(self) -> str:
        from ccfacil import fmt

        return _("this month's report for %(site)s (%(month)s)") % {
            "site": self.record.site or "—", "month": fmt.month(self._month())}

    def retranslate(self) -> None:
        self.query_one("#export-title", Static).update(_("Export"))
        self.query_one("#export-labels", Static).update("\n\n".join(_(f) for f in FIELDS))
        for choice in self.query(Choice):
            choice.refresh()
        self.query_one(KeyBar).retranslate()

    def _build(self, what: str, fmt: str, notes: bool) -> tuple[str | bytes, str]:
        from ccfacil.export import report, summary

        deck = self.app.ctx.deck_or_none(self.record.deck)
        if what == "session":
            data = summary.render(self.record, fmt, include_notes=notes, deck=deck)
            return data, places.session_file_name(self.record, fmt)
        month = self._month()
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        sites = [self.record.site] if self.record.site else None
        built = report.build(self.app.store.list(self.record.site or None), sites, month, last)
        decks = {deck.id: deck} if deck is not None else None
        data = report.render(built, fmt, decks=decks)
        return data, places.report_file_name(self.record.site or "all", month, fmt)

    def action_write(self) -> None:
        from pathlib import Path

        from ccfacil.export import write_output

        what = str(self.query_one("#export-what", Choice).value)
        fmt = str(self.query_one("#export-format", Choice).value)
        folder = Path(str(self.query_one("#export-folder", Choice).value))
        notes = bool(self.query_one("#export-notes", Choice).value)
        result = self.query_one("#export-result", Static)
        self.app.keeper.flush_now()  # the export holds what is on screen
        try:
            data, name = self._build(what, fmt, notes)
            folder.mkdir(parents=True, exist_ok=True)
            path = write_output(data, folder / name)
        except (CcfacilError, OSError, ValueError) as exc:
            result.update(_("Not written: %(reason)s") % {"reason": exc})
            result.set_class(True, "-error")
            return
        result.update(_("Written: %(path)s") % {"path": path})
        result.set_class(False, "-error")

    def action_close(self) -> None:
        self.dismiss(None)
