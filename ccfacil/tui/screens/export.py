"""``x``: write the session (or this month's report) to a USB drive or the exports folder."""

from __future__ import annotations

import calendar
import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ccfacil.errors import CcfacilError
from ccfacil.export import formats, places
from ccfacil.i18n import N_, _
from ccfacil.session import SessionRecord
from ccfacil.tui.widgets.choice import Choice
from ccfacil.tui.widgets.keybar import KeyBar

FIELDS = (N_("Contents"), N_("Format"), N_("Folder"), N_("Free-text notes"))
KEYS = [("enter", N_("Write")), ("tab", N_("Next field")), ("←→", N_("Change")),
        ("escape", N_("Close"))]


def format_label(found: formats.Format) -> Content:
    """``for a spreadsheet  CSV``: plain words first, the technical name in small print."""
    return Content.assemble(_(found.label), (f"  {found.technical}", "dim"))


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", show=False), Binding("enter", "write", show=False)]

    def __init__(self, record: SessionRecord):
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        safe = self.app.ctx.console_safe
        folders = places.export_folders(self.app.ctx.data_dir)
        with Vertical(id="export-box"):
            yield Static("", id="export-title", markup=False)
            with Horizontal(id="export-form"):
                yield Static("", id="export-labels", markup=False)
                with Vertical(id="export-fields"):
                    yield Choice([("session", lambda: _("this session")),
                                  ("month", self._month_label)], "session", safe,
                                 id="export-what")
                    yield Choice([(f.name, lambda f=f: format_label(f))
                                  for f in formats.in_app()], "md", safe, id="export-format")
                    yield Choice([(str(p), lambda p=p: str(p)) for p in folders],
                                 str(folders[0]), safe, id="export-folder")
                    yield Choice([(False, lambda: _("left out")),
                                  (True, lambda: _("included"))], False, safe,
                                 id="export-notes")
            yield Static("", id="export-result", markup=False)
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
        from ccfacil.export import report

        deck = self.app.ctx.deck_or_none(self.record.deck)
        found = formats.get(fmt)
        if what == "session":
            options = formats.Options(include_notes=notes, deck=deck)
            data = formats.render_session(fmt, self.record, options)
            return data, places.session_file_name(self.record, found.suffix)
        month = self._month()
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        sites = [self.record.site] if self.record.site else None
        built = report.build(self.app.store.list(self.record.site or None), sites, month, last)
        decks = {deck.id: deck} if deck is not None else None
        data = formats.render_report(fmt, built, formats.Options(decks=decks,
                                                                 include_notes=notes))
        return data, places.report_file_name(self.record.site or "all", month, found.suffix)

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
            places.make_folder(folder, self.app.ctx.data_dir)
            path = write_output(data, folder / name, fmt=fmt, private=notes)
        except (CcfacilError, OSError, ValueError) as exc:
            result.update(_("Not written: %(reason)s") % {"reason": exc})
            result.set_class(True, "-error")
            return
        result.update(_("Written: %(path)s") % {"path": path})
        result.set_class(False, "-error")

    def action_close(self) -> None:
        self.dismiss(None)
