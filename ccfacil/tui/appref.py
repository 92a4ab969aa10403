"""What screens and widgets may ask of the app: typed, and the signals they follow.

Screens and widgets post messages up and get their data down; where one must reach the
app, ``AppRef`` types ``self.app`` as the ccfacil app (for the type checker: nothing at
run time), so that a misspelt attribute is caught before a user meets it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ccfacil.tui.app import CcfacilApp


class AppRef:
    """Mixin for ccfacil's screens and widgets: ``self.app`` is a ``CcfacilApp``."""

    if TYPE_CHECKING:
        @property
        def app(self) -> CcfacilApp: ...


def follow_language(node: DOMNode, callback: Callable[[], object]) -> None:
    """Call ``callback()`` on ``node`` each time the language changes, while it is mounted
    (the app's ``language_changed_signal``; a widget shown in another app: never)."""
    signal = getattr(node.app, "language_changed_signal", None)
    if signal is not None:
        signal.subscribe(node, lambda _language: callback())
