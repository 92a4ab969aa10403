"""The footer: the keys that work on this screen, in the active language.

On a narrow screen it keeps to two lines: keys are listed in order of importance
and the last ones give way, except help and quit, which always show.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.widgets import Static

from ccfacil.i18n import N_, _

# Key names shown to people (translated: "space" is "espace" in French).
KEY_NAMES = {"space": N_("space"), "enter": N_("Enter"), "escape": N_("Esc"), "tab": N_("Tab")}
ARROWS = {"←→": "<>", "↑↓": "^v"}  # for the Linux console
ALWAYS = ("?", "q", "ctrl+q", "escape")
LINES = 2
GAP = "  "


def key_label(key: str, ascii_only: bool = False) -> str:
    if key in KEY_NAMES:
        return _(KEY_NAMES[key])
    return ARROWS.get(key, key) if ascii_only else key


def fit(items: Sequence[tuple[str, str]], width: int, lines: int = LINES) -> list[str]:
    """Of ``(key, text)`` items, the texts that fit in ``lines`` lines of ``width``."""
    if width <= 0:
        return [text for _key, text in items]
    budget = (width - 2) * lines
    keep = [i for i, (key, _text) in enumerate(items) if key in ALWAYS]
    used = sum(len(items[i][1]) + len(GAP) for i in keep)
    for i, (_key, text) in enumerate(items):
        if i not in keep and used + len(text) + len(GAP) <= budget:
            keep.append(i)
            used += len(text) + len(GAP)
    return [items[i][1] for i in sorted(keep)]


class KeyBar(Static):
    """``r Reveal  n Next card  …``; the descriptions are ``N_`` constants."""

    DEFAULT_CSS = """
    KeyBar { height: auto; max-height: 2; padding: 0 1; }
    """

    def __init__(self, keys: Sequence[tuple[str, str]], **kwargs):
        super().__init__("", markup=False, **kwargs)
        self.keys = list(keys)

    def on_mount(self) -> None:
        self.retranslate()

    def on_resize(self, event: events.Resize) -> None:
        self.retranslate()

    def set_keys(self, keys: Sequence[tuple[str, str]]) -> None:
        self.keys = list(keys)
        self.retranslate()

    def retranslate(self) -> None:
        ascii_only = getattr(getattr(self.app, "ctx", None), "console_safe", False)
        items = [(k, f"{key_label(k, ascii_only)} {_(d)}") for k, d in self.keys]
        self.update(GAP.join(fit(items, self.size.width - 2)))
