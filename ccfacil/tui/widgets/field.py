"""A small one-line text field: type, backspace, Enter. Lighter than Textual's Input,
which the setup form would otherwise pay for at every start."""

from __future__ import annotations

import re

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class TextField(Widget, can_focus=True):
    DEFAULT_CSS = """
    TextField { height: 1; width: 1fr; }
    """
    BINDINGS = [
        Binding("backspace", "delete_left", show=False),
        Binding("ctrl+u", "clear", show=False),
        Binding("enter", "submit", show=False),
    ]

    value: reactive[str] = reactive("")

    class Submitted(Message):
        def __init__(self, field: "TextField", value: str):
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> "TextField":
            return self.field

    def __init__(self, value: str = "", *, allowed: str = r".", max_length: int = 32,
                 placeholder: str = "", **kwargs):
        super().__init__(markup=False, **kwargs)
        self._allowed = re.compile(allowed)
        self.max_length = max_length
        self.placeholder = placeholder  # shown dimmed while the field is empty
        self.set_reactive(TextField.value, value)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # A key this field cannot take (a letter in a number field) stays a shortcut:
        # ``l`` switches the language from the participants field too.
        focused = self.screen.focused
        field = focused if isinstance(focused, TextField) else self  # see on_key
        return bool(character) and character != "?" and character.isprintable() \
            and bool(field._allowed.fullmatch(character))

    def on_key(self, event: events.Key) -> None:
        if event.key in ("tab", "shift+tab"):
            # Move on here and now: keys typed fast after Tab are already on their way to
            # this field, and must land in the next one (see below), not in this one.
            event.stop()
            event.prevent_default()
            if self.screen.focused is self:
                (self.screen.focus_next if event.key == "tab" else self.screen.focus_previous)()
            return
        char = event.character
        if char and self.check_consume_key(event.key, char):
            event.stop()
            event.prevent_default()
            target = self.screen.focused  # not has_focus: that changes only later
            if isinstance(target, TextField):
                target.type(char)

    def type(self, char: str) -> None:
        if self._allowed.fullmatch(char) and len(self.value) < self.max_length:
            self.value += char

    def action_delete_left(self) -> None:
        self.value = self.value[:-1]

    def action_clear(self) -> None:
        self.value = ""

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.value))

    def render(self) -> Content:
        cursor = "_" if self.has_focus else ""
        if not self.value and self.placeholder:
            return Content(cursor) + Content.styled(self.placeholder, "dim")
        return Content(self.value + cursor)
