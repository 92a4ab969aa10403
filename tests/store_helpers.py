"""Where a session repository lives in tests, and what happens to its files by accident.

``Place``: in memory (TinyDB's ``MemoryStorage``) or in a data folder (the journal
storage), opened and opened again alike, as TinyDB's own suite runs every test on each
storage.  ``plant`` stores raw documents as another program (an older ccfacil, a hand
edit) would have; ``power_cut`` leaves a data folder as a power cut would.  Public APIs
only: TinyDB's ``Storage`` interface, ``SessionStore``, files.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tinydb.storages import MemoryStorage, Storage

from ccfacil.sessions.session import SessionRecord
from ccfacil.storage.datafiles import SNAPSHOT, parse_snapshot
from ccfacil.storage.journal import JournalStorage
from ccfacil.storage.store import TABLE, SessionStore

KINDS = ("memory", "disk")


def plant_in(storage: Storage, *docs: dict) -> list[str]:
    """Add raw documents to the sessions table; their document numbers."""
    tables = storage.read() or {}
    table = dict(tables.get(TABLE) or {})
    numbers = []
    for doc in docs:
        number = str(max((int(n) for n in table), default=0) + 1)
        table[number] = doc
        numbers.append(number)
    tables[TABLE] = table
    storage.write(tables)
    return numbers


def plant(folder: Path, *docs: dict) -> list[str]:
    """Raw documents written into a data folder (closed), as an older version might have."""
    storage = JournalStorage(folder)
    try:
        return plant_in(storage, *docs)
    finally:
        storage.close()


def stored_documents(folder: Path) -> dict[str, dict]:
    """The sessions table as the snapshot of a closed data folder holds it."""
    tables, _gen, _n = parse_snapshot((folder / SNAPSHOT).read_bytes())
    return tables.get(TABLE, {})


def power_cut(close: Callable[[], object], folder: Path) -> None:
    """Leave ``folder`` as a power cut now would: what is on disk, nothing compacted, no
    lock held.  ``close`` closes what has it open (its compaction happens elsewhere)."""
    frozen = folder.with_name(folder.name + ".at-the-cut")
    shutil.copytree(folder, frozen, symlinks=True)
    close()
    shutil.rmtree(folder)
    frozen.rename(folder)


class Place:
    """Where a repository is kept: ``memory`` or ``disk`` (a data folder)."""

    def __init__(self, kind: str, folder: Path):
        self.kind = kind
        self.folder = folder
        self.memory = MemoryStorage()

    def open(self) -> SessionStore:
        """The repository kept here (opened again: what was saved is still there)."""
        if self.kind == "memory":
            return SessionStore(self.memory)
        return SessionStore.open(self.folder)

    def plant(self, *docs: dict) -> list[str]:
        """Raw documents stored here (nothing here may be open)."""
        if self.kind == "memory":
            return plant_in(self.memory, *docs)
        return plant(self.folder, *docs)

    def documents(self) -> dict[str, dict]:
        """The stored documents as they are (nothing here may be open)."""
        if self.kind == "memory":
            return dict((self.memory.read() or {}).get(TABLE) or {})
        return stored_documents(self.folder)


def record(notes: str, participants: int = 5) -> SessionRecord:
    """A plain session at KATI whose notes tell it apart."""
    return SessionRecord("KATI", "courage", "fr", participants, notes=notes)


def save(folder: Path, *records: SessionRecord) -> None:
    """One open, the saves, one close (which compacts)."""
    with SessionStore.open(folder) as store:
        for one in records:
            store.save(one)
