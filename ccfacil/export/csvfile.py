"""CSV as spreadsheets want it: UTF-8 with a BOM (Excel and LibreOffice then keep ɛ ɔ ɲ ŋ
intact), ``\\r\\n`` line ends, written with the ``csv`` module.

Every CSV the tool writes goes through ``to_bytes``, which neutralises formula injection
the way OWASP recommends: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (``=cmd|'/C calc'!A0``) gets a leading single quote, so a spreadsheet
shows it as text instead of running it.  Numbers stay numbers: ints and floats, and text
that is just a number (``-1,2``, ``+0.7``: the change of a mean) are written as they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

ENCODING = "utf-8-sig"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)")


def cell(value: object) -> object:
    """A cell as written: ``None`` empty, a formula-like text cell quoted, numbers as is."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START) \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def to_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode(ENCODING)


def read(data: bytes) -> list[list[str]]:
    """Rows of a CSV export (the BOM removed): for tests and round trips."""
    return list(csv.reader(io.StringIO(data.decode(ENCODING), newline="")))
