"""French typography: a no-break space before ``: ; ? !`` and inside « ».

``problems`` names what is wrong in one text; ``fix`` corrects it.  Both only look at
punctuation used as punctuation: a mark followed by a space or ending the text.  The
colon of ``2:00``, ``M:SS``, ``domain:<d>`` or ``https://`` is left alone.  Either
no-break space is accepted (U+00A0, or the narrow U+202F); ``fix`` writes U+00A0.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
SPACES = "\u00a0\u202f"
MARKS = ":;?!"

_ORDINARY_BEFORE = re.compile(r"[ \t]+([:;?!])")
# A mark right after a letter, digit or closing sign, used as punctuation (then a space,
# a closing guillemet or the end of the text).  After another mark: "?!" needs one space;
# after a straight quote it is code (JSON such as "format": "x"), not French.
_NONE_BEFORE = re.compile(r"(?<=[^\s\u00a0\u202f:;?!«(\[\"'])([:;?!])(?=[\s»]|$)")
_AFTER_OPENING = re.compile(r"«(?![\u00a0\u202f])[ \t]*")
_BEFORE_CLOSING = re.compile(r"(?<![\u00a0\u202f])[ \t]*»")


def applies(lang: str) -> bool:
    """The rule is French (fr, fr_ML, ...)."""
    return lang == "fr" or lang.startswith("fr_")


def problems(text: str) -> list[str]:
    """One short description per problem (English: for the check's report)."""
    found = []
    for match in _ORDINARY_BEFORE.finditer(text):
        found.append(f"ordinary space before '{match.group(1)}' (use a no-break space): "
                     f"{_around(text, match.start(1))!r}")
    for match in _NONE_BEFORE.finditer(text):
        found.append(f"no space before '{match.group(1)}' (add a no-break space): "
                     f"{_around(text, match.start(1))!r}")
    for match in _AFTER_OPENING.finditer(text):
        found.append(f"'«' must be followed by a no-break space: {_around(text, match.start())!r}")
    for match in _BEFORE_CLOSING.finditer(text):
        found.append(f"'»' must follow a no-break space: {_around(text, match.end() - 1)!r}")
    return found


def fix(text: str) -> str:
    """The text with French spacing around ``: ; ? !`` and « »."""
    text = _ORDINARY_BEFORE.sub(NBSP + r"\1", text)
    text = _NONE_BEFORE.sub(NBSP + r"\1", text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    return _BEFORE_CLOSING.sub(NBSP + "»", text)


def _around(text: str, index: int, width: int = 12) -> str:
    return text[max(0, index - width): index + width]
