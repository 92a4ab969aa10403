"""Saver: unsaved records wait in memory, the latest version wins, failures are retried."""

from __future__ import annotations

import threading

import pytest

from ccfacil.storage.saver import Saver
from ccfacil.sessions.session import SessionRecord
from ccfacil.storage.store import SaveError, SessionStore


class FlakyStore:
    """A store whose disk can be made to refuse writes, or to pause inside one."""

    def __init__(self):
        self.saved: dict[str, str] = {}
        self.refuse = False
        self.pause: threading.Event | None = None
        self.entered = threading.Event()

    def save(self, record: SessionRecord) -> None:
        self.entered.set()
        if self.pause is not None:
            assert self.pause.wait(5)
        if self.refuse:
            raise SaveError("session notes not saved in /data: No space left on device")
        self.saved[record.id] = record.notes


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def record(notes: str = "", **fields) -> SessionRecord:
    return SessionRecord("KATI", "courage", "fr", 9, notes=notes, **fields)


def test_latest_version_of_each_record_wins():
    store = FlakyStore()
    saver = Saver(store)
    first, other = record("one"), record("other")
    saver.submit(first)
    first.notes = "two"
    saver.submit(first)
    saver.submit(other)
    assert saver.pending == 2 and saver.due()
    outcome = saver.flush()
    assert sorted(outcome.saved) == sorted([first.id, other.id]) and outcome.pending == 0
    assert store.saved == {first.id: "two", other.id: "other"}
    assert saver.flush().saved == [] and not saver.due()


def test_submit_takes_a_copy():
    store = FlakyStore()
    saver = Saver(store)
    live = record("as submitted")
    saver.submit(live)
    live.notes = "changed later, not submitted"
    saver.flush()
    assert store.saved[live.id] == "as submitted"


def test_failure_keeps_everything_and_retries_when_due():
    store, clock = FlakyStore(), Clock()
    saver = Saver(store, clock=clock, retry_seconds=5.0)
    saver.submit(record("a"))
    saver.submit(record("b"))
    store.refuse = True
    outcome = saver.flush()
    assert outcome.saved == [] and outcome.pending == 2 and not outcome.ok
    assert outcome.error == saver.last_error and "No space left" in outcome.error
    assert not saver.due()
    clock.now += 4.9
    assert not saver.due()
    clock.now += 0.1
    assert saver.due()
    store.refuse = False
    outcome = saver.flush()
    assert len(outcome.saved) == 2 and outcome.pending == 0 and outcome.ok
    assert saver.last_error is None and not saver.due()


def test_a_newer_version_submitted_during_a_flush_stays_pending():
    store = FlakyStore()
    saver = Saver(store)
    live = record("v1")
    saver.submit(live)
    store.pause = threading.Event()
    worker = threading.Thread(target=saver.flush)
    worker.start()
    assert store.entered.wait(5)
    live.notes = "v2"
    saver.submit(live)  # does not wait for the flush's I/O
    assert saver.pending == 1
    store.pause.set()
    worker.join(5)
    assert store.saved[live.id] == "v1" and saver.pending == 1
    store.pause = None
    assert saver.flush().saved == [live.id]
    assert store.saved[live.id] == "v2" and saver.pending == 0


def test_other_errors_are_not_swallowed():
    class Broken:
        def save(self, record):
            raise RuntimeError("bug")

    saver = Saver(Broken())
    saver.submit(record())
    with pytest.raises(RuntimeError):
        saver.flush()
    assert saver.pending == 1


def test_many_threads_submitting_and_flushing(tmp_path):
    with SessionStore.open(tmp_path / "data") as store:
        saver = Saver(store)
        records = [record(id=f"session-{n}") for n in range(8)]

        def typist(one: SessionRecord) -> None:
            for version in range(30):
                one.notes = str(version)
                saver.submit(one)
                if version % 7 == 0:
                    saver.flush()

        threads = [threading.Thread(target=typist, args=(r,)) for r in records]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        saver.flush()
        assert saver.pending == 0
        assert {r.id: r.notes for r in store.list()} == {r.id: "29" for r in records}
