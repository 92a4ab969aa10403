"""Saved sessions: ``SessionStore`` keeps ``SessionRecord``s in TinyDB.

On disk it uses ``JournalStorage`` (``ccfacil.journal``): crash-safe, locked to one window,
and each save costs the same however many sessions are stored.  ``in_memory()`` uses
TinyDB's ``MemoryStorage`` for tests.  Records stay dataclasses; they become dicts only
here, at the storage edge, one document per session.  A stored document that cannot be
read as a session (a newer schema, a hand edit, a hostile merge by an older version) is
left as it is, listed by ``damaged()`` and never dropped; it can be deleted by its id (or
``#<n>``, its document number, when it has no usable id).  Every document is checked
completely (``ccfacil.validate``) before it becomes a ``SessionRecord``.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Table

from ccfacil import errtext
from ccfacil.errors import CcfacilError
from ccfacil.filelock import DataLock, SaveError, StoreError, StoreLocked, _
from ccfacil.journal import JournalStorage, RecoveryEvent
from ccfacil.legacy import link_old_conflicts
from ccfacil.session import ActionItem, ActionStatus, SchemaError, SessionRecord
from ccfacil.validate import Invalid, check_session, usable_id

__all__ = ["Damaged", "RecoveryEvent", "SaveError", "SessionStore", "StoreError",
           "StoreLocked"]

TABLE = "sessions"
MIN_PREFIX = 6
_NEVER = dt.datetime.min.replace(tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Damaged:
    """A stored document that cannot be read as a session: kept as it is until deleted."""

    key: str  # its session id, or "#<document number>" when it has no usable id
    reason: str  # the field and what is wrong with it
    site: str = ""


class _IdView(MutableMapping):
    """A stored table seen with TinyDB's int document ids (it stores them as strings)."""

    def __init__(self, raw: dict, id_class: Callable):
        self._raw, self._id = raw, id_class

    def __getitem__(self, doc_id):
        return self._raw[str(doc_id)]

    def __setitem__(self, doc_id, doc) -> None:
        self._raw[str(doc_id)] = doc

    def __delitem__(self, doc_id) -> None:
        del self._raw[str(doc_id)]

    def __contains__(self, doc_id) -> bool:
        return str(doc_id) in self._raw

    def __iter__(self) -> Iterator:
        return iter([self._id(key) for key in self._raw])  # a copy: callers delete as they go

    def __len__(self) -> int:
        return len(self._raw)

    def clear(self) -> None:
        self._raw.clear()


class JournalTable(Table):
    """A TinyDB table whose writes change the stored table in place.

    TinyDB's own ``Table`` rebuilds the whole table dict twice on every write (to turn
    string ids into ints and back): O(all sessions) per save.  Here the updater works on
    the stored table through ``_IdView``, so a save costs O(the session saved) and the
    storage sees (``TrackedTable``) exactly which documents changed.
    """

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        tables = self._storage.read() or {}
        raw = tables.get(self.name)
        if raw is None:
            raw = tables[self.name] = {}
        updater(_IdView(raw, self.document_id_class))
        try:
            self._storage.write(tables)
        finally:
            self.clear_cache()


class JournalDB(TinyDB):
    table_class = JournalTable


def _replace_with(data: dict) -> Callable[[dict], None]:
    def replace(doc: dict) -> None:
        doc.clear()
        doc.update(data)

    return replace


