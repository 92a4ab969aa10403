"""A focusable list of text rows with a cursor moved by the arrow keys (``>`` marks it)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widget import Widget


class CursorList(Widget, can_focus=True):
    """Subclasses give ``rows()`` (one line each) and act on ``cursor``."""

    DEFAULT_CSS = """
    CursorList { height: auto; min-height: 1; }
    """
    BINDINGS = [Binding("up", "move(-1)", show=False), Binding("down", "move(1)", show=False)]

    def __init__(self, cursor: int = 0, **kwargs):
        super().__init__(markup=False, **kwargs)
        self.cursor = cursor

    def rows(self) -> list[str]:
        raise NotImplementedError

    def empty_text(self) -> str:
        return ""

    def action_move(self, step: int) -> None:
        count = len(self.rows())
        if count:
            self.cursor = (self.cursor + step) % count
            self.refresh()

    def changed(self) -> None:
        """Rows were added or removed: keep the cursor on one and fit the new height."""
        self.cursor = max(0, min(self.cursor, len(self.rows()) - 1))
        self.refresh(layout=True)

    def render(self) -> str:
        rows = self.rows()
        if not rows:
            return self.empty_text()
        return "\n".join(f"{'>' if i == self.cursor and self.has_focus else ' '} {row}"
                         for i, row in enumerate(rows))

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.rows()))
