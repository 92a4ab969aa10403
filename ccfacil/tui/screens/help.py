"""``?``: every key, and how to run a session, in the active language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ccfacil.cards.guide import MORE_HELP, STEPS
from ccfacil.i18n.runtime import N_, _
from ccfacil.storage import referral
from ccfacil.tui.keys import help_rows
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.keybar import KeyBar, key_label
from ccfacil.tui.widgets.prose import Prose
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody

if TYPE_CHECKING:
    from ccfacil.tui.appref import AppServices


def help_site(app: AppServices) -> str:
    """The site whose referral text the help shows and edits: the running session's,
    else the one typed on the setup screen, else the remembered one.  The app works it
    out (it knows its screens) and hands it down to ``HelpScreen``."""
    if app.session is not None:
        return app.session.setup.site
    from ccfacil.tui.screens.setup import SetupScreen

    for screen in reversed(app.screen_stack):
        if isinstance(screen, SetupScreen):
            return screen.typed_site()
    return app.ctx.setup.site


class HelpScreen(Dialog[None]):
    """The help; ``site``: the site whose referral text it shows and edits (``help_site``),
    worked out when it opens if not given."""

    BINDINGS = [Binding("e", "edit_referral", N_("Edit the referral text")),
                Binding("escape,q", "dismiss", N_("Close"))]

    def __init__(self, site: str):
        super().__init__()
        self._site = site

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            with ScrollBody(id="help-scroll", can_focus=True):
                yield Static("", id="help-steps-title", markup=False)
                yield Prose(id="help-steps")
                yield Static("", id="help-referral-title", markup=False)
                yield Prose(id="help-referral")
                yield Static("", id="help-title", markup=False)
                yield Static("", id="help-keys", markup=False)
                yield Static("", id="help-keycaps", markup=False)
                yield Static("", id="help-privacy", markup=False)
            with Vertical(classes="box-foot"):
                yield MoreSign("help-scroll", ascii_only=self.ascii_only)
                yield KeyBar(self.ascii_only, id="help-keybar")

    def on_mount(self) -> None:
        self.app.referral_changed_signal.subscribe(self, lambda _site: self.retranslate())
        self.query_one("#help-scroll").focus()  # the arrow keys scroll it

    def retranslate(self) -> None:
        self.query_one("#help-title", Static).update(_("Keys"))
        rows = [(" ".join(key_label(k) for k in keys.split(" ")), text)
                for keys, text in help_rows(self.explained())]
        width = max(len(keys) for keys, _text in rows)
        self.query_one("#help-keys", Static).update("\n".join(
            f"{keys:>{width}}  {_(text)}" for keys, text in rows))
        self.query_one("#help-keycaps", Static).update(_(
            "%(enter)s is the large key on the right (↵); %(esc)s is the key at the top "
            "left; %(space)s is the long bar at the bottom.") % {
                "enter": key_label("enter"), "esc": key_label("escape"),
                "space": key_label("space")})
        self.query_one("#help-steps-title", Static).update(_("Running a session"))
        self.query_one("#help-steps", Prose).set_text("\n".join(_(s) for s in STEPS))
        self.query_one("#help-referral-title", Static).update(_(MORE_HELP))
        self.query_one("#help-referral", Prose).set_text(
            referral.shown_text(self.app.ctx.data_dir, self.site()))
        self.query_one("#help-privacy", Static).update(_(
            "Nothing here asks for a name: seats are numbers, and what is said stays in "
            "the room."))

    def explained(self) -> list[type]:
        """Whose keys the help lists: the session's (all its phases), the first
        screen's, and the app's (``ccfacil.tui.keys``: the bindings' tooltips)."""
        from ccfacil.tui.screens.session import SessionScreen
        from ccfacil.tui.screens.setup import SetupScreen

        return [SessionScreen, SetupScreen, type(self.app)]

    def site(self) -> str:
        return self._site

    def action_edit_referral(self) -> None:
        from ccfacil.tui.screens.referral import ReferralScreen

        site = self.site()

        def edited(saved: bool | None) -> None:
            if saved:  # the help and the check-out show the new text
                self.app.referral_changed_signal.publish(site)

        self.app.push_screen(ReferralScreen(self.app.ctx.data_dir, site), edited)

    def action_dismiss(self) -> None:
        self.dismiss(None)

    def toggle(self) -> None:
        """``?`` again closes the help."""
        self.dismiss(None)
