"""The Linux console: every cell drawn in ASCII, but for letters its fonts have.

Text we write is made ASCII where it is written (``console.ascii_text``: "…" becomes
"..."). This filter is the net under it: whatever else reaches the screen (Textual's
borders and scroll bars, a sign in a card or a translation) is replaced cell by cell,
so the width of every line stays the same.
"""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from ccfacil.console import ASCII_SIGNS, BAMBARA_LETTERS

HORIZONTAL = set("─━═╌╍┄┅┈┉▔▁╴╶╸╺╼╾")
VERTICAL = set("│┃║╎╏┆┇┊┋▊▋▌▍▎▏▐▕")
# Letters the console fonts for French and Bambara have (Latin-1, œ, ɛ ɔ ɲ ŋ), and « ».
KEEP = (set(map(chr, range(0x20, 0x7F))) | set(map(chr, range(0xC0, 0x100))) - {"×", "÷"}
        | set("«»\u00a0œŒ") | set(BAMBARA_LETTERS))


@lru_cache(4096)
def ascii_cell(char: str) -> str:
    """One cell for ``char``: itself, or an ASCII sign of the same width."""
    if char in KEEP:
        return char
    if char in HORIZONTAL:
        return "-"
    if char in VERTICAL:
        return "|"
    if "\u2500" <= char <= "\u257f":  # box corners and crossings
        return "+"
    if "\u2580" <= char <= "\u259f":  # blocks
        return "#"
    sign = ASCII_SIGNS.get(char)
    return sign[0] if sign else "?"


@lru_cache(4096)
def ascii_line(text: str) -> str:
    if text.isascii():
        return text
    return "".join(ascii_cell(c) for c in text)


class AsciiFilter(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [segment if segment.control or segment.text.isascii()
                else Segment(ascii_line(segment.text), segment.style, segment.control)
                for segment in segments]
