"""Damaged files are set aside untouched, the last good state comes back, and we say so."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from ccfacil.sessions.session import SessionRecord
from ccfacil.storage import fsutil
from ccfacil.storage.journal import BACKUP, JOURNAL, JOURNAL_BACKUP, SNAPSHOT
from ccfacil.storage.store import SessionStore
from tests.store_helpers import power_cut

DAMAGE = {
    "empty": lambda raw: b"",
    "truncated": lambda raw: raw[: len(raw) // 2],
    "nul-filled": lambda raw: b"\0" * len(raw),
    "extra-data": lambda raw: raw + b"}garbage",
    "wrong-shape": lambda raw: b"[1, 2, 3]\n",
    "wrong-object": lambda raw: b'{"_default": {"1": {"a": 1}}}',
}


def record(notes: str) -> SessionRecord:
    return SessionRecord("KATI", "courage", "fr", 9, notes=notes)


def two_sessions(folder: Path) -> list[SessionRecord]:
    """A first session saved A, a second B: the backup holds A, the snapshot A and B."""
    saved = [record("A"), record("B")]
    for one in saved:
        with SessionStore.open(folder) as store:
            store.save(one)
    return saved


def aside_files(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f"{name}.corrupt-*"))


def notes(store: SessionStore) -> list[str]:
    return [r.notes for r in store.list()]


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_snapshot_is_set_aside_and_restored_from_backup(tmp_path, damage):
    folder = tmp_path / "data"
    two_sessions(folder)
    bad = damage((folder / SNAPSHOT).read_bytes())
    (folder / SNAPSHOT).write_bytes(bad)
    with SessionStore.open(folder) as store:
        assert notes(store) == ["A", "B"]  # the backup, and the journal that led on from it
        moved, restored = store.recovery
    [aside] = aside_files(folder, SNAPSHOT)
    assert re.fullmatch(r"sessions\.json\.corrupt-\d{8}-\d{6}", aside.name)
    assert aside.read_bytes() == bad
    assert (moved.kind, moved.path) == ("moved_aside", aside)
    assert "sessions.json was damaged" in moved.detail and aside.name in moved.detail
    assert (restored.kind, restored.path.name) == ("restored", BACKUP)
    assert restored.counts == {"records": 2, "writes": 1}
    with SessionStore.open(folder) as store:  # healthy again
        assert store.recovery == [] and notes(store) == ["A", "B"]


def test_missing_snapshot_comes_back_from_backup(tmp_path):
    folder = tmp_path / "data"
    two_sessions(folder)
    (folder / SNAPSHOT).unlink()
    with SessionStore.open(folder) as store:
        assert notes(store) == ["A", "B"]
        assert [e.kind for e in store.recovery] == ["missing", "restored"]


def test_nothing_valid_is_said_not_started_silently_empty(tmp_path):
    folder = tmp_path / "data"
    two_sessions(folder)
    for name in (SNAPSHOT, BACKUP):
        (folder / name).write_bytes(b"\0" * 64)
    (folder / JOURNAL_BACKUP).unlink()
    with SessionStore.open(folder) as store:
        assert store.list() == []
        kinds = [(e.kind, e.path.name.split(".corrupt")[0]) for e in store.recovery]
    assert kinds == [("moved_aside", SNAPSHOT), ("moved_aside", BACKUP),
                     ("nothing_valid", "data")]
    assert [p.read_bytes() for p in aside_files(folder, SNAPSHOT)] == [b"\0" * 64]
    assert [p.read_bytes() for p in aside_files(folder, BACKUP)] == [b"\0" * 64]


def journal_after_a_save(folder: Path) -> bytes:
    """Snapshot {A, B}; a third session saved C and was cut off before it closed."""
    two_sessions(folder)
    store = SessionStore.open(folder)
    store.save(record("C"))
    power_cut(store.close, folder)  # no compaction: as after a power cut
    return (folder / JOURNAL).read_bytes()


def line(payload: bytes) -> bytes:
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


JOURNAL_DAMAGE = {
    "torn-last-line": (lambda good: good + good[:-9], ["A", "B", "C"], 1),
    "nul-tail": (lambda good: good + b"\0" * 700, ["A", "B", "C"], 1),
    "garbage": (lambda good: b"not a journal\n", ["A", "B"], 1),
    "wrong-shape": (lambda good: good + line(b"[1, 2]") + line(b'{"gen": "x"}'),
                    ["A", "B", "C"], 2),
    "bad-checksum": (lambda good: good.replace(b"C", b"D", 1), ["A", "B"], 1),
}


@pytest.mark.parametrize(("damage", "expected", "bad"), JOURNAL_DAMAGE.values(),
                         ids=JOURNAL_DAMAGE.keys())
def test_damaged_journal_keeps_its_good_lines_and_is_set_aside(tmp_path, damage, expected, bad):
    folder = tmp_path / "data"
    damaged = damage(journal_after_a_save(folder))
    (folder / JOURNAL).write_bytes(damaged)
    with SessionStore.open(folder) as store:
        assert notes(store) == expected
        moved, restored = store.recovery
    [aside] = aside_files(folder, JOURNAL)
    assert aside.read_bytes() == damaged
    assert (moved.kind, moved.path, moved.counts["bad_lines"]) == ("moved_aside", aside, bad)
    assert (restored.kind, restored.path.name) == ("restored", SNAPSHOT)
    assert (folder / JOURNAL).read_bytes() == b""
    with SessionStore.open(folder) as store:
        assert store.recovery == [] and notes(store) == expected


def test_good_lines_after_a_bad_one_are_kept(tmp_path):
    folder = tmp_path / "data"
    good = journal_after_a_save(folder)
    (folder / JOURNAL).write_bytes(b"\0" * 50 + b"\n" + good)
    with SessionStore.open(folder) as store:
        assert notes(store) == ["A", "B", "C"]


def test_unfinished_journal_is_replayed_without_any_event(tmp_path):
    folder = tmp_path / "data"
    journal_after_a_save(folder)
    with SessionStore.open(folder) as store:
        assert store.recovery == [] and notes(store) == ["A", "B", "C"]


def test_set_aside_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.setattr(fsutil.time, "strftime", lambda fmt: "20260305-090000")
    folder = tmp_path / "data"
    two_sessions(folder)
    for damage in (b"", b"x", b"yy"):
        (folder / SNAPSHOT).write_bytes(damage)
        SessionStore.open(folder).close()
    names = [p.name for p in aside_files(folder, SNAPSHOT)]
    assert names == ["sessions.json.corrupt-20260305-090000",
                     "sessions.json.corrupt-20260305-090000-2",
                     "sessions.json.corrupt-20260305-090000-3"]
    assert [(folder / n).read_bytes() for n in names] == [b"", b"x", b"yy"]
