"""Issue 10, point 11 (the data folder): data files are opened without following symbolic
links, so a link planted in the data folder never makes the app write elsewhere; the data
folder and the app's exports folder are private (0700)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ccfacil.storage.filelock import LOCK_NAME
from ccfacil.storage.journal import JOURNAL, SNAPSHOT
from ccfacil.storage.store import SessionStore
from tests.store_helpers import record


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("existing", [False, True], ids=["new-device", "sessions-saved"])
def test_dangling_link_in_place_of_the_journal_is_never_written_through(
        hermetic, outside, existing):
    folder = hermetic
    folder.mkdir(parents=True)
    if existing:
        with SessionStore.open(folder) as store:
            store.save(record("before"))
        (folder / JOURNAL).unlink()
    (folder / JOURNAL).symlink_to(outside / "stolen.journal")
    with SessionStore.open(folder) as store:
        [event] = [e for e in store.recovery if e.path.name.startswith(JOURNAL + ".corrupt-")]
        assert "symbolic link" in event.detail
        store.save(record("secret"))
    assert list(outside.iterdir()) == []
    assert not (folder / JOURNAL).is_symlink()
    [aside] = folder.glob(JOURNAL + ".corrupt-*")
    assert aside.is_symlink()  # the link itself kept aside, its target never created
    with SessionStore.open(folder) as store:
        assert sorted(r.notes for r in store.list()) == (["before", "secret"] if existing
                                                         else ["secret"])


def test_link_planted_as_a_temporary_file_is_not_written_through(hermetic, outside):
    folder = hermetic
    precious = outside / "precious.txt"
    precious.write_text("keep me")
    store = SessionStore.open(folder)
    store.save(record("a"))
    for name in (SNAPSHOT + ".tmp", SNAPSHOT + ".bak.tmp"):
        (folder / name).symlink_to(precious)
    store.close()  # compacts: writes sessions.json.tmp, links the backup
    assert precious.read_text() == "keep me"
    with SessionStore.open(folder) as store:
        assert [r.notes for r in store.list()] == ["a"] and store.recovery == []


def test_snapshot_that_is_a_link_is_set_aside_and_its_target_left_alone(hermetic, outside):
    folder = hermetic
    with SessionStore.open(folder) as store:
        store.save(record("a"))
    with SessionStore.open(folder) as store:
        store.save(record("b"))
    target = outside / "elsewhere.json"
    (folder / SNAPSHOT).rename(target)
    (folder / SNAPSHOT).symlink_to(target)
    before = target.read_bytes()
    with SessionStore.open(folder) as store:
        assert sorted(r.notes for r in store.list()) == ["a", "b"]
        moved = store.recovery[0]
    assert moved.kind == "moved_aside" and "symbolic link" in moved.detail
    assert target.read_bytes() == before and not (folder / SNAPSHOT).is_symlink()


def test_lock_file_that_is_a_link_is_not_followed(hermetic, outside):
    folder = hermetic
    folder.mkdir(parents=True)
    (folder / LOCK_NAME).symlink_to(outside / "lock")
    with SessionStore.open(folder) as store:
        store.save(record("a"))
    assert list(outside.iterdir()) == []
    assert not (folder / LOCK_NAME).is_symlink()


def test_an_existing_data_folder_is_made_private(hermetic):
    hermetic.mkdir(mode=0o755, parents=True)
    hermetic.chmod(0o755)
    with SessionStore.open(hermetic):
        pass
    assert mode(hermetic) == 0o700


def test_a_shared_folder_is_left_shared(tmp_path):
    """A data folder someone pointed at a shared place (sticky, as /tmp) is not changed."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    with SessionStore.open(shared):
        pass
    assert mode(shared) == 0o1777
