"""``?``: every key, and how to run a session, in the active language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ccfacil.storage import referral
from ccfacil.cards.guide import MORE_HELP, STEPS
from ccfacil.i18n.runtime import N_, _
from ccfacil.tui.widgets.keybar import KeyBar, key_label
from ccfacil.tui.widgets.prose import Prose
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody

HELP_KEYS = [
    ("1-5", N_("opening and closing: count one person feeling 1 (heavy) to 5 (light)")),
    ("u", N_("take back the last count")),
    ("r", N_("reveal the next part of the card: advice, then affirmation")),
    ("n", N_("next card (in the opening: the first card; in the closing: finish)")),
    ("s", N_("skip this card: it goes to the bottom of the pile")),
    ("b", N_("back to the previous card")),
    ("space", N_("start or pause the speaker's clock")),
    ("t", N_("next speaker (the next seat number)")),
    ("g", N_("people present: someone arrived or left (the time spoken is kept)")),
    ("+ / -", N_("add or take away 30 seconds for this speaker")),
    ("d", N_("choose which domains the cards come from")),
    ("c", N_("go to the closing round (check-out)")),
    ("e", N_("notes for this card (or the session), coping strategies and themes")),
    ("a", N_("action items: what, which role, by when")),
    ("h", N_("past sessions at this site: read or delete")),
    ("x", N_("export this session or this month's report (USB drives first)")),
    ("h x r", N_("on the first screen: past sessions, export, and this month's report for "
                 "the site, without starting a session")),
    ("l", N_("switch language: nothing is lost")),
    ("p", N_("projector display (high contrast) on or off")),
    ("m", N_("bell on or off when a speaker's time is over")),
    ("?", N_("this help")),
    ("q", N_("quit (asks first while a session is running)")),
]
CLOSE_KEYS = [("↑↓", N_("Scroll")), ("e", N_("Edit the referral text")),
              ("escape", N_("Close"))]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", show=False),
                Binding("e", "edit_referral", show=False)]

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
                yield MoreSign("help-scroll")
                yield KeyBar(CLOSE_KEYS, id="help-keybar")

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one("#help-scroll").focus()  # the arrow keys scroll it

    def retranslate(self) -> None:
        self.query_one("#help-title", Static).update(_("Keys"))
        width = max(len(key_label(k)) for k, _d in HELP_KEYS)
        self.query_one("#help-keys", Static).update("\n".join(
            f"{key_label(k):>{width}}  {_(d)}" for k, d in HELP_KEYS))
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
        self.query_one("#help-keybar", KeyBar).retranslate()

    def site(self) -> str:
        """The site of the running session, else the one typed on the setup screen."""
        session = getattr(self.app, "session", None)
        if session is not None:
            return session.setup.site
        for screen in reversed(self.app.screen_stack):
            typed = getattr(screen, "typed_site", None)
            if typed is not None:
                return typed()
        return self.app.ctx.setup.site

    def action_edit_referral(self) -> None:
        from ccfacil.tui.screens.referral import ReferralScreen

        def edited(saved: bool | None) -> None:
            if saved:  # the help and the check-out show the new text
                for screen in self.app.screen_stack:
                    refresh = getattr(screen, "refresh_view", None) or getattr(
                        screen, "retranslate", None)
                    if refresh is not None:
                        refresh()

        self.app.push_screen(ReferralScreen(self.app.ctx.data_dir, self.site()), edited)

    def action_dismiss(self) -> None:
        self.dismiss(None)

    def toggle(self) -> None:
        """``?`` again closes the help."""
        self.dismiss(None)
