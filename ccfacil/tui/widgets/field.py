"""A small one-line text field: type, backspace, Enter. Lighter than Textual's Input,
which the setup form would otherwise pay for at every start."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

EDITS = {"backspace": "action_delete_left", "ctrl+h": "action_delete_left",
         "ctrl+u": "action_clear", "enter": "action_submit"}


class TextField(Widget, can_focus=True):
    DEFAULT_CSS = """
    TextField { height: 1; width: 1fr; }
    """
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
                 placeholder: str = "",
                 on_submit: Callable[[TextField], None] | None = None, **kwargs):
        super().__init__(markup=False, **kwargs)
        self._on_submit = on_submit  # Enter, handled now (see ``action_submit``)
        self._allowed = re.compile(allowed)
        self.max_length = max_length
        self.placeholder = placeholder  # shown dimmed while the field is empty
        self.set_reactive(TextField.value, value)
        self._left_by_submit = False

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # A key this field cannot take (a letter in a number field) stays a shortcut:
        # ``l`` switches the language from the participants field too.
        return bool(character) and character != "?" and character.isprintable() \
            and bool(self._allowed.fullmatch(character))

    def on_key(self, event: events.Key) -> None:
        """Every key this field takes is applied here, in the order the keys came.

        Erasing through a binding would run only once the key has bubbled up to the
        app, after a digit typed just behind it (``BSpace 8`` on "4" left "4");
        Tab is the app's (a priority binding), so keys typed after it go to the next
        field, and keys typed before it land here.
        """
        if self._left_by_submit and self.screen.focused is not self:
            # Keys typed just after Enter moved the focus on: they belong where it went.
            target = self.screen.focused
            event.stop()
            event.prevent_default()
            if isinstance(target, TextField):
                target.take(event)
            elif target is not None:
                target.post_message(events.Key(event.key, event.character))
            return
        self.take(event)

    def on_focus(self) -> None:
        self._left_by_submit = False

    def take(self, event: events.Key) -> None:
        """Apply one key here: an edit (erase, clear, Enter) or a character it accepts."""
        edit = EDITS.get(event.key)
        if edit is not None:
            event.stop()
            event.prevent_default()
            getattr(self, edit)()
            return
        char = event.character
        if char and self.check_consume_key(event.key, char):
            event.stop()
            event.prevent_default()
            self.type(char)

    def on_paste(self, event: events.Paste) -> None:
        """Pasted text is typed in, as far as the field takes it (one line)."""
        event.stop()
        for char in event.text.replace("\r", "").split("\n")[0]:
            self.type(char)

    def type(self, char: str) -> None:
        if self._allowed.fullmatch(char) and len(self.value) < self.max_length:
            self.value += char

    def action_delete_left(self) -> None:
        self.value = self.value[:-1]

    def action_clear(self) -> None:
        self.value = ""

    def action_submit(self) -> None:
        """Enter: the ``on_submit`` its screen gave it, if any (done now, in key order, so
        that keys typed right after Enter follow the focus), else a ``Submitted`` message."""
        if self._on_submit is None:
            self.post_message(self.Submitted(self, self.value))
            return
        self._on_submit(self)
        self._left_by_submit = self.screen.focused is not self

    def render(self) -> Content:
        cursor = "_" if self.has_focus else ""
        if not self.value and self.placeholder:
            return Content(cursor) + Content.styled(self.placeholder, "dim")
        return Content(self.value + cursor)
