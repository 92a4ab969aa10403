"""``e`` on the help screen: edit the site's referral text (who to go to for more help)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from ccfacil.errors import CcfacilError
from ccfacil.i18n.runtime import N_, _
from ccfacil.storage import referral
from ccfacil.tui.screens.confirm import ConfirmScreen
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.keybar import KeyBar

PHONE = N_("This text seems to hold a phone number or e-mail address (%(found)s). Keep only "
           "a service's own number that you have checked, never a person's private one. "
           "Save it anyway?")


class ReferralScreen(Dialog[bool]):
    """Dismissed with True when a text was saved (or removed), False otherwise."""

    BINDINGS = [Binding("escape", "close", N_("Save and close"))]

    def __init__(self, data_dir: Path, site: str):
        super().__init__()
        self.data_dir, self.site = data_dir, site
        try:
            self.initial = referral.load_referral(data_dir, site) or ""
            self.load_error = ""
        except CcfacilError as exc:
            self.initial, self.load_error = "", str(exc)

    def compose(self) -> ComposeResult:
        with Vertical(id="referral-box"):
            yield Static("", id="referral-title", markup=False)
            yield Static("", id="referral-help", markup=False)
            yield TextArea(self.initial, id="referral-text", soft_wrap=True)
            yield Static(self.load_error, id="referral-error", markup=False)
            yield KeyBar(self.ascii_only, id="referral-keybar")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def retranslate(self) -> None:
        site = self.site or _("this device (no site code)")
        self.query_one("#referral-title", Static).update(
            _("Referral text for %(site)s") % {"site": site})
        self.query_one("#referral-help", Static).update(_(
            "Who to go to when someone needs more help than the club: for example the "
            "in-charge, the head doctor, the nearest mental-health service, and when they "
            "can be found. Write only what the site has checked; never a made-up number. "
            "Leave it empty to remove it."))

    def _save(self, text: str) -> None:
        try:
            saved = referral.save_referral(self.data_dir, self.site, text)
        except (CcfacilError, OSError) as exc:
            self.query_one("#referral-error", Static).update(
                str(exc) if isinstance(exc, CcfacilError) else f"{exc.strerror or exc}")
            return
        if saved.moved is not None:
            self.app.notify(_("warning: %(path)s could not be read; it was set aside as "
                              "%(aside)s") % {"path": referral.FILE, "aside": saved.moved.name},
                            severity="warning", timeout=12, markup=False)
        self.dismiss(True)

    def action_close(self) -> None:
        text = referral.clean(self.query_one(TextArea).text)
        if text == referral.clean(self.initial) and not self.load_error:
            self.dismiss(False)
            return
        problems = referral.check(text)
        if problems:
            self.query_one("#referral-error", Static).update("; ".join(problems))
            return
        found = referral.warnings(text)
        if not found:
            self._save(text)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._save(text)

        self.app.push_screen(ConfirmScreen(PHONE, {"found": ", ".join(found)}), answered)
