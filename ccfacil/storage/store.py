"""Saved sessions kept with TinyDB's storage layer: the ``SessionRepository`` of ccfacil.

One table, ``sessions``, in TinyDB's layout (``{"sessions": {"<document number>": doc}}``),
read and written through a TinyDB ``Storage``: ``ccfacil.storage.journal.JournalStorage`` on disk
(``open``: crash-safe, locked to one window, each save costing the same however many
sessions are stored) or TinyDB's ``MemoryStorage`` (``in_memory``, for tests).  TinyDB's
``Table`` is not used: each of its writes rebuilds the whole table twice (O(all sessions)
per save), and the only way round that was through its private methods.  Here a write
changes the stored table in place, one document replaced or removed, and hands it back
to ``Storage.write``: the journal sees which documents changed and writes only those.

Documents are records in ``ccfacil.storage.docform``'s stored form: checked once, when written.
A stored document that cannot be read as a session (a newer schema, a hand edit, a hostile
merge by an older version) is left as it is, listed by ``damaged()`` and never dropped; it
can be deleted by its key (``ccfacil.storage.repository``).  Opening a writable folder rewrites,
once, the documents an older version wrote, in the stored form (``docform.upgrade``),
with the snapshot written when it opens.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from tinydb.storages import MemoryStorage, Storage

from ccfacil.sessions.session import SessionRecord
from ccfacil.sessions.validate import usable_id
from ccfacil.storage import bulk, docform
from ccfacil.storage.bulk import paused_gc
from ccfacil.storage.errors import SaveError, StoreError, StoreLocked, cannot_open
from ccfacil.storage.filelock import DataLock
from ccfacil.storage.journal import JournalStorage, RecoveryEvent
from ccfacil.storage.repository import Damaged, SessionRepository, cannot_read, in_order, match

__all__ = ["Damaged", "RecoveryEvent", "SaveError", "SessionStore", "StoreError",
           "StoreLocked"]

TABLE = "sessions"


class SessionStore:
    """Saved sessions, one document each, in a TinyDB ``Storage``; safe between threads."""

    def __init__(self, storage: Storage, recovery: list[RecoveryEvent] | None = None,
                 read_only: bool = False):
        self._backend = storage
        self.read_only = read_only  # nothing can be saved (a read-only data folder)
        self.recovery: list[RecoveryEvent] = list(recovery or [])
        self._lock = threading.RLock()
        self._read: dict[str, tuple[dict, str | None]] = {}  # number -> (doc, why unreadable)
        # Made when first needed (a report never needs them):
        self._keys_: dict[str, str] | None = None  # key (id, or "#<n>") -> document number
        self._key_of: dict[str, str] = {}  # document number -> key
        self._other_ids: dict[str, str] = {}  # an id that is no key -> its document number
        self._next = 1

    @classmethod
    def open(cls, data_dir: Path, lock: DataLock | None = None, *,
             reader: bool = False) -> SessionStore:
        """The store in ``data_dir`` (created if missing): locked, recovered if damaged.

        ``lock``: the folder's lock if the caller already holds it (it is released at close).
        ``reader``: the caller only reads; if another window has the folder open, the store
        is read as that window has saved it, without the lock and read-only.
        Use ``open_store`` (below), which says what the caller will do.
        """
        try:
            if reader and lock is None:
                from ccfacil.storage.filelock import lock_for_reading

                lock = lock_for_reading(Path(data_dir))
            storage = JournalStorage(Path(data_dir), lock, prepare=_upgrades)
        except OSError as exc:
            raise cannot_open(data_dir, exc) from exc
        return cls(storage, storage.recovery, storage.read_only)

    @classmethod
    def in_memory(cls) -> SessionStore:
        return cls(MemoryStorage())

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Compact the files and release the data folder."""
        with self._lock:
            self._backend.close()
            bulk.keep(self._backend)  # a command-line run: freed when the process ends

    # -- writing ------------------------------------------------------------------------
    def save(self, record: SessionRecord) -> None:
        """Insert or replace the record (by id); returns once it is on disk."""
        self.save_many([record])

    def save_many(self, records: Iterable[SessionRecord]) -> None:
        """Insert or replace several records with one durable write (merging devices)."""
        docs = [(record.id, docform.encode(record)) for record in records]
        if not docs:
            return
        with self._lock:
            keys = self._keys
            added: dict[str, str] = {}
            written: dict[str, dict] = {}
            for session_id, doc in docs:  # a repeat in the batch is one record
                number = (keys.get(session_id) or self._other_ids.get(session_id)
                          or added.get(session_id))
                if number is None:
                    number = added[session_id] = str(self._next + len(added))
                written[number] = doc

            def change(table: dict) -> None:
                for number, doc in written.items():
                    table[number] = doc

            self._write(change)
            self._next += len(added)
            for number in written:
                self._read.pop(number, None)
                if number not in self._key_of:
                    self._index(number, written[number])

    def delete(self, session_id: str) -> bool:
        """Delete the session with this key (or unique id prefix); False if there is none."""
        with self._lock:
            key = match(self._keys, session_id)
            if key is None:
                return False
            number = self._keys[key]

            def change(table: dict) -> None:
                if number in table:
                    del table[number]

            self._write(change)
            del self._keys[key], self._key_of[number]
            self._other_ids = {i: n for i, n in self._other_ids.items() if n != number}
            self._read.pop(number, None)
            return True

    def _write(self, change: Callable[[dict], None]) -> None:
        tables = self._backend.read() or {}
        table = tables.get(TABLE)
        if table is None:
            table = tables[TABLE] = {}
        change(table)
        self._backend.write(tables)

    # -- reading ------------------------------------------------------------------------
    def keys(self) -> list[str]:
        with self._lock:
            return list(self._keys)

    def get(self, session_id: str) -> SessionRecord | None:
        """The session with this key or unique id prefix (at least 6 characters)."""
        found = self._find(session_id)
        if found is None:
            return None
        number, doc = found
        record = self._decode(number, doc)
        if isinstance(record, str):
            raise cannot_read(session_id, record)
        return record

    def find(self, session_id: str) -> SessionRecord | Damaged | None:
        """The session with this key (or unique prefix), readable or not."""
        found = self._find(session_id)
        if found is None:
            return None
        number, doc = found
        record = self._decode(number, doc)
        return self._damaged(number, doc, record) if isinstance(record, str) else record

    def list(self, site: str | None = None) -> list[SessionRecord]:
        """Readable sessions, oldest first by start (never started last); site ignores case."""
        records, read = [], {}
        wanted = site.casefold() if site is not None else None
        decode = docform.decode
        with paused_gc():
            for number, doc in self._documents():
                if wanted is not None and (not isinstance(doc.get("site"), str)
                                           or doc["site"].casefold() != wanted):
                    continue
                found = decode(doc)
                if isinstance(found, str):
                    read[number] = (doc, found)
                else:
                    read[number] = (doc, None)
                    records.append(found)
        with self._lock:
            self._read.update(read)
        records = in_order(records, site)
        bulk.keep(records)
        return records

    def damaged(self) -> list[Damaged]:
        """The stored documents that cannot be read as sessions, with the reason why."""
        found = []
        with paused_gc():
            for number, doc in self._documents():
                read = self._read.get(number)
                why = read[1] if read is not None and read[0] is doc else self._decode(number,
                                                                                         doc)
                if isinstance(why, str):
                    found.append(self._damaged(number, doc, why))
        return found

    def _sessions(self) -> dict:
        return (self._backend.read() or {}).get(TABLE) or {}

    def _documents(self) -> list[tuple[str, dict]]:
        with self._lock:  # stored documents are replaced, never changed: safe to read after
            return list(self._sessions().items())

    def _find(self, text: str) -> tuple[str, dict] | None:
        with self._lock:
            key = match(self._keys, text)
            if key is None:
                return None
            number = self._keys[key]
            return number, self._sessions().get(number)  # get: not a change (TrackedTable)

    def _decode(self, number: str, doc: dict) -> SessionRecord | str:
        found = docform.decode(doc)
        why = found if isinstance(found, str) else None
        with self._lock:
            self._read[number] = (doc, why)
        return found

    @property
    def _keys(self) -> dict[str, str]:
        """Every document's key (made once, then kept up to date by each write)."""
        if self._keys_ is None:
            with self._lock:
                table = self._sessions()
                numbers = [int(n) for n in table if n.isascii() and n.isdigit()]
                self._next = max(numbers, default=0) + 1
                self._keys_ = {}
                for number, doc in table.items():
                    self._index(number, doc)
        return self._keys_

    def _index(self, number: str, doc: dict) -> None:
        """A document's key: its id if usable and not taken already, else ``#<n>`` (a save
        of a record with that id still replaces the document)."""
        session_id = doc.get("id") if isinstance(doc, dict) else None
        key = f"#{number}"
        keys = self._keys_
        if isinstance(session_id, str):
            if session_id not in keys and (docform.is_marked(doc) or usable_id(session_id)):
                key = session_id
            else:
                self._other_ids.setdefault(session_id, number)
        keys[key] = number
        self._key_of[number] = key

    def _damaged(self, number: str, doc: dict, reason: str) -> Damaged:
        site = doc.get("site") if isinstance(doc, dict) else None
        key = self._key_of.get(number) if self._keys else None  # the index made if not yet
        return Damaged(key or f"#{number}", reason,
                       site[:64] if isinstance(site, str) else "")


def _upgrades(tables: dict[str, dict]) -> dict[str, dict]:
    """The documents an older version wrote, in the stored form (readable ones only)."""
    found = {}
    with paused_gc():
        for number, doc in (tables.get(TABLE) or {}).items():
            if not docform.is_marked(doc):
                new = docform.upgrade(doc)
                if new is not None:
                    found[number] = new
    return {TABLE: found}


def open_store(data_dir: Path, lock: DataLock | None = None, *, write: bool = False,
               tell: Callable[[str], object] | None = None) -> SessionRepository:
    """The data folder's saved sessions, for the CLI and the app alike: locked while open,
    repaired if damaged.

    ``lock``: the folder's lock if the caller holds it already (released at close).
    ``tell``: shows the user one line; called with what was repaired, if anything was.
    ``write``: the caller will save; a read-only folder, or one another window has open,
    is then a one-line ``StoreError``.  A caller that only reads works in both: while the
    app has the folder open it reads what the app has saved (one consistent state).
    """
    from ccfacil.storage.errors import read_only_error

    store = SessionStore.open(data_dir, lock, reader=not write)
    for event in store.recovery if tell is not None else ():
        tell(event.detail)
    if write and store.read_only:
        store.close()
        raise read_only_error(data_dir)
    return store
