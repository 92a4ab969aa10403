"""A list to move through with the arrow keys, where space switches an item on or off."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget


class PickList(Widget, can_focus=True):
    """``> [x] music`` rows; labels are functions, so they follow the language."""

    DEFAULT_CSS = """
    PickList { height: auto; width: 1fr; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("space", "toggle", show=False),
    ]

    class Toggled(Message):
        def __init__(self, picklist: "PickList", value: str, on: bool):
            super().__init__()
            self.picklist = picklist
            self.value = value
            self.on = on

        @property
        def control(self) -> "PickList":
            return self.picklist

    def __init__(self, items: Sequence[tuple[str, Callable[[], str]]], chosen: Sequence[str] = (),
                 **kwargs):
        super().__init__(markup=False, **kwargs)
        self.items = list(items)
        self.chosen = set(chosen)
        self.cursor = 0

    def set_items(self, items: Sequence[tuple[str, Callable[[], str]]]) -> None:
        self.items = list(items)
        self.cursor = min(self.cursor, max(0, len(self.items) - 1))
        self.refresh(layout=True)

    def action_move(self, step: int) -> None:
        if self.items:
            self.cursor = (self.cursor + step) % len(self.items)
            self.refresh()

    def action_toggle(self) -> None:
        if not self.items:
            return
        value = self.items[self.cursor][0]
        self.chosen ^= {value}
        self.refresh()
        self.post_message(self.Toggled(self, value, value in self.chosen))

    def render(self) -> str:
        rows = []
        for index, (value, label) in enumerate(self.items):
            pointer = ">" if index == self.cursor and self.has_focus else " "
            mark = "x" if value in self.chosen else " "
            rows.append(f"{pointer} [{mark}] {label()}")
        return "\n".join(rows)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.items))
