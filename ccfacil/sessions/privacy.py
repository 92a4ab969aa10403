"""Free text stays anonymous: spot phone numbers, e-mail addresses and given names.

One detector for every free-text field (notes, custom tags, action items, site and
facilitator codes):

- phone numbers as they are written in Mali: 8 digits, whole (``76123456``), in pairs or
  fours with any separator (``76 12 34 56``, ``76/12/34/56``, ``76,12,34,56``,
  ``76_12_34_56``, ``7612 3456``), with or without ``+223`` / ``00223``; other
  international numbers (``+33 6 12 34 56 78``).  Dates (``2026-03-12``, ``12.03.2026``)
  and amounts (``1 500 000``) are left alone: their digits are not grouped like a phone's;
- e-mail addresses, also written ``aminata(at)gmail.com`` or ``aminata @ gmail.com``;
- a capitalised word from a short list of common Malian given names shipped with the
  package (``ccfacil/data/names.txt``).  A name cannot be detected reliably: this only
  catches the usual slip, and the warning says why names do not belong there.

The caller decides what to do; the screens ask before keeping flagged text, and never
stop saving what was already accepted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ccfacil.i18n.runtime import N_, _

_SPACE = r"[ \t\u00a0\u202f]"
_SEP = rf"(?:{_SPACE}*[./_-]{_SPACE}*|,|{_SPACE}+)"
_RUN = re.compile(rf"(?<![\w+])(\+|00)?{_SPACE}*(\d+(?:{_SEP}\d+)*)(?!\w)")
_GROUP = re.compile(r"\d+")
_DOT = r"(?:\.|\(dot\)|\[dot\])"
_EMAIL = re.compile(
    rf"[\w.+-]+{_SPACE}*(?:@|＠|\(\s*at\s*\)|\[\s*at\s*\]|\{{\s*at\s*\}})"
    rf"{_SPACE}*[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[A-Za-z]{{2,}}(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
COUNTRY = "223"  # Mali

DETAILS = N_("It seems to hold a phone number or an e-mail address (%(found)s).")
NAMES = N_("It seems to hold a name (%(found)s). Names do not belong here: notes, tags "
           "and action items go into exports for coordinators, and a name can identify a "
           "colleague or a client. Write a role instead, such as 'midwife'.")


def _local(groups: list[str]) -> bool:
    """A Malian number without its country code: 8 digits whole, in fours or in pairs."""
    lengths = [len(g) for g in groups]
    if sum(lengths) == 8 and lengths in ([8], [4, 4], [2, 2, 2, 2]):
        return True
    return len(groups) >= 4 and all(n == 2 for n in lengths)  # e.g. 06 12 34 56 78


def _is_phone(prefix: str | None, groups: list[str]) -> bool:
    digits = "".join(groups)
    if prefix:  # +... or 00...: an international number
        return 8 <= len(digits) <= 15
    if groups[0] == COUNTRY and len(groups) > 1:  # 223 76 12 34 56
        return _local(groups[1:])
    if len(groups) == 1 and len(digits) == 11 and digits.startswith(COUNTRY):
        return True
    return _local(groups)


def phones(text: str) -> list[str]:
    found = []
    for match in _RUN.finditer(text):
        if _is_phone(match.group(1), _GROUP.findall(match.group(2))):
            found.append(match.group(0).strip())
    return found


def emails(text: str) -> list[str]:
    return [m.group(0).strip() for m in _EMAIL.finditer(text)]


def personal_details(text: str) -> list[str]:
    """The bits of ``text`` that look like e-mail addresses or phone numbers."""
    found = emails(text)
    return found + [p for p in phones(text) if not any(p in e for e in found)]


def typing_number(text: str) -> bool:
    """Does ``text`` end with what looks like a phone number being typed (``76 12 34``)?

    Autosave waits while it does, so that half a number is never saved before the
    whole one is flagged.
    """
    match = None
    for match in _RUN.finditer(text):
        pass
    if match is None or match.end() != len(text.rstrip()):
        return False
    groups = _GROUP.findall(match.group(2))
    digits = sum(map(len, groups))
    if match.group(1):
        return digits >= 3
    if len(groups) == 1:
        return 5 <= digits <= 10
    return digits >= 5 and all(len(g) <= 2 for g in groups[:-1]) and len(groups[-1]) <= 2


def typing_name(text: str) -> bool:
    """Does ``text`` end with a capitalised word that a given name starts with (``Mari``)?"""
    match = re.search(r"[^\W\d_]+$", text)
    if match is None or not match.group(0)[:1].isupper():
        return False
    start = _key(match.group(0))
    return any(name.startswith(start) for name in given_names())


def typing(text: str) -> bool:
    """Is a phone number or a name being typed at the end of ``text``?"""
    return typing_number(text) or typing_name(text)


def _key(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The shipped list of common Malian given names (accents and case ignored)."""
    from importlib import resources

    text = (resources.files("ccfacil") / "data" / "names.txt").read_text(encoding="utf-8")
    return frozenset(_key(line.strip()) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def names(text: str) -> list[str]:
    """Capitalised words of ``text`` that are common given names."""
    capitalised = [w for w in _WORD.findall(text) if w[:1].isupper()]
    if not capitalised:
        return []
    known = given_names()
    return [w for w in capitalised if _key(w) in known]


@dataclass
class Findings:
    details: list[str] = field(default_factory=list)  # phone numbers, e-mail addresses
    names: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.details or self.names)

    def message(self) -> str:
        """What was found and why it matters, in the active language (no question)."""
        parts = []
        if self.details:
            parts.append(_(DETAILS) % {"found": ", ".join(dict.fromkeys(self.details))})
        if self.names:
            parts.append(_(NAMES) % {"found": ", ".join(dict.fromkeys(self.names))})
        return " ".join(parts)


def check(*texts: str) -> Findings:
    """Everything in ``texts`` that may identify somebody."""
    found = Findings()
    for text in texts:
        found.details += personal_details(text)
        found.names += names(text)
    return found
