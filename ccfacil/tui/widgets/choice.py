"""A field that cycles through a few values with the arrow keys (no pop-up to get lost in)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from ccfacil.i18n.runtime import N_


class Choice(Widget, can_focus=True):
    """``◀ Français ▶``: left/right (or space) change the value."""

    DEFAULT_CSS = """
    Choice { height: 1; width: 1fr; }
    """
    BINDINGS = [
        Binding("left", "move(-1)", N_("Change"), key_display="←→"),
        Binding("right,space", "move(1)", N_("Change"), key_display="←→"),
    ]

    class Changed(Message):
        def __init__(self, choice: "Choice", value: object):
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> "Choice":
            return self.choice

    def __init__(self, options: Sequence[tuple[object, Callable[[], str | Content]]],
                 value: object = None,
                 ascii_only: bool = False, **kwargs):
        super().__init__(markup=False, **kwargs)
        self.options = list(options)
        values = [v for v, _ in self.options]
        self.index = values.index(value) if value in values else 0
        self.ascii_only = ascii_only

    @property
    def value(self) -> object:
        return self.options[self.index][0]

    def set_options(self, options: Sequence[tuple[object, Callable[[], str | Content]]],
                    value: object = None) -> None:
        keep = self.value if value is None else value
        self.options = list(options)
        values = [v for v, _ in self.options]
        self.index = values.index(keep) if keep in values else 0
        self.refresh()

    def select(self, value: object) -> None:
        """Show ``value`` (if it is one of the options) without announcing a change."""
        values = [v for v, _ in self.options]
        if value in values:
            self.index = values.index(value)
            self.refresh()

    def action_move(self, step: int) -> None:
        if len(self.options) > 1:
            self.index = (self.index + step) % len(self.options)
            self.refresh()
            self.post_message(self.Changed(self, self.value))

    def render(self) -> str | Content:
        left, right = ("<", ">") if self.ascii_only else ("◀", "▶")
        label = self.options[self.index][1]() if self.options else ""
        if isinstance(label, Content):  # e.g. a label with a part in small print
            return Content.assemble(f"{left} ", label, f" {right}")
        return f"{left} {label} {right}"
