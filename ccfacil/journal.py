"""A TinyDB storage that survives power cuts: a snapshot, an append-only journal, a backup.

Files in the data folder, all mode 0600:

- ``sessions.json``, the snapshot ``{"format": 1, "gen": G, "tables": {...}}``: written to
  a temporary file, fsynced, ``os.replace``-d over the old one, folder fsynced.
- ``sessions.journal``: one line per write since the snapshot, ``<crc32, 8 hex> <JSON>\n``,
  the JSON holding only what changed: ``{"gen": G, "set": {table: {id: doc}}, "del":
  {table: [id]}, "replace": {table: {...}}, "drop": [table]}``; one ``write()``, then
  ``fsync``, before ``Storage.write`` returns.
- ``sessions.json.bak`` and ``sessions.journal.bak``: the previous snapshot and the journal
  that led from it to the current one, a second way back.

Compaction (at open if the journal is not empty, at close, and when the journal outgrows
the snapshot) writes snapshot G+1, keeps the old one as the backup and starts a new
journal.  Lines carry the generation they were written against and a snapshot of
generation G replays only lines with ``gen >= G``, so a crash between any two steps
neither loses an acknowledged write nor replays one twice.  A failed compaction (disk
full) loses nothing either: the journal still holds every write.

On open, a line with a bad checksum or shape (the unfinished write of a power cut) was
never acknowledged and is skipped.  A damaged file is never deleted or overwritten: it is
renamed ``<name>.corrupt-<YYYYmmdd-HHMMSS>``, the last good state is rebuilt from what is
valid, and ``recovery`` says what happened so the UI can tell the facilitator.

Use it with ``ccfacil.store.JournalTable``, which changes tables in place so that a write
costs O(what changed).  TinyDB's own ``Table`` works too, but each of its writes stores the
whole table, and a failed one can leave its in-place document changes in memory.
"""

from __future__ import annotations

import errno
import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ccfacil import errtext
from ccfacil.filelock import DataLock, SaveError, _
from ccfacil.fsutil import keep_copy, set_aside, sync_dir, write_file

SNAPSHOT = "sessions.json"
JOURNAL = "sessions.journal"
BACKUP = SNAPSHOT + ".bak"
JOURNAL_BACKUP = JOURNAL + ".bak"
FORMAT = 1
COMPACT_BYTES = 1 << 20  # compact once the journal is bigger than this and than the snapshot

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass
class RecoveryEvent:
    kind: str  # "moved_aside" | "restored" | "nothing_valid"
    path: Path
    detail: str
    counts: dict[str, int] = field(default_factory=dict)


class TrackedTable(dict):
    """One table's documents, remembering what each key held before the write in progress.

    TinyDB changes documents in place, so a key's stored JSON is kept in ``before`` the
    first time it is handed out for change (``t[key]``), replaced or deleted: a write then
    journals only the keys whose JSON changed, and a failed write puts them back.
    """

    __slots__ = ("before",)

    def __init__(self, docs=()):
        super().__init__(docs)
        self.before: dict[str, str | None] = {}

    def _touch(self, key: str) -> None:
        if key not in self.before:
            doc = dict.get(self, key)
            self.before[key] = None if doc is None else _dumps(doc)

    def __getitem__(self, key):
        self._touch(key)
        return dict.__getitem__(self, key)

    def __setitem__(self, key, doc):
        self._touch(key)
        dict.__setitem__(self, key, doc)

    def __delitem__(self, key):
        self._touch(key)
        dict.__delitem__(self, key)

    def clear(self) -> None:
        for key in self:
            self._touch(key)
        dict.clear(self)

    def changes(self) -> tuple[dict[str, Any], list[str]]:
        """Documents changed or added, and keys removed, since ``before`` was last cleared."""
        changed, removed = {}, []
        for key, old in self.before.items():
            doc = dict.get(self, key)
            if doc is None:
                if old is not None:
                    removed.append(key)
            elif old is None or _dumps(doc) != old:
                changed[key] = doc
        return changed, removed

    def rollback(self) -> None:
        for key, old in self.before.items():
            if old is None:
                dict.pop(self, key, None)
            else:
                dict.__setitem__(self, key, json.loads(old))
        self.before.clear()


