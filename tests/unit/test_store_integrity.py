"""Issue 10, point 3: the snapshot carries a checksum; a changed byte is damage, said and
recovered from the other copies.  Old snapshots without a checksum still load."""

from __future__ import annotations

import json
import random
import zlib

import pytest

from ccfacil.storage import datafiles as recovery
from ccfacil.storage.journal import BACKUP, JOURNAL, JOURNAL_BACKUP, SNAPSHOT
from ccfacil.storage.store import SessionStore
from tests.store_helpers import record, save


def test_one_changed_digit_in_the_snapshot_is_caught(hermetic):
    """The issue's case: ``"participants":5`` becomes ``7`` in sessions.json."""
    folder = hermetic
    saved = [record(f"s{i}") for i in range(3)]
    save(folder, *saved)
    raw = (folder / SNAPSHOT).read_bytes()
    assert raw.count(b'"participants":5') == 3
    changed = raw.replace(b'"participants":5', b'"participants":7', 1)
    (folder / SNAPSHOT).write_bytes(changed)
    with SessionStore.open(folder) as store:
        assert {r.participants for r in store.list()} == {5}
        assert len(store.list()) == 3
        moved = store.recovery[0]
    assert moved.kind == "moved_aside" and "checksum" in moved.detail
    assert moved.path.read_bytes() == changed  # set aside, unchanged


def test_every_single_byte_change_is_caught_or_harmless():
    """Each byte of a snapshot changed in turn (a random bit): it fails the check, or it
    reads exactly as before (never a silent change of a stored session)."""
    tables = {"sessions": {str(i): record(f"note {i} é ∑").to_dict() for i in range(1, 4)}}
    raw = recovery.encode_snapshot(7, 42, tables)
    assert recovery.parse_snapshot(raw) == (tables, 7, 42)
    rng = random.Random(10)
    for position in range(len(raw)):
        flipped = bytearray(raw)
        flipped[position] ^= 1 << rng.randrange(8)
        try:
            found = recovery.parse_snapshot(bytes(flipped))
        except ValueError:
            continue
        assert found == (tables, 7, 42), position


def test_the_snapshot_is_still_json_with_its_checksum_first(hermetic):
    folder = hermetic
    save(folder, record("a"))
    raw = (folder / SNAPSHOT).read_bytes()
    head, _, body = raw.partition(b"\n")
    data = json.loads(raw)
    assert data["format"] == 2 and data["gen"] == 1 and data["n"] == 1
    assert int(data["crc32"], 16) == zlib.crc32(raw[raw.index(b'"gen"'):])
    assert head.startswith(b'{"format":2,"crc32":"')


def test_old_snapshots_without_a_checksum_still_load_and_are_upgraded(hermetic):
    """Format 1 (before issue 10): no checksum, lines without change numbers."""
    folder = hermetic
    folder.mkdir(parents=True)
    one, two = record("old one"), record("old two")
    old = {"format": 1, "gen": 3, "tables": {"sessions": {"1": one.to_dict()}}}
    (folder / SNAPSHOT).write_text(json.dumps(old, separators=(",", ":")))
    payload = json.dumps({"gen": 3, "set": {"sessions": {"2": two.to_dict()}}},
                         separators=(",", ":")).encode()
    (folder / JOURNAL).write_bytes(b"%08x %s\n" % (zlib.crc32(payload), payload))
    with SessionStore.open(folder) as store:
        assert store.recovery == []
        assert sorted(r.notes for r in store.list()) == ["old one", "old two"]
    data = json.loads((folder / SNAPSHOT).read_bytes())
    assert data["format"] == 2 and data["gen"] == 4
    assert json.loads((folder / BACKUP).read_bytes())["format"] == 1  # kept as it was
    with SessionStore.open(folder) as store:
        store.save(record("new"))
    with SessionStore.open(folder) as store:
        assert store.recovery == [] and len(store.list()) == 3


@pytest.mark.parametrize("name", [BACKUP, JOURNAL_BACKUP])
def test_damaged_backups_are_caught_while_the_snapshot_is_still_good(hermetic, name):
    """A changed byte in a backup is found at open, not on the day it is needed."""
    folder = hermetic
    save(folder, record("a"))
    save(folder, record("b"))
    raw = bytearray((folder / name).read_bytes())
    raw[len(raw) // 2] ^= 0x04
    (folder / name).write_bytes(bytes(raw))
    with SessionStore.open(folder) as store:
        assert sorted(r.notes for r in store.list()) == ["a", "b"]
        [moved] = [e for e in store.recovery if e.kind == "moved_aside"]
    assert moved.path.name.startswith(name + ".corrupt-")
    (folder / SNAPSHOT).write_bytes(b"\0")  # and the second way back works again
    with SessionStore.open(folder) as store:
        assert sorted(r.notes for r in store.list()) == ["a", "b"]


def test_a_journal_backup_is_checked_line_by_line_without_parsing_its_lines(monkeypatch):
    """After a merge the journal backup's one line holds every session merged: its
    checksum is checked, its numbers read from its start, its JSON never parsed."""
    loads = json.loads

    def small_only(text, *args, **kwargs):
        assert len(text) < 1_000_000, "a whole journal line parsed"
        return loads(text, *args, **kwargs)

    monkeypatch.setattr(recovery.json, "loads", small_only)

    def line(payload: bytes) -> bytes:
        return b"%08x %s\n" % (zlib.crc32(payload), payload)

    big = b'{"gen":3,"n":41,"set":{"sessions":{"1":' + b'{"x":"' + b"y" * 5_000_000 + b'"}}}}'
    raw = line(b'{"gen":3,"n":40,"del":{"sessions":["2"]}}') + line(big)
    last = recovery.checked_journal(raw)
    assert (last.gen, last.n) == (3, 41)
    assert recovery.checked_journal(raw[:-1]) is not False  # no newline at the end: whole
    broken = raw[:100] + b"z" + raw[101:]
    assert recovery.checked_journal(broken) is False
    assert recovery.checked_journal(b"") is None and recovery.checked_journal(b"\n\n") is None
    old = line(b'{"gen":2,"set":{"sessions":{}}}')  # format 1: read the old way
    found = recovery.checked_journal(old)
    assert (found.gen, found.n) == (2, None)
    assert recovery.checked_journal(line(b'{"gen":2,"n":"x"}')) is False
