"""The app's language and display: switching the language, the projector theme, the bell.

A mixin of ``CcfacilApp`` (``ccfacil.tui.app``), as ``StartingMixin`` is: it uses the
app's ``ctx``, ``session`` and ``language_changed_signal`` (screens and widgets that show
words follow it), and keeps each choice for next time (``_remember``).
"""

from __future__ import annotations

from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import _


class DisplayMixin:
    # -- language ---------------------------------------------------------------------
    def switch_language(self, lang: str) -> None:
        i18n.set_language(lang)
        self.ctx.setup.lang = lang
        if self.session is not None:
            self.session.set_deck_language(self.ctx.localized_deck(self.session.deck.id), lang)
        self.language_changed_signal.publish(lang)

    def on_setup_screen_language_chosen(self, message) -> None:
        """``SetupScreen.LanguageChosen``, from its language field."""
        self.switch_language(message.language)

    def action_switch_language(self) -> None:
        self.switch_language(self.ctx.next_language(i18n.current_language()))

    # -- display ----------------------------------------------------------------------
    def _apply_theme(self) -> None:
        projector = self.ctx.theme == "projector"
        self.set_class(projector, "-projector")
        theme = "textual-light" if projector else "textual-dark"
        if self.theme != theme:  # setting it re-parses every stylesheet
            self.theme = theme

    def action_toggle_theme(self) -> None:
        self.ctx.theme = "normal" if self.ctx.theme == "projector" else "projector"
        self._apply_theme()
        self._remember()

    def action_toggle_bell(self) -> None:
        self.ctx.bell = not self.ctx.bell
        self._remember()
        self.notify(_("Bell on") if self.ctx.bell else _("Bell off"), markup=False, timeout=3)
