"""Issue 10, points 1 and 2: recovery reads every file that may hold data, checks the
generations, and never replaces the last good copy; a gap is said and nothing is compacted.

Each case starts as the issue describes it: a new device saves sessions and closes once,
then a file is damaged, deleted or replaced by an older one, before any other open.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.sessions.session import SessionRecord
from ccfacil.storage.journal import BACKUP, JOURNAL, JOURNAL_BACKUP, SNAPSHOT
from ccfacil.storage.store import SessionStore
from tests.store_helpers import power_cut, record, save


def listed(store: SessionStore) -> dict[str, tuple[str, int]]:
    return {r.id: (r.notes, r.participants) for r in store.list()}


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def run(*args):
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def test_snapshot_damaged_before_the_first_backup_exists(hermetic):
    """Point 1: sessions.json.bak does not exist yet; sessions.journal.bak is the only copy."""
    folder = hermetic
    saved = [record(f"s{i}") for i in range(3)]
    save(folder, *saved)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["ccfacil.lock", JOURNAL, JOURNAL_BACKUP, SNAPSHOT])
    (folder / SNAPSHOT).write_bytes(b"garbage\n")
    result = run("sessions", "list")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3
    assert "no valid copy" not in result.stderr
    assert "sessions.json was damaged" in result.stderr
    assert "restored 3 records" in result.stderr and JOURNAL_BACKUP in result.stderr
    [aside] = folder.glob(SNAPSHOT + ".corrupt-*")
    assert aside.read_bytes() == b"garbage\n"
    with SessionStore.open(folder) as store:
        assert store.recovery == []
        assert listed(store) == {r.id: (r.notes, 5) for r in saved}
    # Two independent copies again: losing the new snapshot loses nothing.
    (folder / SNAPSHOT).unlink()
    with SessionStore.open(folder) as store:
        assert listed(store) == {r.id: (r.notes, 5) for r in saved}


def test_both_snapshots_deleted_on_a_new_device(hermetic):
    """Point 2: before a second close, the journal backup holds every change since gen 0."""
    folder = hermetic
    saved = [record(f"s{i}") for i in range(3)]
    save(folder, *saved)
    (folder / SNAPSHOT).unlink()
    with SessionStore.open(folder) as store:
        assert listed(store) == {r.id: (r.notes, 5) for r in saved}
        kinds = [e.kind for e in store.recovery]
    assert kinds == ["missing", "restored"]
    with SessionStore.open(folder) as store:
        assert store.recovery == [] and len(store.list()) == 3


def two_closes(folder: Path) -> tuple[list[SessionRecord], list[SessionRecord]]:
    """Five sessions, closed; then five more and the first five changed, closed again.

    sessions.json holds all ten as changed, sessions.json.bak the first five as they
    were, sessions.journal.bak the changes that lead from the one to the other.
    """
    first = [record(f"first {i}") for i in range(5)]
    save(folder, *first)
    second = [record(f"second {i}") for i in range(5)]
    for one in first:
        one.participants = 9
    save(folder, *second, *first)
    return first, second


def test_both_snapshots_deleted_is_a_gap_that_keeps_every_file(hermetic):
    folder = hermetic
    first, second = two_closes(folder)
    snapshot = (folder / SNAPSHOT).read_bytes()
    (folder / SNAPSHOT).unlink()
    (folder / BACKUP).unlink()
    before = files(folder)
    late = record("typed during the gap")
    with SessionStore.open(folder) as store:
        # What the journal backup holds is shown; the rest is said to be missing.
        assert set(listed(store)) == {r.id for r in second + first}
        [gap] = [e for e in store.recovery if e.kind == "gap"]
        assert SNAPSHOT in gap.detail and BACKUP in gap.detail
        assert "incomplete" in gap.detail and "kept" in gap.detail
        store.save(late)  # saving goes on, into the journal
    after = files(folder)
    assert {k: v for k, v in after.items() if k != JOURNAL} == {
        k: v for k, v in before.items() if k != JOURNAL}  # nothing compacted or replaced
    assert after[JOURNAL].startswith(before[JOURNAL]) and len(after[JOURNAL]) > len(before[JOURNAL])
    with SessionStore.open(folder) as store:  # said again at every open, until repaired
        assert [e.kind for e in store.recovery].count("gap") == 1
    (folder / SNAPSHOT).write_bytes(snapshot)  # a copy put back
    with SessionStore.open(folder) as store:
        assert not [e for e in store.recovery if e.kind == "gap"]
        assert listed(store) == {**{r.id: (r.notes, 9) for r in first},
                                 **{r.id: (r.notes, 5) for r in second},
                                 late.id: (late.notes, 5)}
    with SessionStore.open(folder) as store:
        assert store.recovery == [] and len(store.list()) == 11


def test_stale_snapshot_put_back_is_caught_and_repaired(hermetic):
    """Point 2: the older sessions.json.bak copied over sessions.json."""
    folder = hermetic
    first, second = two_closes(folder)
    shutil.copyfile(folder / BACKUP, folder / SNAPSHOT)
    result = run("sessions", "list")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 10
    assert "sessions.json is older" in result.stderr
    with SessionStore.open(folder) as store:
        assert store.recovery == []
        assert listed(store) == {**{r.id: (r.notes, 9) for r in first},
                                 **{r.id: (r.notes, 5) for r in second}}


def test_stale_snapshot_without_the_journal_backup_is_a_gap(hermetic):
    """The generations of the journal's lines reveal a snapshot older than they are."""
    folder = hermetic
    first, second = two_closes(folder)
    store = SessionStore.open(folder)
    late = record("after the second close")
    store.save(late)
    power_cut(store.close, folder)  # a power cut: no compaction
    shutil.copyfile(folder / BACKUP, folder / SNAPSHOT)
    (folder / JOURNAL_BACKUP).unlink()
    before = files(folder)
    with SessionStore.open(folder) as store:
        assert set(listed(store)) == {r.id for r in first} | {late.id}
        [gap] = [e for e in store.recovery if e.kind == "gap"]
        assert JOURNAL_BACKUP in gap.detail
    assert files(folder) == before
