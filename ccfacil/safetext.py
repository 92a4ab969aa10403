"""Text that cannot attack the terminal it is printed on.

Site names, notes, tags and deck text may come from a file someone else made: an
``ESC ] 0 ; …`` in a merged site name would retitle the window, ``ESC [ 2 J`` would
clear it, a right-to-left override would make a line read backwards.  Everything the
command line prints goes through ``for_terminal`` (text) or ``json_for_terminal`` (JSON),
which keep the text readable and show each control character as a visible escape
(``\\x1b``, ``\\u202e``); the Textual screens do the same on their side.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline (and CR only before LF: CSV line ends), DEL, C1
# controls, and the Unicode controls that reorder or split what is shown.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
# (Compiled on first use by ``re``'s own cache: the app's start-up does not pay for them.)
_UNSAFE = f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]|\r(?!\n)"
_UNSAFE_LINE = f"[\x00-\x1f\x7f-\x9f{_BIDI}]"
# What json.dumps(ensure_ascii=False) leaves as it is but a terminal acts on.
_UNSAFE_JSON = f"[\x7f-\x9f{_BIDI}]"


def _escape(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with every control character but tab and newline made visible."""
    return re.sub(_UNSAFE, _escape, text) if re.search(_UNSAFE, text) else text


def one_line(text: str) -> str:
    """``text`` safe for a terminal and on one line (newlines and tabs become spaces)."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return re.sub(_UNSAFE_LINE, _escape, text) if re.search(_UNSAFE_LINE, text) else text


def json_for_terminal(text: str) -> str:
    """JSON text with the characters a terminal acts on written as ``\\uXXXX`` escapes.

    The JSON stays the same data: ``json.loads`` gives back exactly what was dumped.
    (``json.dumps`` already escapes the C0 controls.)
    """
    if not re.search(_UNSAFE_JSON, text):
        return text
    return re.sub(_UNSAFE_JSON, lambda m: f"\\u{ord(m.group(0)):04x}", text)
