"""The data folder's file formats, read without following symbolic links.

- ``sessions.json``, the snapshot, still JSON: ``{"format":2,"crc32":"<8 hex>","gen":G,
  "n":N,\\n"tables":{...}}``; the CRC-32 covers every byte from ``"gen"`` on.  ``G`` is its
  generation, ``N`` the number of the last change it holds.  Format 1 (no checksum, no
  ``n``) is still read; the next compaction writes format 2.
- ``sessions.journal``: one line per change since the snapshot, ``<crc32, 8 hex> {"gen":G,
  "n":N,"set":{table:{id:doc}},"del":{table:[id]},"replace":{table:{...}},"drop":[table]}``.
  ``n`` counts every change ever saved, one by one; format-1 lines have none.
- ``sessions.json.bak`` and ``sessions.journal.bak``: the previous snapshot and the journal
  that led from it; ``<name>.corrupt-<time>``: damaged files set aside.

Anything that fails a check raises ``ValueError`` saying what is wrong: it is damage.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccfacil.storage.bulk import paused_gc
from ccfacil.storage.errors import _

SNAPSHOT = "sessions.json"
JOURNAL = "sessions.journal"
BACKUP = SNAPSHOT + ".bak"
JOURNAL_BACKUP = JOURNAL + ".bak"
ASIDE = ".corrupt-"
FORMAT = 2

dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_HEADER = re.compile(rb'\{"format":2,"crc32":"([0-9a-f]{8})",')
_GEN_N = re.compile(rb'"gen":(\d+),"n":(\d+),')
_CRC = re.compile(rb"[0-9a-f]{8}\Z")
_LINE_CRC = re.compile(rb"[0-9a-f]{8} ")
_LINE_GEN_N = re.compile(rb'[0-9a-f]{8} \{"gen":(0|[1-9]\d{0,17}),"n":([1-9]\d{0,17}),"')
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


@dataclass
class Snapshot:
    path: Path | None  # None: the empty state a new folder starts from
    tables: dict
    gen: int
    n: int | None  # None: format 1
    size: int = 0


EMPTY = Snapshot(None, {}, 0, 0)


@dataclass
class Line:
    gen: int
    n: int | None
    entry: dict


@dataclass
class Run:
    """Damaged lines next to each other, between the good lines numbered ``before`` and
    ``after`` (None: none, or a line without a number); ``count``: at most this many
    changes were lost in them."""

    before: int | None
    after: int | None
    count: int


@dataclass
class Journal:
    path: Path
    lines: list[Line]
    bad: int = 0
    runs: list[Run] = field(default_factory=list)
    size: int = 0
    tail_clean: bool = True


def read_bytes(path: Path) -> bytes | None:
    """A data file's bytes, never through a symbolic link; None if there is none.
    Raises ValueError when the name is not a regular file or cannot be read."""
    if not _NOFOLLOW and path.is_symlink():  # pragma: no cover - Windows
        raise ValueError(_("a symbolic link, not a file"))
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ValueError(_("a symbolic link, not a file")) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError(_("not a regular file"))
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as exc:
        if exc.errno != errno.EIO:
            raise
        raise ValueError(exc.strerror) from None
    finally:
        os.close(fd)


def encode_snapshot(gen: int, n: int, tables: dict) -> bytes:
    covered = [b'"gen":%d,"n":%d,\n"tables":' % (gen, n), dumps(tables).encode(), b"}"]
    crc = 0
    for part in covered:
        crc = zlib.crc32(part, crc)
    return b"".join([b'{"format":2,"crc32":"%08x",' % crc, *covered])


def parse_snapshot(raw: bytes) -> tuple[dict, int, int | None]:
    """A snapshot's tables, generation and last change number; ValueError if damaged."""
    if not raw.strip():
        raise ValueError(_("empty file"))
    header = _HEADER.match(raw)
    if header and int(header[1], 16) != zlib.crc32(memoryview(raw)[header.end():]):
        raise ValueError(_("its checksum does not match: changed or damaged"))
    try:
        with paused_gc():
            data = json.loads(raw)
    except (ValueError, RecursionError):
        raise ValueError(_("cut short or not JSON")) from None
    keys = {"format", "crc32", "gen", "n", "tables"} if header else {"format", "gen", "tables"}
    if not (isinstance(data, dict) and set(data) == keys
            and _count(data["format"]) and data["format"] == (2 if header else 1)
            and _count(data["gen"]) and _count(data.get("n", 0)) and _is_tables(data["tables"])):
        raise ValueError(_("not a ccfacil snapshot"))
    return data["tables"], data["gen"], data.get("n")


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _is_tables(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in value.values())


