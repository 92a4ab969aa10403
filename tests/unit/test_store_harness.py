"""The crash harness, issue 10: a folder with a real history (several compactions, then a
power cut), damaged in every way the issue lists; after each, what comes back is checked
against what was saved.  Nothing is lost without a word, nothing is replaced before its
content is safe elsewhere, and the folder is whole again afterwards.

(SIGKILLs: test_store_kill.py; read-only folders: test_store_readonly.py; two starts at
the same instant: tests/functional/test_two_starts.py.)
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from ccfacil.sessions.session import SessionRecord
from ccfacil.storage.journal import BACKUP, JOURNAL, JOURNAL_BACKUP, SNAPSHOT
from ccfacil.storage.store import SessionStore
from tests.store_helpers import power_cut

FLIPS_PER_FILE = 40


@dataclass
class History:
    folder: Path
    saved: dict[str, str]  # id -> notes, as last acknowledged
    only_in_journal: set[str]  # sessions saved after the last compaction (one line each)


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> History:
    """Four sittings, each closed (compacted); then a fifth cut off by a power cut."""
    folder = tmp_path_factory.mktemp("history") / "data"
    rng = random.Random(20261126)
    saved: dict[str, str] = {}
    counter = 0
    for _sitting in range(4):
        with SessionStore.open(folder) as store:
            for _ in range(rng.randrange(3, 9)):
                counter += 1
                roll = rng.random()
                if saved and roll < 0.1:
                    gone = rng.choice(sorted(saved))
                    store.delete(gone)
                    del saved[gone]
                    continue
                sid = rng.choice(sorted(saved)) if saved and roll < 0.4 else None
                record = SessionRecord("KATI", "courage", "fr", 7, notes=f"v{counter}",
                                       **({"id": sid} if sid else {}))
                store.save(record)
                saved[record.id] = record.notes
    store = SessionStore.open(folder)
    late = set()
    for _ in range(6):
        counter += 1
        record = SessionRecord("KATI", "courage", "fr", 7, notes=f"v{counter}")
        store.save(record)
        saved[record.id] = record.notes
        late.add(record.id)
    power_cut(store.close, folder)  # the power cut: no compaction
    assert all((folder / name).stat().st_size for name in (SNAPSHOT, BACKUP, JOURNAL,
                                                            JOURNAL_BACKUP))
    return History(folder, saved, late)


def copy(history: History, tmp_path: Path, name: str = "case") -> Path:
    folder = tmp_path / name
    shutil.copytree(history.folder, folder, symlinks=True)
    return folder


def opened(folder: Path) -> tuple[dict[str, str], list]:
    with SessionStore.open(folder) as store:
        return {r.id: r.notes for r in store.list()}, store.recovery


def whole_again(folder: Path, expected: dict[str, str]) -> None:
    """Opens clean, and still holds everything with the new snapshot gone."""
    state, events = opened(folder)
    assert events == [] and state == expected
    (folder / SNAPSHOT).unlink()
    state, events = opened(folder)
    assert state == expected and "gap" not in [e.kind for e in events]


def test_snapshot_deleted(history, tmp_path):
    folder = copy(history, tmp_path)
    (folder / SNAPSHOT).unlink()
    state, events = opened(folder)
    assert state == history.saved
    assert [e.kind for e in events] == ["missing", "restored"]
    whole_again(folder, history.saved)


def test_both_snapshots_deleted(history, tmp_path):
    folder = copy(history, tmp_path)
    kept = {name: (folder / name).read_bytes() for name in (SNAPSHOT, BACKUP)}
    for name in kept:
        (folder / name).unlink()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    state, events = opened(folder)
    assert [e.kind for e in events] == ["missing", "restored", "gap"]
    assert set(state) < set(history.saved)  # what the journals hold, and no more
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    (folder / BACKUP).write_bytes(kept[BACKUP])  # the older copy is enough
    state, events = opened(folder)
    assert state == history.saved and "gap" not in [e.kind for e in events]
    whole_again(folder, history.saved)


def test_stale_snapshot_restored(history, tmp_path):
    folder = copy(history, tmp_path)
    shutil.copyfile(folder / BACKUP, folder / SNAPSHOT)
    state, events = opened(folder)
    assert state == history.saved
    assert [e.kind for e in events] == ["stale", "restored"]
    whole_again(folder, history.saved)


@pytest.mark.parametrize("name", [SNAPSHOT, BACKUP, JOURNAL, JOURNAL_BACKUP])
def test_one_byte_flipped_in_each_file(history, tmp_path, name):
    rng = random.Random(name)
    size = (history.folder / name).stat().st_size
    for trial in range(FLIPS_PER_FILE):
        folder = copy(history, tmp_path, f"flip-{trial}")
        raw = bytearray((folder / name).read_bytes())
        position = rng.randrange(size)
        raw[position] ^= 1 << rng.randrange(8)
        (folder / name).write_bytes(bytes(raw))
        state, events = opened(folder)
        kinds = [e.kind for e in events]
        where = (name, position)
        assert "gap" not in kinds and "nothing_valid" not in kinds, where
        [moved] = [e for e in events if e.kind == "moved_aside"]
        assert moved.path.name.startswith(name + ".corrupt-"), where
        assert moved.path.read_bytes() == bytes(raw), where  # set aside unchanged
        if name != JOURNAL:
            assert state == history.saved, where  # the other copies hold it all
        else:
            # The changed line is lost (there is no second copy of the newest lines), and
            # said: only sessions saved since the last compaction, one per damaged line.
            lost = set(history.saved) - set(state)
            assert lost <= history.only_in_journal, where
            assert len(lost) <= 2 * moved.counts["bad_lines"], where
            assert {k: v for k, v in history.saved.items() if k not in lost} == state, where
        whole_again(folder, state)
        shutil.rmtree(folder)


class Crash(BaseException):
    """A power cut at one point of the repair (BaseException: nothing may catch it)."""


@pytest.mark.parametrize("damaged", [(), (SNAPSHOT, JOURNAL), (BACKUP, JOURNAL_BACKUP)],
                         ids=["compaction", "snapshot+journal", "backups"])
def test_a_crash_at_any_step_of_a_repair_loses_nothing(history, tmp_path, monkeypatch,
                                                       damaged):
    """The repair writes, renames and syncs in an order such that stopping after any one
    of its steps leaves files from which the next open rebuilds everything."""
    import os

    calls = {"n": 0, "crash_at": None}
    real = {name: getattr(os, name) for name in ("replace", "rename", "fsync", "link")}

    def step(name):
        def patched(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == calls["crash_at"]:
                raise Crash
            return real[name](*args, **kwargs)

        return patched

    for name in real:
        monkeypatch.setattr(os, name, step(name))
    expected = history.saved
    for crash_at in range(1, 40):
        folder = copy(history, tmp_path, f"crash-{crash_at}")
        for name in damaged:  # damaged: the repair has files to set aside
            raw = (folder / name).read_bytes()
            (folder / name).write_bytes(raw[:-7] if name.endswith("journal") else b"\0" + raw)
        lost_line = JOURNAL in damaged  # the journal's last line, cut short
        calls.update(n=0, crash_at=crash_at)
        try:
            SessionStore.open(folder).close()
        except Crash:
            pass
        else:
            break  # no step left to crash at
        finally:
            calls["crash_at"] = None
        state, events = opened(folder)
        assert "gap" not in [e.kind for e in events], crash_at
        assert set(expected) - set(state) <= (history.only_in_journal if lost_line else set())
        assert len(set(expected) - set(state)) <= (1 if lost_line else 0), crash_at
        whole_again(folder, state)
    else:
        pytest.fail("the repair never finished")
    assert crash_at > 5
