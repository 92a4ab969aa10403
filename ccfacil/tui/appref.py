"""What screens and widgets may ask of the app: typed, and the signals they follow.

Screens and widgets post messages up and get their data down; where one must reach the
app, ``AppRef`` types ``self.app`` as ``AppServices``: the few things of ``CcfacilApp``
they use, and nothing else (a test checks the app has them all).  Typing it this way,
rather than as ``CcfacilApp``, keeps screens from importing the app that imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen
    from textual.signal import Signal

    from ccfacil.sessions.runner import SessionRun, SessionSetup
    from ccfacil.sessions.session import SessionRecord
    from ccfacil.storage.repository import SessionRepository
    from ccfacil.storage.saver import SaveState
    from ccfacil.tui.context import AppContext
    from ccfacil.tui.keeper import Keeper


class AppServices(Protocol):
    """The app as its screens and widgets see it."""

    ctx: AppContext
    session: SessionRun | None
    keeper: Keeper
    save_state: SaveState  # a reactive: the session screen watches it for its status bar
    language_changed_signal: Signal[str]  # published with the new language's code
    referral_changed_signal: Signal[str]  # published with the site whose text changed

    @property
    def store(self) -> SessionRepository: ...

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...

    def start_session(self, setup: SessionSetup) -> None: ...

    def new_session(self) -> None: ...

    def delete_session(self, record: SessionRecord) -> bool: ...

    def summary_text(self, record: SessionRecord) -> str: ...

    def push_screen(self, screen: Screen[Any], callback: Any = None) -> Any: ...

    def notify(self, message: str, *, severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def bell(self) -> None: ...


class AppRef:
    """Mixin for ccfacil's screens: ``self.app`` is typed ``AppServices`` (for the type
    checker: nothing changes at run time).  Widgets do not use it: they get their data
    down from their screen (``tests/unit/test_widgets_data_down.py``)."""

    if TYPE_CHECKING:
        @property
        def app(self) -> AppServices: ...

    @property
    def ascii_only(self) -> bool:
        """ASCII only (the Linux console): what a screen hands down to the key bar and
        the other widgets it composes."""
        return self.app.ctx.console_safe


def follow_language(node: DOMNode, callback: Callable[[], object]) -> None:
    """Call ``callback()`` on ``node`` each time the language changes, while it is mounted
    (the app's ``language_changed_signal``; a widget shown in another app: never)."""
    signal = getattr(node.app, "language_changed_signal", None)
    if signal is not None:
        signal.subscribe(node, lambda _language: callback())