class JournalStorage(Storage):
    """Crash-safe TinyDB storage for one data folder, which it locks while open."""

    compact_bytes = COMPACT_BYTES

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.recovery: list[RecoveryEvent] = []
        self._tables: dict[str, TrackedTable] = {}
        self._gen = 0
        self._fd: int | None = None  # the journal, opened for appending
        self._size, self._tail_clean = 0, True  # its bytes; does it end with a whole line?
        self._snapshot_size = self._retry_compaction_at = 0
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._lock = DataLock(self.folder)
        try:
            self._open()
        except BaseException:
            self._close_journal()
            self._lock.release()
            raise


    def read(self) -> dict[str, dict[str, Any]]:
        return dict(self._tables)  # a new dict: TinyDB may add or drop tables in it

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        entry: dict[str, Any] = {"gen": self._gen}
        try:
            for name, table in data.items():
                if table is not self._tables.get(name):  # not one we handed out: store it whole
                    entry.setdefault("replace", {})[name] = table
                    continue
                changed, removed = table.changes()
                if changed:
                    entry.setdefault("set", {})[name] = changed
                if removed:
                    entry.setdefault("del", {})[name] = removed
            drops = [name for name in self._tables if name not in data]
            if drops:
                entry["drop"] = drops
            if len(entry) > 1:
                self._append(_dumps(entry).encode())
        except Exception as exc:  # what TinyDB changed in place goes back as it was
            for table in self._tables.values():
                table.rollback()
            if isinstance(exc, OSError):
                raise SaveError(_("session notes not saved in %(dir)s: %(reason)s") % {
                    "dir": self.folder, "reason": errtext.reason(exc)}) from exc
            raise
        for table in self._tables.values():
            table.before.clear()
        for name in entry.get("drop", ()):
            del self._tables[name]
        for name, table in entry.get("replace", {}).items():
            self._tables[name] = TrackedTable(table)
        if self._size > max(self.compact_bytes, self._snapshot_size, self._retry_compaction_at):
            try:
                self.compact()
            except OSError:  # nothing lost: the journal holds every write; try again later
                self._retry_compaction_at = 2 * self._size

    def close(self) -> None:
        if not self._lock.held:
            return
        try:
            if self._size:
                self.compact()
        except OSError:  # nothing lost: the journal holds every write; the next open compacts
            pass
        finally:
            self._close_journal()
            self._lock.release()

    def _append(self, payload: bytes) -> None:
        if self._fd is None:
            if not self._lock.held:
                raise OSError(errno.EBADF, _("the data folder was closed"))
            self._open_journal()
        line = b"%08x %s\n" % (zlib.crc32(payload), payload)
        if not self._tail_clean:  # end the unfinished line an earlier failure left
            line = b"\n" + line
        try:
            if os.write(self._fd, line) != len(line):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            os.fsync(self._fd)
        except OSError:
            try:
                os.ftruncate(self._fd, self._size)
            except OSError:
                self._tail_clean = False
            raise
        self._size += len(line)
        self._tail_clean = True

    def compact(self) -> None:
        """Write the state as a new snapshot, keep the old one as backup, start a new journal."""
        self._write_snapshot()
        self._new_journal()

    def _write_snapshot(self) -> None:
        gen = self._gen + 1
        body = _dumps({"format": FORMAT, "gen": gen, "tables": self._tables}).encode()
        snapshot = self.folder / SNAPSHOT
        tmp = self.folder / (SNAPSHOT + ".tmp")
        write_file(tmp, body)
        if snapshot.exists():
            keep_copy(snapshot, self.folder / BACKUP)
        os.replace(tmp, snapshot)
        # From here on, new lines must carry the new generation, even if the sync fails.
        self._gen, self._snapshot_size, self._retry_compaction_at = gen, len(body), 0
        sync_dir(self.folder)

    def _new_journal(self) -> None:
        """Keep the journal as the journal backup (it leads from the backup to the snapshot)."""
        self._close_journal()
        journal = self.folder / JOURNAL
        if journal.exists():
            os.replace(journal, self.folder / JOURNAL_BACKUP)
        self._tail_clean = True
        self._open_journal()

    def _open_journal(self) -> None:
        self._fd = os.open(self.folder / JOURNAL, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._size = os.fstat(self._fd).st_size
        sync_dir(self.folder)  # if it was just created

    def _close_journal(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def _open(self) -> None:
        for name in (SNAPSHOT + ".tmp", BACKUP + ".tmp"):  # half-written copies, never the only one
            (self.folder / name).unlink(missing_ok=True)
        damaged, journal_bytes = self._load()
        try:
            if not (journal_bytes or self.recovery):
                self._open_journal()
                return
            self._write_snapshot()
            for path, bad, kept in damaged:  # safe now: the new snapshot holds their lines
                aside = set_aside(path)
                self.recovery.append(RecoveryEvent("moved_aside", aside, _(
                    "%(name)s had %(bad)d damaged or unfinished lines (%(kept)d good ones "
                    "were used); it was set aside, unchanged, as %(aside)s") % {
                        "name": path.name, "bad": bad, "kept": kept, "aside": aside.name},
                    {"bad_lines": bad, "good_lines": kept}))
            self._new_journal()
        except OSError:
            # Read-only or full: work from memory (the files still hold everything); the
            # journal is opened again at the first write, which reports what is wrong.
            self._close_journal()

    def _load(self) -> tuple[list[tuple[Path, int, int]], int]:
        """Rebuild the state; return the damaged journals and the size of the journal."""
        source = self.folder / SNAPSHOT
        loaded = self._read_snapshot(source)
        journals = [JOURNAL]
        if loaded is None:
            backup = self._read_snapshot(self.folder / BACKUP)
            if backup is not None:
                source, loaded, journals = self.folder / BACKUP, backup, [JOURNAL_BACKUP, JOURNAL]
        tables, base_gen = loaded if loaded is not None else ({}, 0)
        gen, writes, damaged, journal_bytes = base_gen, 0, [], 0
        for name in journals:
            path = self.folder / name
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                continue
            entries, bad = _parse_journal(raw)
            for entry in entries:
                gen = max(gen, entry["gen"])
                if entry["gen"] >= base_gen:
                    _apply(tables, entry)
                    writes += 1
            if bad:
                damaged.append((path, bad, len(entries)))
            if name == JOURNAL:
                journal_bytes, self._tail_clean = len(raw), raw.endswith(b"\n") or not raw
        self._tables = {name: TrackedTable(docs) for name, docs in tables.items()}
        self._gen = gen
        if self.recovery or damaged or source.name == BACKUP:
            self.recovery.append(self._outcome(source if loaded is not None else None, writes))
        return damaged, journal_bytes

    def _outcome(self, source: Path | None, writes: int) -> RecoveryEvent:
        counts = {"records": sum(len(t) for t in self._tables.values()), "writes": writes}
        if source is None and not writes:
            return RecoveryEvent("nothing_valid", self.folder, _(
                "no valid copy of the session notes was found in %(dir)s; damaged files "
                "were set aside, nothing was deleted") % {"dir": self.folder}, counts)
        source = source or self.folder / JOURNAL
        return RecoveryEvent("restored", source, _(
            "restored %(records)d records from %(source)s (with %(writes)d later changes "
            "from the journal)") % {**counts, "source": source.name}, counts)

    def _read_snapshot(self, path: Path) -> tuple[dict, int] | None:
        """A valid snapshot's tables and generation; None if missing or damaged (set aside)."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            data = _parse_snapshot(raw)
        except ValueError as problem:
            aside = set_aside(path)
            self.recovery.append(RecoveryEvent("moved_aside", aside, _(
                "%(name)s was damaged (%(problem)s); it was set aside, unchanged, as "
                "%(aside)s") % {"name": path.name, "problem": problem, "aside": aside.name},
                {"bytes": len(raw)}))
            return None
        self._snapshot_size = len(raw)
        return data["tables"], data["gen"]


def _parse_snapshot(raw: bytes) -> dict:
    if not raw.strip():
        raise ValueError(_("empty file"))
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise ValueError(_("cut short or not JSON")) from None
    if not (isinstance(data, dict) and data.get("format") == FORMAT
            and type(data.get("gen")) is int and _is_tables(data.get("tables"))):
        raise ValueError(_("not a ccfacil snapshot"))
    return data


def _is_tables(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in value.values())


def _is_names(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_entry(entry: Any) -> bool:
    return (isinstance(entry, dict) and type(entry.get("gen")) is int
            and _is_tables(entry.get("set", {})) and _is_tables(entry.get("replace", {}))
            and _is_names(entry.get("drop", [])) and isinstance(entry.get("del", {}), dict)
            and all(_is_names(keys) for keys in entry.get("del", {}).values()))


def _parse_journal(raw: bytes) -> tuple[list[dict], int]:
    """The valid entries in order, and how many lines were damaged or unfinished."""
    entries, bad = [], 0
    for line in raw.split(b"\n"):
        if not line:
            continue
        crc, _sep, payload = line.partition(b" ")
        try:
            entry = json.loads(payload) if int(crc, 16) == zlib.crc32(payload) else None
        except (ValueError, RecursionError):
            entry = None
        if len(crc) == 8 and _is_entry(entry):
            entries.append(entry)
        else:
            bad += 1
    return entries, bad


def _apply(tables: dict[str, dict], entry: dict) -> None:
    for name in entry.get("drop", ()):
        tables.pop(name, None)
    for name, docs in entry.get("replace", {}).items():
        tables[name] = docs
    for name, keys in entry.get("del", {}).items():
        for key in keys:
            tables.get(name, {}).pop(key, None)
    for name, docs in entry.get("set", {}).items():
        tables.setdefault(name, {}).update(docs)
