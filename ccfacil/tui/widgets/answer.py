"""One answer of a question (``No`` / ``Yes``): focus shows which one Enter gives."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget


class Answer(Widget, can_focus=True):
    DEFAULT_CSS = """
    Answer { width: auto; height: 1; padding: 0 1; margin-right: 2; }
    Answer:focus { text-style: bold reverse; }
    """

    def __init__(self, value: bool, label: Callable[[], str], **kwargs):
        super().__init__(markup=False, **kwargs)
        self.value = value
        self.label = label  # a function: it follows the language

    def render(self) -> str:
        mark = ">" if self.has_focus else " "
        return f"{mark} {self.label()} "

    def on_focus(self) -> None:
        self.refresh(layout=True)

    def on_blur(self) -> None:
        self.refresh(layout=True)
