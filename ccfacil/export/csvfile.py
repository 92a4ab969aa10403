"""CSV as spreadsheets want it: UTF-8 with a BOM (Excel and LibreOffice then keep ɛ ɔ ɲ ŋ
intact), ``\\r\\n`` line ends, written with the ``csv`` module."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

ENCODING = "utf-8-sig"


def to_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    return buffer.getvalue().encode(ENCODING)


def read(data: bytes) -> list[list[str]]:
    """Rows of a CSV export (the BOM removed): for tests and round trips."""
    return list(csv.reader(io.StringIO(data.decode(ENCODING), newline="")))