class SessionStore:
    """Saved sessions, one TinyDB document each; safe to share between threads."""

    def __init__(self, db: TinyDB, recovery: list[RecoveryEvent] | None = None,
                 read_only: bool = False):
        self._db = db
        self.read_only = read_only  # nothing can be saved (a read-only data folder)
        self._table = db.table(TABLE)
        self.recovery: list[RecoveryEvent] = list(recovery or [])
        self._lock = threading.RLock()
        self._doc_ids: dict[str, int] = {}  # session id -> TinyDB document id
        for doc in self._table:
            if isinstance(doc.get("id"), str):
                self._doc_ids[doc["id"]] = doc.doc_id

    @classmethod
    def open(cls, data_dir: Path, lock: DataLock | None = None, *,
             reader: bool = False) -> SessionStore:
        """The store in ``data_dir`` (created if missing): locked, recovered if damaged.

        ``lock``: the folder's lock if the caller already holds it (it is released at close).
        ``reader``: the caller only reads; if another window has the folder open, the store
        is read as that window has saved it, without the lock and read-only.
        """
        try:
            if reader and lock is None:
                from ccfacil.filelock import lock_for_reading

                lock = lock_for_reading(Path(data_dir))
            storage = JournalStorage(Path(data_dir), lock)
        except OSError as exc:
            raise StoreError(_("cannot open data folder %(dir)s: %(reason)s") % {
                "dir": data_dir, "reason": errtext.reason(exc)}) from exc
        return cls(JournalDB(storage=lambda: storage), storage.recovery, storage.read_only)

    @classmethod
    def in_memory(cls) -> SessionStore:
        return cls(JournalDB(storage=MemoryStorage))

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Compact the files and release the data folder."""
        with self._lock:
            self._db.close()

    def save(self, record: SessionRecord) -> None:
        """Insert or replace the record (by id); returns once it is on disk."""
        data = record.to_dict()
        with self._lock:
            doc_id = self._doc_ids.get(record.id)
            if doc_id is None:
                self._doc_ids[record.id] = self._table.insert(data)
            else:
                self._table.update(_replace_with(data), doc_ids=[doc_id])

    def save_many(self, records: Iterable[SessionRecord]) -> None:
        """Insert or replace several records with one durable write (merging devices)."""
        pairs = [(record.id, record.to_dict()) for record in records]
        if not pairs:
            return
        with self._lock:
            added: dict[str, int] = {}

            def updater(table) -> None:
                for session_id, data in pairs:
                    doc_id = self._doc_ids.get(session_id) or added.get(session_id)
                    if doc_id is None:  # as TinyDB's own insert does
                        doc_id = added[session_id] = self._table._get_next_id()
                        table[doc_id] = data
                    else:
                        _replace_with(data)(table[doc_id])

            self._table._update_table(updater)
            self._doc_ids.update(added)

    def get(self, session_id: str) -> SessionRecord | None:
        """The session with this id or unique id prefix (at least 6 characters)."""
        with self._lock:
            doc_id = self._resolve(session_id)
            doc = None if doc_id is None else self._table.get(doc_id=doc_id)
        if doc is None:
            return None
        found = _read_or_why(doc)
        if isinstance(found, str):
            raise CcfacilError(_("session %(id)s cannot be read: %(reason)s (it is kept as it "
                                 "is; 'ccfacil sessions delete %(id)s' removes it)") % {
                "id": session_id, "reason": found})
        return found

    def find(self, session_id: str) -> SessionRecord | Damaged | None:
        """The session with this id (or unique prefix, or ``#<n>``), readable or not."""
        with self._lock:
            doc_id = self._resolve(session_id)
            doc = None if doc_id is None else self._table.get(doc_id=doc_id)
        if doc is None:
            return None
        found = _read_or_why(doc)
        return _damaged(doc, found) if isinstance(found, str) else found

    def require(self, session_id: str) -> SessionRecord:
        """Like ``get``, but a missing session is a clear one-line error."""
        record = self.get(session_id)
        if record is None:
            if len(session_id.strip()) < MIN_PREFIX:
                raise CcfacilError(_("no session %(id)s (give at least 6 characters of its id)")
                                   % {"id": session_id})
            raise CcfacilError(_("no session %(id)s") % {"id": session_id})
        return record

    def delete(self, session_id: str) -> bool:
        """Delete the session with this id (or unique prefix); False if there is none."""
        with self._lock:
            doc_id = self._resolve(session_id)
            if doc_id is None:
                return False
            self._table.remove(doc_ids=[doc_id])
            self._doc_ids = {s: d for s, d in self._doc_ids.items() if d != doc_id}
            return True

    def list(self, site: str | None = None) -> list[SessionRecord]:
        """Readable sessions, oldest first by start (never started last); site ignores case."""
        records = [r for r in self._records()
                   if site is None or r.site.casefold() == site.casefold()]
        link_old_conflicts(records)  # copies made before schema 2: counted once
        records.sort(key=lambda r: (r.started_at is None, r.started_at or _NEVER))
        return records

    def recent_card_ids(self, site: str, sessions: int = 3) -> set[str]:
        """Cards discussed at this site in its last ``sessions`` sessions held (a conflict
        copy or a session not held is not one of them)."""
        started = [r for r in self.list(site) if r.started_at is not None
                   and r.conflict_of is None and r.counts_as_held]
        recent = started[-sessions:] if sessions > 0 else []
        return {card.card_id for record in recent for card in record.cards}

    def open_actions(self, site: str, exclude: str | None = None
                     ) -> list[tuple[SessionRecord, ActionItem]]:
        """Open action items of the site's most recent session (but ``exclude``).

        A session cut short by a power cut counts as much as a finished one: its
        action items were decided all the same.  Conflict copies and sessions not held
        that hold no action item are passed over (an empty session must not hide the
        items of the one before it).
        """
        started = [r for r in self.list(site) if r.started_at is not None and r.id != exclude
                   and r.conflict_of is None and (r.counts_as_held or r.actions)]
        if not started:
            return []
        last = started[-1]  # list() is oldest first
        return [(last, item) for item in last.actions if item.status is ActionStatus.OPEN]

    def unreadable(self) -> int:
        """How many stored documents cannot be read as sessions (they are kept as they are)."""
        return len(self.damaged())

    def damaged(self) -> list[Damaged]:
        """The stored documents that cannot be read as sessions, with the reason why."""
        found = []
        for doc in self._documents():
            why = _read_or_why(doc)
            if isinstance(why, str):
                found.append(_damaged(doc, why))
        return found

    def _documents(self) -> list[dict]:
        with self._lock:
            return self._table.all()

    def _records(self) -> list[SessionRecord]:
        return [r for r in map(_read, self._documents()) if r is not None]

    def _resolve(self, session_id: str) -> int | None:
        session_id = session_id.strip()
        if session_id in self._doc_ids:
            return self._doc_ids[session_id]
        if session_id[:1] == "#" and session_id[1:].isdigit() and len(session_id) < 12:
            doc_id = int(session_id[1:])
            return doc_id if self._table.contains(doc_id=doc_id) else None
        if len(session_id) < MIN_PREFIX:
            return None
        found = [d for s, d in self._doc_ids.items() if s.startswith(session_id)]
        if len(found) > 1:
            raise CcfacilError(_("'%(prefix)s' matches %(count)d sessions: give more of the id")
                               % {"prefix": session_id, "count": len(found)})
        return found[0] if found else None


def _read_or_why(doc: Mapping) -> SessionRecord | str:
    """The document as a session, or why it cannot be one."""
    data = dict(doc)
    try:
        check_session(data)
        return SessionRecord.from_dict(data)
    except (Invalid, SchemaError) as exc:
        return str(exc)


def _read(doc: Mapping) -> SessionRecord | None:
    found = _read_or_why(doc)
    return None if isinstance(found, str) else found


def _damaged(doc: Mapping, reason: str) -> Damaged:
    session_id = doc.get("id")
    key = session_id if usable_id(session_id) else f"#{getattr(doc, 'doc_id', '?')}"
    site = doc.get("site") if isinstance(doc.get("site"), str) else ""
    return Damaged(key, reason, site[:64])
