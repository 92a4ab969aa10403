"""The footer: the keys that work now on this screen, in the active language.

Keys are listed most important first. They are laid out on at most two lines
without ever splitting a key from its label; when they do not all fit, the least
important give way, except help, quit and close, which always show (the help
screen lists every key). Enter stays too: it is what carries a pop-up on.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.widgets import Static

from ccfacil import console
from ccfacil.i18n.runtime import N_, _

# Key names shown to people (translated: "space" is "espace" in French).
KEY_NAMES = {"space": N_("space"), "enter": N_("Enter"), "escape": N_("Esc"), "tab": N_("Tab")}
ALWAYS = ("?", "q", "ctrl+q", "escape", "enter")
LINES = 2
GAP = "  "


def key_label(key: str, ascii_only: bool = False) -> str:
    if key in KEY_NAMES:
        label = _(KEY_NAMES[key])
    else:
        label = key
    return console.ascii_text(label) if ascii_only else label


def pack(texts: Sequence[str], width: int, ellipsis: str = "…") -> list[str]:
    """Texts on lines of ``width``, in order, each whole (a text wider than a line is cut)."""
    lines: list[str] = []
    for text in texts:
        if len(text) > width:
            text = text[: max(1, width - len(ellipsis))] + ellipsis
        if lines and len(lines[-1]) + len(GAP) + len(text) <= width:
            lines[-1] += GAP + text
        else:
            lines.append(text)
    return lines


def fit(items: Sequence[tuple[str, str]], width: int, lines: int = LINES,
        ellipsis: str = "…") -> tuple[list[str], list[str]]:
    """Of ``(key, text)`` items (most important first): the lines, and the keys shown.

    The least important item that is not help/quit/close gives way until the rest
    fits in ``lines`` lines of ``width``.
    """
    keep = list(range(len(items)))
    if width <= 0:
        return [GAP.join(text for _key, text in items)], [key for key, _text in items]
    while True:
        packed = pack([items[i][1] for i in keep], width, ellipsis)
        droppable = [i for i in keep if items[i][0] not in ALWAYS]
        if len(packed) <= lines or not droppable:
            return packed[:lines], [items[i][0] for i in keep]
        keep.remove(droppable[-1])


class KeyBar(Static):
    """``r Reveal  n Next card  …``: the keys that work now on its screen, read from the
    screen's active bindings (see ``ccfacil.tui.keys``), in the active language.

    It follows the bindings (a phase, the focus) and the language as they change.
    ``ascii_only`` (the Linux console) is handed down by the screen that composes it.
    """

    DEFAULT_CSS = """
    KeyBar { height: auto; max-height: 2; padding: 0 1; text-wrap: nowrap; }
    """

    def __init__(self, ascii_only: bool = False, **kwargs):
        super().__init__("", markup=False, **kwargs)
        self.ascii_only = ascii_only
        self.keys: list[tuple[str, str]] = []  # (key, description) as bound now
        self.shown: list[str] = []  # the keys on screen now (tests read it)

    def on_mount(self) -> None:
        from ccfacil.tui.appref import follow_language

        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.retranslate())
        follow_language(self, self.retranslate)
        self.retranslate()

    def on_resize(self, event: events.Resize) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        from ccfacil.tui.keys import bar_keys

        self.keys = bar_keys(self.screen)
        ascii_only = self.ascii_only
        items = [(k, f"{key_label(k, ascii_only)} {_(d)}") for k, d in self.keys]
        if ascii_only:
            items = [(k, console.ascii_text(text)) for k, text in items]
        lines, self.shown = fit(items, self.content_region.width,
                                ellipsis="..." if ascii_only else "…")
        self.update("\n".join(lines))
