"""A list of tags to move through with the arrow keys; space switches one on or off."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.binding import Binding
from textual.message import Message

from ccfacil.i18n.runtime import N_
from ccfacil.tui.widgets.cursorlist import CursorList


class PickList(CursorList):
    """``> [x] music`` rows; labels are functions, so they follow the language."""

    BINDINGS = [Binding("space", "toggle", N_("Switch a tag on/off"))]
    HANG = 4

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
        super().__init__(**kwargs)
        self.items = list(items)
        self.chosen = set(chosen)

    def set_items(self, items: Sequence[tuple[str, Callable[[], str]]]) -> None:
        self.items = list(items)
        self.changed()

    def rows(self) -> list[str]:
        return [f"[{'x' if value in self.chosen else ' '}] {label()}"
                for value, label in self.items]

    def action_toggle(self) -> None:
        if not self.items:
            return
        value = self.items[self.cursor][0]
        self.chosen ^= {value}
        self.refresh()
        self.post_message(self.Toggled(self, value, value in self.chosen))