def _is_names(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_entry(entry: Any) -> bool:
    return (isinstance(entry, dict) and _count(entry.get("gen"))
            and (_count(entry["n"]) and entry["n"] > 0 if "n" in entry else True)
            and _is_tables(entry.get("set", {})) and _is_tables(entry.get("replace", {}))
            and _is_names(entry.get("drop", [])) and isinstance(entry.get("del", {}), dict)
            and all(_is_names(keys) for keys in entry.get("del", {}).values()))


def _line(chunk: bytes) -> Line | None:
    crc, _sep, payload = chunk.partition(b" ")
    if not _CRC.match(crc) or int(crc, 16) != zlib.crc32(payload):
        return None
    try:
        entry = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    return Line(entry["gen"], entry.get("n"), entry) if _is_entry(entry) else None


def parse_journal(path: Path, raw: bytes) -> Journal:
    """The valid lines in order; damaged or unfinished ones counted, in runs."""
    found = Journal(path, [], size=len(raw), tail_clean=raw.endswith(b"\n") or not raw)
    last, run = None, None
    for chunk in raw.split(b"\n"):
        if not chunk:
            continue
        line = _line(chunk)
        if line is None:
            found.bad += 1
            run = run or Run(last, None, 0)
            run.count += max(1, chunk.count(b'{"gen":'))  # a lost newline joins lines
            continue
        if run is not None:
            run.after = line.n
            found.runs.append(run)
            run = None
        found.lines.append(line)
        last = line.n
    if run is not None:
        found.runs.append(run)
    return found


def checked_backup(raw: bytes) -> tuple[int, int | None] | None:
    """A backup snapshot's generation and change number from its checksummed header,
    without parsing it; None if damaged.  Format 1 has no checksum: (-1, None)."""
    header = _HEADER.match(raw)
    if header is None:
        return (-1, None) if raw.startswith(b'{"format":1,"gen":') else None
    if int(header[1], 16) != zlib.crc32(memoryview(raw)[header.end():]):
        return None
    numbers = _GEN_N.match(raw, header.end())
    return (int(numbers[1]), int(numbers[2])) if numbers else None


def checked_journal(raw: bytes) -> Line | None | bool:
    """False if a line of this journal is damaged, else its last line's numbers (None:
    empty).  The last line is not parsed when its checksum holds and it starts as this
    version writes lines: after a merge it holds every session merged."""
    view, start, last = memoryview(raw), 0, None
    while start < len(raw):  # line by line, without copying a line (one may hold 30 MB)
        end = raw.find(b"\n", start)
        end = len(raw) if end < 0 else end
        if end > start:
            if not (_LINE_CRC.match(raw, start) and end - start > 9 and int(
                    raw[start:start + 8], 16) == zlib.crc32(view[start + 9:end])):
                return False
            last = start, end
        start = end + 1
    if last is None:
        return None
    numbers = _LINE_GEN_N.match(raw, last[0])
    if numbers is not None:
        return Line(int(numbers[1]), int(numbers[2]), {})
    return _line(raw[last[0]:last[1]]) or False


def replay(tables: dict[str, dict], entry: dict) -> None:
    for name in entry.get("drop", ()):
        tables.pop(name, None)
    for name, docs in entry.get("replace", {}).items():
        tables[name] = docs
    for name, keys in entry.get("del", {}).items():
        for key in keys:
            tables.get(name, {}).pop(key, None)
    for name, docs in entry.get("set", {}).items():
        tables.setdefault(name, {}).update(docs)
