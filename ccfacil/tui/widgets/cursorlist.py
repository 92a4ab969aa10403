"""A focusable list of text rows with a cursor moved by the arrow keys (``>`` marks it).

Long rows wrap (indented under their first line) rather than push the next rows out
of the list; the cursor's row is scrolled into view when it moves.
"""

from __future__ import annotations

import textwrap

from textual.binding import Binding
from textual.widget import Widget

from ccfacil.i18n.runtime import N_
from ccfacil.tui.widgets.scrollbody import scroll_region_into_view

NBSP = "\u00a0"


class CursorList(Widget, can_focus=True):
    """Subclasses give ``rows()`` (one item each) and act on ``cursor``."""

    DEFAULT_CSS = """
    CursorList { height: auto; min-height: 1; }
    """
    BINDINGS = [Binding("up", "move(-1)", N_("Move"), key_display="↑↓"),
                Binding("down", "move(1)", N_("Move"), key_display="↑↓")]
    HANG = 0  # extra indent of a long row's next lines (under its label, past "[x] ")

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
            self.move_to((self.cursor + step) % count)

    def move_to(self, index: int) -> None:
        self.cursor = index
        self.refresh()
        self.scroll_cursor_into_view()

    def changed(self) -> None:
        """Rows were added or removed: keep the cursor on one and fit the new height."""
        self.cursor = max(0, min(self.cursor, len(self.rows()) - 1))
        self.refresh(layout=True)
        self.call_after_refresh(self.scroll_cursor_into_view)

    def scroll_cursor_into_view(self) -> None:
        """Scroll the cursor's row into view (in a pop-up that scrolls)."""
        lines = self._lines(self.content_region.width)
        rows = [n for n, (index, _line) in enumerate(lines) if index == self.cursor]
        if rows:
            scroll_region_into_view(self, rows[0], len(rows))

    def on_focus(self) -> None:
        self.refresh()
        self.call_after_refresh(self.scroll_cursor_into_view)

    def on_blur(self) -> None:
        self.refresh()

    def _lines(self, width: int) -> list[tuple[int, str]]:
        """(row index, text) for each line on screen, the marker column included."""
        # No-break spaces: Textual would drop ordinary ones at the start of a line.
        lines: list[tuple[int, str]] = []
        for index, row in enumerate(self.rows()):
            mark = ">" if index == self.cursor and self.has_focus else NBSP
            wrapped = (textwrap.wrap(row, max(8, width - 2), break_on_hyphens=False,
                                     subsequent_indent=NBSP * self.HANG)
                       if width > 2 else [row]) or [""]
            lines.append((index, f"{mark}{NBSP}{wrapped[0]}"))
            lines.extend((index, f"{NBSP * 2}{rest}") for rest in wrapped[1:])
        return lines

    def render(self) -> str:
        if not self.rows():
            return self.empty_text()
        return "\n".join(line for _index, line in self._lines(self.content_region.width))

    def get_content_height(self, container, viewport, width: int) -> int:
        if not self.rows():
            return 1
        return max(1, len(self._lines(width)))
