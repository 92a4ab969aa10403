"""A TinyDB storage that survives power cuts: a snapshot, an append-only journal, backups.

Files in the data folder, all mode 0600, formats in ``ccfacil.storage.datafiles``:

- ``sessions.json``, the checksummed snapshot: written to a temporary file, fsynced,
  ``os.replace``-d over the old one, folder fsynced.
- ``sessions.journal``: one checksummed, numbered line per write since the snapshot,
  holding only what changed; one ``write()``, then ``fsync``, before ``Storage.write``
  returns.
- ``sessions.json.bak`` and ``sessions.journal.bak``: the previous snapshot and the journal
  that led from it to the current one, a second way back.

Compaction (at open if the journal is not empty, at close, and when the journal outgrows
the snapshot) writes snapshot G+1, keeps the old one as the backup and starts a new
journal.  Lines carry the generation they were written against and their change number,
so a crash between any two steps neither loses an acknowledged write nor replays one
twice.  A failed compaction (disk full) loses nothing either: the journal still holds
every write.

Opening reads and checks (``ccfacil.storage.recovery.scan``) and writes nothing until it is sure:

- a line with a bad checksum or shape (the unfinished write of a power cut) was never
  acknowledged and is skipped;
- a damaged file is never deleted or overwritten: it is renamed
  ``<name>.corrupt-<YYYYmmdd-HHMMSS>`` once the new snapshot holds all that was valid,
  and the backup becomes a copy of that snapshot;
- a gap (changes that no file found holds) is said, and then nothing is compacted or
  replaced: new writes go on into the journal until the missing file is put back;
- a read-only folder is read; nothing is written, and writes fail with ``SaveError``.

``recovery`` says what happened so the UI can tell the facilitator.  ``ccfacil.storage.store``
changes the table ``read`` gave it in place and hands it back to ``write``, so that a
write costs O(what changed).  A table that is not one ``read`` gave (a new one, or one
rebuilt as TinyDB's own ``Table`` does) is stored whole.
"""

from __future__ import annotations

import errno
import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ccfacil.i18n import errtext
from ccfacil.storage import fsutil
from ccfacil.storage.datafiles import (
    BACKUP,
    FORMAT,
    JOURNAL,
    JOURNAL_BACKUP,
    SNAPSHOT,
    dumps,
    encode_snapshot,
)
from ccfacil.storage.errors import SaveError, StoreError, _
from ccfacil.storage.filelock import DataLock
from ccfacil.storage.recovery import Found, RecoveryEvent, describe, scan

__all__ = ["BACKUP", "FORMAT", "JOURNAL", "JOURNAL_BACKUP", "SNAPSHOT", "JournalStorage",
           "RecoveryEvent", "TrackedTable"]

