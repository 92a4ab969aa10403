"""A language's glossary (``<locale>/GLOSSARY.md``): one term per concept, checked.

Two Markdown tables, found by their headings:

``## Terms``: ``| concept | chosen term | rejected variants | note |``. No rejected variant
may appear in any translation of the language's catalogs: as a whole word or phrase,
in any case, after Unicode NFC, and also with the plural ending ``-w``.  Where a
rejected variant is part of another concept's chosen term (``kulu`` in ``karti kulu``,
the deck), that chosen term is not a finding.

``## Program words``: ``| English | chosen term | rejected variants | note |``. The
translation of that exact program message (``Export``, ``Scroll``...) must hold the
chosen term and none of the rejected ones; for words whose spelling is right in other
senses ("bɔ": to leave, to take out).

Several variants or forms in one cell are separated by ``;``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from ccfacil.errors import CcfacilError

FILE = "GLOSSARY.md"
TERMS, WORDS = "terms", "program words"


@dataclass(frozen=True)
class Row:
    table: str  # TERMS or WORDS
    concept: str  # for WORDS: the English program message
    chosen: tuple[str, ...]
    rejected: tuple[str, ...]
    note: str
    line: int


@dataclass(frozen=True)
class Finding:
    row: Row
    variant: str
    key: str  # the entry: card context or English text
    text: str
    lineno: int | None

    def message(self) -> str:
        if self.row.table == WORDS and not self.variant:
            return (f"glossary: the translation of {self.row.concept!r} should use "
                    f"{' / '.join(self.row.chosen)!r}: {self.text!r}")
        return (f"glossary: {self.variant!r} is a rejected variant of {self.row.concept!r} "
                f"(use {' / '.join(self.row.chosen)!r}) in {self.key!r}")


# Not words of the language: placeholders (%(name)s, {name}) and command-line options.
_CODE = re.compile(r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[sdifr]|\{\w*\}|(?<!\w)--?[A-Za-z][\w-]*")


def normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\u2019", "'").casefold()


def words_of(string: str) -> str:
    """The text to check: NFC, case-folded, with placeholders and options blanked out."""
    return normal(_CODE.sub(lambda m: " " * len(m.group(0)), string))


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _items(cell: str) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", i.strip().strip("`")) for i in cell.split(";")
                 if i.strip().strip("`") and i.strip() not in ("—", "-"))


def parse(path: Path) -> list[Row]:
    """The rows of both tables; raises CcfacilError naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CcfacilError(f"{path}: cannot read: {exc}") from None
    rows, table = [], None
    for number, line in enumerate(lines, start=1):
        if line.startswith("#"):
            title = line.lstrip("#").strip().casefold()
            table = title if title in (TERMS, WORDS) else None
            continue
        if table is None or not line.lstrip().startswith("|"):
            continue
        cells = _cells(line)
        if len(cells) != 4:
            raise CcfacilError(f"{path}:{number}: a glossary row has 4 cells "
                               f"(concept | chosen term | rejected variants | note)")
        if set(cells[0]) <= set("-: ") or cells[0].casefold() in ("concept", "english"):
            continue  # header and separator rows
        chosen = _items(cells[1])
        if not chosen:
            raise CcfacilError(f"{path}:{number}: no chosen term for {cells[0]!r}")
        concept = cells[0].strip("`") if table == WORDS else cells[0]
        rows.append(Row(table, concept, chosen, _items(cells[2]), cells[3], number))
    return rows


def _pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in normal(phrase).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"w?(?!\w)")


def _masks(rows: Iterable[Row], variant: str) -> list[re.Pattern[str]]:
    """Chosen terms (of any concept) that contain the variant: they are not findings."""
    found = _pattern(variant)
    chosen = {c for row in rows for c in row.chosen
              if normal(c) != normal(variant) and found.search(normal(c))}
    return [_pattern(c) for c in sorted(chosen, key=len, reverse=True)]


def _strings(message) -> list[str]:
    value = message.string
    return [s for s in (value if isinstance(value, (tuple, list)) else (value,)) if s]


def _key(message) -> str:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return message.context or msgid


def check(rows: list[Row], catalog: Catalog) -> Iterator[Finding]:
    """Every use of a rejected variant in the catalog's translations."""
    terms = [r for r in rows if r.table == TERMS]
    checks = [(row, variant, _pattern(variant), _masks(terms, variant))
              for row in terms for variant in row.rejected]
    words = {normal(r.concept): r for r in rows if r.table == WORDS}
    for message in catalog:
        if not message.id:
            continue
        for string in _strings(message):
            text = words_of(string)
            for row, variant, pattern, masks in checks:
                masked = text
                for mask in masks:
                    masked = mask.sub(lambda m: " " * len(m.group(0)), masked)
                if pattern.search(masked):
                    yield Finding(row, variant, _key(message), string, message.lineno)
            row = words.get(normal(_key(message))) if message.context is None else None
            if row is None:
                continue
            if not any(_pattern(c).search(text) for c in row.chosen):
                yield Finding(row, "", _key(message), string, message.lineno)
            for variant in row.rejected:
                if _pattern(variant).search(text):
                    yield Finding(row, variant, _key(message), string, message.lineno)


def problems_in_glossary(rows: list[Row]) -> list[str]:
    """A glossary that contradicts itself: a chosen term that is also rejected."""
    found = []
    rejected = {normal(v): r for r in rows if r.table == TERMS for v in r.rejected}
    for row in rows:
        for term in row.chosen:
            other = rejected.get(normal(term))
            if other is not None:
                found.append(f"line {row.line}: {term!r} is chosen for {row.concept!r} but "
                             f"rejected for {other.concept!r} (line {other.line})")
    return found
