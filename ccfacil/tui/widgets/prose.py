"""Text that wraps as French typography wants: never before ``:``, ``?``, ``!`` or ``;``.

French puts a no-break space before those signs (« calme : », « pourquoi ? »).
Textual's own wrapping may break at it and leave the sign alone at the start of a
line; Python's ``textwrap`` breaks only at ordinary spaces, so the sign stays with
its word. The text is wrapped again whenever the widget's width changes.
"""

from __future__ import annotations

import textwrap

from textual import events
from textual.widgets import Static


def wrap(text: str, width: int) -> str:
    if width <= 0:
        return text
    return "\n".join(
        textwrap.fill(paragraph, width, break_long_words=True, break_on_hyphens=False)
        if paragraph else "" for paragraph in text.split("\n"))


class Prose(Static):
    def __init__(self, **kwargs):
        super().__init__("", markup=False, **kwargs)
        self.text = ""

    def set_text(self, text: str) -> None:
        self.text = text
        self._rewrap()

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        self.update(wrap(self.text, self.content_region.width))