COMPACT_BYTES = 1 << 20  # compact once the journal is bigger than this and than the snapshot
_dumps = dumps
_CANNOT_WRITE = (errno.EROFS, errno.EACCES, errno.EPERM)


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
    """Crash-safe TinyDB storage for one data folder, which it locks while open.

    ``lock``: the folder's lock, already taken (``ccfacil run`` takes it first thing);
    the storage releases it at close.  ``read_only``: nothing can be written here.
    ``gap``: changes are missing; nothing will be compacted.  ``prepare``: documents an
    older version stored, brought up to date when the folder can be written: given the
    tables read, it returns the documents to store instead (``{table: {key: doc}}``);
    they go into the snapshot written at open (the same content in a newer form: not a
    change the journal counts).
    """

    compact_bytes = COMPACT_BYTES

    def __init__(self, folder: Path, lock: DataLock | None = None,
                 prepare: Callable[[dict[str, dict]], dict[str, dict]] | None = None):
        self.folder = Path(folder)
        self.recovery: list[RecoveryEvent] = []
        self._held: dict[str, TrackedTable] = {}
        self._gen = self._n = 0
        self._fd: int | None = None  # the journal, opened for appending at the first write
        self._size, self._tail_clean = 0, True  # its bytes; does it end with a whole line?
        self._snapshot_size = self._retry_compaction_at = 0
        self._closed = False
        fsutil.private_folder(self.folder)
        self._lock = lock = lock if lock is not None else DataLock(self.folder)
        self.read_only = lock.read_only or not fsutil.writable(self.folder)
        self.gap = False
        try:
            if getattr(lock, "busy", False):
                self._open_beside_writer()
            else:
                self._open(prepare)
        except BaseException:
            self._closed = True
            self._lock.release()
            raise

    def read(self) -> dict[str, dict[str, Any]]:
        return dict(self._held)  # a new dict: TinyDB may add or drop tables in it

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        entry: dict[str, Any] = {"gen": self._gen, "n": self._n + 1}
        try:
            for name, table in data.items():
                if table is not self._held.get(name):  # not one we handed out: store it whole
                    entry.setdefault("replace", {})[name] = table
                    continue
                changed, removed = table.changes()
                if changed:
                    entry.setdefault("set", {})[name] = changed
                if removed:
                    entry.setdefault("del", {})[name] = removed
            drops = [name for name in self._held if name not in data]
            if drops:
                entry["drop"] = drops
            if len(entry) > 2:
                self._append(_dumps(entry).encode())
        except Exception as exc:  # what TinyDB changed in place goes back as it was
            for table in self._held.values():
                table.rollback()
            if isinstance(exc, OSError):
                raise SaveError(_("session notes not saved in %(dir)s: %(reason)s") % {
                    "dir": self.folder, "reason": errtext.reason(exc)}) from exc
            raise
        for table in self._held.values():
            table.before.clear()
        for name in entry.get("drop", ()):
            del self._held[name]
        for name, table in entry.get("replace", {}).items():
            self._held[name] = TrackedTable(table)
        if self._size > max(self.compact_bytes, self._snapshot_size, self._retry_compaction_at):
            try:
                self.compact()
            except OSError:  # nothing lost: the journal holds every write; try again later
                self._retry_compaction_at = 2 * self._size

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
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
            if self._closed:
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
        self._n += 1
        self._tail_clean = True

    def compact(self) -> None:
        """Write the state as a new snapshot, keep the old one as backup, start a new journal.

        Never over a gap (the files are all that holds what is missing) or when read-only.
        """
        if self.gap or self.read_only:
            return
        self._write_snapshot()
        self._new_journal()

    def _write_snapshot(self) -> None:
        gen = self._gen + 1
        body = encode_snapshot(gen, self._n, self._held)
        snapshot = self.folder / SNAPSHOT
        tmp = self.folder / (SNAPSHOT + ".tmp")
        fsutil.write_new(tmp, body)
        if os.path.lexists(snapshot):
            fsutil.keep_copy(snapshot, self.folder / BACKUP)
        os.replace(tmp, snapshot)
        # From here on, new lines must carry the new generation, even if the sync fails.
        self._gen, self._snapshot_size, self._retry_compaction_at = gen, len(body), 0
        fsutil.sync_dir(self.folder)

    def _new_journal(self) -> None:
        """Keep the journal as the journal backup (it leads from the backup to the snapshot)."""
        self._close_journal()
        journal = self.folder / JOURNAL
        if os.path.lexists(journal):
            os.replace(journal, self.folder / JOURNAL_BACKUP)
        self._tail_clean = True
        self._open_journal()

    def _open_journal(self) -> None:
        try:
            self._fd = fsutil.open_append(self.folder / JOURNAL)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise OSError(exc.errno, _("%(name)s is a symbolic link, not a file")
                              % {"name": JOURNAL}) from None
            raise
        self._size = os.fstat(self._fd).st_size
        fsutil.sync_dir(self.folder)  # if it was just created

    def _close_journal(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def _open(self, prepare) -> None:
        found = scan(self.folder)
        self._held = {name: TrackedTable(docs) for name, docs in found.tables.items()}
        self._gen, self._n, self._snapshot_size = found.gen, found.n, found.snapshot_size
        self._size, self._tail_clean = found.journal_size, found.tail_clean
        self.gap = found.gap is not None
        moved: dict[Path, Path] = {}
        newer = {}
        if prepare is not None and not (self.gap or self.read_only):
            newer = {name: docs for name, docs in prepare(self._held).items() if docs}
            for name, docs in newer.items():
                dict.update(self._held[name], docs)  # as if read so: no change to journal
        if not (self.gap or self.read_only) and (found.checked or found.journal_size
                                                 or newer):
            try:
                if found.checked:
                    self._repair(found, moved)
                else:
                    self.compact()
            except OSError as exc:
                # Full, or read-only after all: work from memory (the files still hold
                # everything); the journal is opened again at the first write, which
                # reports what is wrong.
                self._close_journal()
                self.read_only = self.read_only or exc.errno in _CANNOT_WRITE
        self.recovery = describe(found, self.folder, moved, self.read_only)

    def _open_beside_writer(self, tries: int = 20) -> None:
        """Read while another window has the folder open and may be saving: the state its
        files hold at one moment.  A compaction in the middle of the reading (the snapshot
        or the journal replaced) makes it read again; a journal that only grew was read up
        to a whole line, which is a state the writer had.  Nothing is written, and nothing
        is reported: recovery, if any is needed, is the writer's."""
        for _ in range(tries):
            before = _identities(self.folder)
            self._open(None)  # nothing upgraded: the writer does that
            if _identities(self.folder, grown_ok=before) == before:
                self.recovery = []
                return
        raise StoreError(_("data folder %(dir)s is changing too fast to be read: try again")
                         % {"dir": self.folder})

    def _repair(self, found: Found, moved: dict[Path, Path]) -> None:
        """After damage: a new snapshot holding all that was found, the backup a copy of
        it, the damaged files set aside, a new journal.

        In this order, so that a crash after any step leaves either the damaged journals in
        place (the next open repairs again) or two good copies of everything.
        """
        gen = self._gen + 1
        body = encode_snapshot(gen, self._n, self._held)
        snapshots = {self.folder / SNAPSHOT, self.folder / BACKUP}
        tmp = self.folder / (SNAPSHOT + ".tmp")
        fsutil.write_new(tmp, body)
        for damage in found.damaged:
            if damage.path in snapshots:
                moved[damage.path] = fsutil.set_aside(damage.path)
        os.replace(tmp, self.folder / SNAPSHOT)
        self._gen, self._snapshot_size, self._retry_compaction_at = gen, len(body), 0
        fsutil.sync_dir(self.folder)
        fsutil.write_new(self.folder / (BACKUP + ".tmp"), body)
        os.replace(self.folder / (BACKUP + ".tmp"), self.folder / BACKUP)
        fsutil.sync_dir(self.folder)
        for damage in found.damaged:
            if damage.path not in snapshots:
                moved[damage.path] = fsutil.set_aside(damage.path)
        self._new_journal()


def _identities(folder: Path, grown_ok: dict | None = None) -> dict:
    """Which snapshot and journal files are there (device, inode, and the snapshot's size
    and time): a compaction replaces them.  With ``grown_ok``, a journal that is the same
    file and only grew counts as unchanged."""
    found = {}
    for name in (SNAPSHOT, JOURNAL):
        try:
            st = os.stat(folder / name, follow_symlinks=False)
        except FileNotFoundError:
            found[name] = None
            continue
        if name == JOURNAL:
            found[name] = (st.st_dev, st.st_ino, st.st_size)
            if grown_ok and grown_ok.get(name) and grown_ok[name][:2] == found[name][:2] \
                    and st.st_size >= grown_ok[name][2]:
                found[name] = grown_ok[name]
        else:
            found[name] = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    return found
