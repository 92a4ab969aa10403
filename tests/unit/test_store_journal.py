"""JournalStorage: TinyDB semantics, what a write costs, compaction, lock, modes, full disks."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from ccfacil.sessions.session import SessionRecord
from ccfacil.storage import docform
from ccfacil.storage.journal import BACKUP, JOURNAL, JOURNAL_BACKUP, SNAPSHOT, JournalStorage
from ccfacil.storage.saver import Saver
from ccfacil.storage.store import SaveError, SessionStore, StoreLocked
from tests.store_helpers import power_cut

REPO = Path(__file__).resolve().parents[2]


def journal_db(folder: Path) -> TinyDB:
    """TinyDB as it ships, its own ``Table`` on the journal storage."""
    storage = JournalStorage(folder)
    return TinyDB(storage=lambda: storage)


def exercise(db: TinyDB) -> None:
    """Every kind of TinyDB write, through its public API."""
    table = db.table("t")
    table.insert({"n": 1, "tags": ["a"]})
    table.insert_multiple([{"n": n} for n in range(2, 7)])
    table.update({"x": "y"}, Query().n == 2)
    table.update(lambda doc: doc["tags"].append("b"), doc_ids=[1])
    table.update(lambda doc: doc.pop("x"), Query().n == 2)
    table.upsert({"n": 7, "new": True}, Query().n == 7)
    table.remove(Query().n == 3)
    table.remove(doc_ids=[4])
    db.table("gone").insert({"a": 1})
    db.drop_table("gone")
    db.table("emptied").insert({"a": 1})
    db.table("emptied").truncate()
    db.table("other").insert({"é": "ü ∑ \n"})


def contents(db: TinyDB) -> dict:
    return {name: {d.doc_id: dict(d) for d in db.table(name).all()} for name in db.tables()}


def test_tinydb_writes_persist_as_in_memory(tmp_path):
    memory = TinyDB(storage=MemoryStorage)
    exercise(memory)
    db = journal_db(tmp_path / "a")
    exercise(db)
    assert contents(db) == contents(memory)
    power_cut(db.close, tmp_path / "a")  # as a kill would: no compaction at close
    again = journal_db(tmp_path / "a")  # replayed from the journal
    assert contents(again) == contents(memory)
    again.close()
    assert contents(journal_db(tmp_path / "a")) == contents(memory)  # compacted


def test_drop_tables(tmp_path):
    db = journal_db(tmp_path / "data")
    db.table("t").insert({"a": 1})
    db.drop_tables()
    db.close()
    assert journal_db(tmp_path / "data").tables() == set()


def put(storage: JournalStorage, key: str, doc: dict) -> None:
    """A document stored as ``ccfacil.storage.store`` does: the table read, changed in place."""
    tables = storage.read()
    tables.setdefault("t", {})[key] = doc
    storage.write(tables)


def test_a_document_that_is_not_json_changes_nothing(tmp_path):
    storage = JournalStorage(tmp_path / "data")
    put(storage, "1", {"a": 1})
    with pytest.raises(TypeError):
        put(storage, "2", {"b": object()})
    with pytest.raises(TypeError):
        put(storage, "1", {"a": object()})
    assert storage.read() == {"t": {"1": {"a": 1}}}
    put(storage, "3", {"c": 3})
    storage.close()
    again = JournalStorage(tmp_path / "data")
    assert again.read() == {"t": {"1": {"a": 1}, "3": {"c": 3}}}
    again.close()


def journal_lines(folder: Path) -> list[dict]:
    raw = (folder / JOURNAL).read_bytes()
    return [json.loads(line.split(b" ", 1)[1]) for line in raw.splitlines()]


def test_a_save_journals_only_the_record_saved(tmp_path):
    folder = tmp_path / "data"
    records = [SessionRecord("KATI", "courage", "fr", 9, notes=f"n{i}") for i in range(50)]
    with SessionStore.open(folder) as store:
        for record in records:
            store.save(record)
    with SessionStore.open(folder) as store:
        records[7].notes = "changed"
        store.save(records[7])
        store.save(records[7])  # unchanged: nothing to write
        assert journal_lines(folder) == [  # 50 changes were saved before this one
            {"gen": 1, "n": 51, "set": {"sessions": {"8": docform.encode(records[7])}}}]
        store.delete(records[9].id)
        assert journal_lines(folder)[-1] == {"gen": 1, "n": 52, "del": {"sessions": ["10"]}}


def test_line_format_is_checksummed(tmp_path):
    folder = tmp_path / "data"
    with SessionStore.open(folder) as store:
        store.save(SessionRecord("KATI", "courage", "fr", 9))
        line = (folder / JOURNAL).read_bytes()
    crc, payload = line.rstrip(b"\n").split(b" ", 1)
    assert line.endswith(b"\n") and int(crc, 16) == zlib.crc32(payload)


def test_compaction_when_the_journal_outgrows_the_snapshot(tmp_path, monkeypatch):
    monkeypatch.setattr(JournalStorage, "compact_bytes", 2_000)
    folder = tmp_path / "data"
    record = SessionRecord("KATI", "courage", "fr", 9)
    with SessionStore.open(folder) as store:
        for n in range(40):
            record.notes = "x" * 200 + str(n)
            store.save(record)
            assert (folder / JOURNAL).stat().st_size <= 2_000 + 1_000
        assert (folder / BACKUP).is_file() and (folder / JOURNAL_BACKUP).is_file()
        snapshot = json.loads((folder / SNAPSHOT).read_bytes())
        assert snapshot["format"] == 2 and snapshot["gen"] > 5
        assert snapshot["n"] + len(journal_lines(folder)) == 40  # every change, once
    with SessionStore.open(folder) as store:
        assert store.get(record.id).notes.endswith("39") and store.recovery == []


def test_files_are_private(tmp_path):
    folder = tmp_path / "new" / "data"
    with SessionStore.open(folder) as store:
        store.save(SessionRecord("KATI", "courage", "fr", 9))
    with SessionStore.open(folder) as store:
        store.save(SessionRecord("KATI", "courage", "fr", 9))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([BACKUP, JOURNAL, JOURNAL_BACKUP, SNAPSHOT, "ccfacil.lock"])
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def snapshot_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_second_open_is_refused_and_changes_nothing(tmp_path):
    folder = tmp_path / "data"
    first = SessionStore.open(folder)
    first.save(SessionRecord("KATI", "courage", "fr", 9))
    before = snapshot_of(folder)
    with pytest.raises(StoreLocked) as caught:
        SessionStore.open(folder)
    assert str(caught.value) == f"data folder {folder} is already open in another window"
    assert snapshot_of(folder) == before
    first.close()
    SessionStore.open(folder).close()  # released at close


def test_second_process_is_refused(tmp_path):
    folder = tmp_path / "data"
    code = ("import sys; from ccfacil.storage.store import SessionStore, StoreLocked\n"
            "try:\n    SessionStore.open(sys.argv[1])\n"
            "except StoreLocked as exc:\n    print(exc); sys.exit(3)\n")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with SessionStore.open(folder) as store:
        store.save(SessionRecord("KATI", "courage", "fr", 9))
        before = snapshot_of(folder)
        result = subprocess.run([sys.executable, "-c", code, str(folder)], env=env,
                                capture_output=True, text=True)
        assert result.returncode == 3, result.stderr
        assert "is already open in another window" in result.stdout
        assert snapshot_of(folder) == before
    result = subprocess.run([sys.executable, "-c", code, str(folder)], env=env)
    assert result.returncode == 0


@pytest.fixture
def faulty_disk(monkeypatch):
    """Make writes (or fsyncs) of files in a folder fail, as a full or dying disk does."""

    class Fault:
        folder: Path | None = None
        call = "write"
        code = errno.ENOSPC

        def hits(self, fd: int) -> bool:
            if self.folder is None:
                return False
            try:
                return Path(os.readlink(f"/proc/self/fd/{fd}")).parent == self.folder
            except OSError:
                return False

    fault = Fault()
    real_write, real_fsync = os.write, os.fsync

    def write(fd, data):
        if fault.call == "write" and fault.hits(fd):
            raise OSError(fault.code, os.strerror(fault.code))
        if fault.call == "short" and fault.hits(fd):
            return real_write(fd, bytes(data)[: len(data) // 2])
        return real_write(fd, data)

    def fsync(fd):
        if fault.call == "fsync" and fault.hits(fd):
            raise OSError(fault.code, os.strerror(fault.code))
        return real_fsync(fd)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to tell which file a descriptor is")
    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "fsync", fsync)
    return fault


@pytest.mark.parametrize(("call", "code"), [("write", errno.ENOSPC), ("fsync", errno.EIO),
                                            ("short", errno.ENOSPC), ("write", errno.EROFS)])
def test_failed_save_raises_and_keeps_what_was_saved(tmp_path, faulty_disk, call, code):
    folder = tmp_path / "data"
    kept = SessionRecord("KATI", "courage", "fr", 9, notes="kept")
    store = SessionStore.open(folder)
    store.save(kept)
    on_disk = (folder / JOURNAL).read_bytes()
    faulty_disk.folder, faulty_disk.call, faulty_disk.code = folder, call, code
    changed = SessionRecord("KATI", "courage", "fr", 9, id=kept.id, notes="changed")
    new = SessionRecord("KATI", "courage", "fr", 4)
    for record in (changed, new):
        with pytest.raises(SaveError) as caught:
            store.save(record)
        assert "\n" not in str(caught.value) and str(folder) in str(caught.value)
    with pytest.raises(SaveError):
        store.delete(kept.id)
    assert (folder / JOURNAL).read_bytes() == on_disk
    assert [r.notes for r in store.list()] == ["kept"] and store.get(new.id) is None
    store.close()  # cannot compact either: nothing lost, no error
    faulty_disk.folder = None
    with SessionStore.open(folder) as store:
        assert [r.notes for r in store.list()] == ["kept"]
        store.save(new)  # the in-memory state went on working
        assert store.get(new.id) == new


def test_saver_keeps_the_record_until_the_disk_takes_it(tmp_path, faulty_disk):
    folder = tmp_path / "data"
    now = [100.0]
    with SessionStore.open(folder) as store:
        saver = Saver(store, clock=lambda: now[0], retry_seconds=5)
        faulty_disk.folder = folder
        record = SessionRecord("KATI", "courage", "fr", 9, notes="typed during the cut")
        saver.submit(record)
        outcome = saver.flush()
        assert outcome.saved == [] and outcome.pending == 1 and not outcome.ok
        assert "the disk is full" in outcome.error == saver.last_error  # a sentence
        assert not saver.due()
        now[0] += 5
        assert saver.due()
        faulty_disk.folder = None
        outcome = saver.flush()
        assert outcome.saved == [record.id] and outcome.pending == 0 and outcome.ok
        assert saver.last_error is None and not saver.due()
    with SessionStore.open(folder) as store:
        assert store.get(record.id) == record


def test_write_after_close_is_a_save_error(tmp_path):
    store = SessionStore.open(tmp_path / "data")
    store.close()
    store.close()
    with pytest.raises(SaveError, match="closed"):
        store.save(SessionRecord("KATI", "courage", "fr", 9))
    SessionStore.open(tmp_path / "data").close()  # and the lock was not taken back


def test_store_opens_when_it_cannot_compact(tmp_path, faulty_disk):
    folder = tmp_path / "data"
    store = SessionStore.open(folder)
    store.save(SessionRecord("KATI", "courage", "fr", 9, notes="before the cut"))
    power_cut(store.close, folder)  # cut off: the journal was never compacted
    faulty_disk.folder = folder  # and now the disk is full
    with SessionStore.open(folder) as store:
        assert [r.notes for r in store.list()] == ["before the cut"]
        with pytest.raises(SaveError):
            store.save(SessionRecord("KATI", "courage", "fr", 9))
        faulty_disk.folder = None  # space freed
        store.save(SessionRecord("KATI", "courage", "fr", 9, notes="after"))
    with SessionStore.open(folder) as store:
        assert sorted(r.notes for r in store.list()) == ["after", "before the cut"]
