"""``x``: write the session (or this month's report) to a USB drive or the exports folder.

From the setup screen, "the session" is the site's last one.  A json export of the running
session makes its revision permanent (``SessionRun.share``), and a session's json export
carries its conflict copies too, so that the device that merges it ends with the same.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from ccfacil.errors import CcfacilError
from ccfacil.export import formats, places
from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions.runner import SessionRun
from ccfacil.sessions.session import SessionRecord
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.choice import Choice
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody

if TYPE_CHECKING:
    from ccfacil.tui.appref import AppServices

FIELDS = (N_("Contents"), N_("Format"), N_("Folder"), N_("Free-text notes"))


def format_label(found: formats.Format) -> Content:
    """``for a spreadsheet  CSV``: plain words first, the technical name in small print."""
    return Content.assemble(_(found.label), (f"  {found.technical}", "dim"))


def month_report(app: AppServices, site: str, month: dt.date, fmt: str, *,
                 include_notes: bool = False) -> str | bytes:
    """The month's report for ``site`` (every site if none), from the saved sessions."""
    from ccfacil.export import report

    month = month.replace(day=1)
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    built = report.build(app.store.list(site or None), [site] if site else None, month, last)
    decks = {d: deck for d in built.decks if (deck := app.ctx.deck_or_none(d)) is not None}
    return formats.render_report(fmt, built, formats.Options(decks=decks,
                                                             include_notes=include_notes))


class ExportScreen(Dialog[None]):
    BINDINGS = [
        Binding("enter", "write", N_("Write")),
        Binding("tab", "app.focus_next", N_("Next field")),  # the app's Tab, said here
        Binding("escape", "close", N_("Close")),
    ]

    def __init__(self, record: SessionRecord | None, site: str,
                 running: SessionRun | None = None):
        super().__init__()
        self.record = record  # the session to export (None: only the month's report)
        self.site = site
        self.running = running  # the session running in the app, if that is the one

    def compose(self) -> ComposeResult:
        safe = self.ascii_only
        folders = places.export_folders(self.app.ctx.data_dir)
        with Vertical(id="export-box"):
            yield Static("", id="export-title", classes="box-head", markup=False)
            with ScrollBody(id="export-body"), Horizontal(id="export-form"):
                yield Static("", id="export-labels", markup=False)
                with Vertical(id="export-fields"):
                    contents = [("month", self._month_label)]
                    if self.record is not None:
                        contents.insert(0, ("session", self._session_label))
                    yield Choice(contents, contents[0][0], safe, id="export-what")
                    yield Choice([(f.name, lambda f=f: format_label(f))
                                  for f in formats.in_app()], "md", safe, id="export-format")
                    yield Choice([(str(p), lambda p=p: str(p)) for p in folders],
                                 str(folders[0]), safe, id="export-folder")
                    yield Choice([(False, lambda: _("left out")),
                                  (True, lambda: _("included"))], False, safe,
                                 id="export-notes")
            with Vertical(classes="box-foot"):
                yield Static("", id="export-result", markup=False)
                yield MoreSign("export-body", "tab", ascii_only=self.ascii_only)
                yield KeyBar(self.ascii_only, id="export-keybar")

    def on_mount(self) -> None:
        self.query_one("#export-what", Choice).focus()

    def _month(self) -> dt.date:
        """The session's month (the one it started in, in its own local time)."""
        start = (self.record.started_at if self.running is not None and self.record
                 else None) or self.app.ctx.wall()
        return start.date().replace(day=1)

    def _session_label(self) -> str:
        from ccfacil.i18n import fmt

        if self.running is not None or self.record is None:
            return _("this session")
        when = fmt.datetime(self.record.started_at) if self.record.started_at else "—"
        return _("the last session (%(date)s)") % {"date": when}

    def _month_label(self) -> str:
        from ccfacil.i18n import fmt

        return _("this month's report for %(site)s (%(month)s)") % {
            "site": self.site or "—", "month": fmt.month(self._month())}

    def retranslate(self) -> None:
        self.query_one("#export-title", Static).update(_("Export"))
        self.query_one("#export-labels", Static).update("\n\n".join(_(f) for f in FIELDS))
        for choice in self.query(Choice):
            choice.refresh()

    def _record(self, fmt: str) -> SessionRecord | None:
        """The session as it is now; a json export makes the running one's revision
        permanent, and it is saved just so before the file is written."""
        if self.running is None:
            return self.record
        record = self.running.share() if fmt == "json" else self.running.snapshot()
        self.app.keeper.saver.submit(record)
        self.app.keeper.saver.flush_now()
        return record

    def _build(self, what: str, fmt: str, notes: bool) -> tuple[str | bytes, str]:
        from ccfacil.export import bundle

        found = formats.get(fmt)
        record = self._record(fmt)
        if what == "session" and record is not None:
            if fmt == "json":  # with its conflict copies, if it has any
                versions = [r if r.id != record.id else record
                            for r in self.app.store.list()
                            if r.session_id == record.session_id] or [record]
                data = bundle.dumps(bundle.envelope(versions, include_notes=notes))
            else:
                options = formats.Options(include_notes=notes,
                                          deck=self.app.ctx.deck_or_none(record.deck))
                data = formats.render_session(fmt, record, options)
            return data, places.session_file_name(record, found.suffix)
        month = self._month()
        data = month_report(self.app, self.site, month, fmt, include_notes=notes)
        return data, places.report_file_name(self.site or "all", month, found.suffix)

    def action_write(self) -> None:
        from pathlib import Path

        from ccfacil.export import write_output

        what = str(self.query_one("#export-what", Choice).value)
        fmt = str(self.query_one("#export-format", Choice).value)
        folder = Path(str(self.query_one("#export-folder", Choice).value))
        notes = bool(self.query_one("#export-notes", Choice).value)
        result = self.query_one("#export-result", Static)
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
