"""What every pop-up shares: a box in the middle, its title on top and its key bar at the
bottom always in view (what is between scrolls), and words that follow the language."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.screen import ModalScreen

from ccfacil.tui.appref import AppRef, follow_language

ResultType = TypeVar("ResultType")


class Dialog(AppRef, ModalScreen[ResultType]):
    """A pop-up: compose one box (a ``Vertical``) holding an optional ``.box-head``, what
    scrolls (``ScrollBody``) and a ``.box-foot`` with the ``KeyBar``; write the words in
    ``retranslate``, called once mounted and again whenever the language changes.

    ``SMALL``: a question (narrow box, warning border) rather than a page.
    """

    SMALL: ClassVar[bool] = False
    SCOPED_CSS = False  # the Linux console rule below starts from the App
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > Vertical {
        width: 95%;
        max-width: 110;
        height: auto;
        max-height: 95%;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    Dialog.-small > Vertical {
        width: 60;
        max-width: 95%;
        border: round $warning;
        padding: 0 2;
    }
    App.-console-safe Dialog > Vertical {
        border: ascii $accent;
    }
    Dialog .box-head {
        dock: top;
    }
    Dialog .box-foot {
        dock: bottom;
        height: auto;
    }
    """

    def __init__(self) -> None:
        super().__init__(classes="-small" if self.SMALL else None)

    def on_mount(self) -> None:
        follow_language(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        """Show the words in the active language (the key bar follows by itself)."""
