"""How much room a text takes in the fonts our pages ask for, worked out without a browser.

Widths come from ``fontwidths`` (the wider of DejaVu Sans and Noto Sans, glyph by glyph),
plus a small margin; a character the table does not know counts as a full em.  Lines
break at spaces only, greedily, as a browser does; a browser may also break after a
hyphen, which only ever gives it fewer lines.  So a text this module says fits, fits.
"""

from __future__ import annotations

import unicodedata

from ccfacil.printing.fontwidths import BOLD, REGULAR

FONT_STACK = '"Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif'
MM_PER_PT = 25.4 / 72
SAFETY = 1.03  # browsers round glyph positions; our tables are already the wider font
UNKNOWN = 1.0  # em, for a character not in the tables


def _table(groups: dict[int, str]) -> dict[str, float]:
    return {char: width / 1000 for width, chars in groups.items() for char in chars}


_WIDTHS = {False: _table(REGULAR), True: _table(BOLD)}


def char_width(char: str, bold: bool = False) -> float:
    """The advance of ``char`` in em (combining marks take no room)."""
    found = _WIDTHS[bold].get(char)
    if found is not None:
        return found
    if unicodedata.combining(char):
        return 0.0
    return UNKNOWN


def text_width(text: str, bold: bool = False) -> float:
    """The width of ``text`` on one line, in em, with the safety margin."""
    table = _WIDTHS[bold]
    total = 0.0
    for char in text:
        width = table.get(char)
        total += width if width is not None else char_width(char, bold)
    return total * SAFETY


def wrap(text: str, width_em: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width_em`` (a word too long for a line is
    broken between letters, as CSS ``overflow-wrap: anywhere`` does)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, bold) <= width_em:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            while text_width(word, bold) > width_em and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut], bold) > width_em:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def height_mm(text: str, width_mm: float, size_pt: float, line_height: float,
              bold: bool = False) -> float:
    """The height ``text`` takes in a box ``width_mm`` wide, set at ``size_pt``."""
    em = size_pt * MM_PER_PT
    return len(wrap(text, width_mm / em, bold)) * em * line_height
