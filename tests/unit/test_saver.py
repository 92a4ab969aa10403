"""Saver: unsaved records wait in memory, the latest version wins, failures are retried."""

from __future__ import annotations

import threading

import pytest

from ccfacil.sessions.session import SessionRecord
from ccfacil.storage.saver import Saver
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


# -- the save policy: following a running session, by an injected clock and timers ---------

from ccfacil.storage.saver import DEBOUNCE, SaveState  # noqa: E402
from tests.unit.test_runner import make_run  # noqa: E402


class FakeScheduler:
    """The app's timers and worker thread, run when the test says."""

    def __init__(self):
        self.timers: list[tuple[float, object]] = []
        self.jobs: list[tuple[object, object]] = []

    def later(self, delay, callback):
        self.timers.append((delay, callback))

    def in_background(self, work, done):
        self.jobs.append((work, done))

    def fire(self):
        timers, self.timers = self.timers, []
        for _delay, callback in timers:
            callback()

    def finish(self):
        jobs, self.jobs = self.jobs, []
        for work, done in jobs:
            try:
                result = work()
            except Exception:
                done(None)
                raise
            done(result)


class NotesStore(FlakyStore):
    """Keeps each saved record (a copy) too."""

    def __init__(self):
        super().__init__()
        self.records: dict[str, SessionRecord] = {}
        self.writes = 0

    def save(self, record):
        super().save(record)
        self.writes += 1
        self.records[record.id] = record


def policy(store=None, clock=None):
    import datetime as dt

    store = store or NotesStore()
    scheduler, states = FakeScheduler(), []
    saver = Saver(store, clock or Clock(), wall=lambda: dt.datetime(2026, 3, 5, 9, 30),
                  scheduler=scheduler, on_state=states.append)
    return saver, scheduler, store, states


def test_a_change_is_saved_after_the_debounce_with_the_keys_typed_meanwhile():
    saver, scheduler, store, states = policy()
    run = make_run()
    saver.follow(run)  # a new session is saved at once (debounced)
    assert [delay for delay, _cb in scheduler.timers] == [DEBOUNCE]
    for text in ("a", "ab", "abc"):  # keys typed within the debounce: one timer
        run.set_note(text)
    assert len(scheduler.timers) == 1 and states[-1].pending == 1 and not saver.idle
    assert "…" in states[-1].text()
    scheduler.fire()
    assert store.writes == 0 and not saver.idle  # written on the worker, not here
    scheduler.finish()
    assert store.writes == 1 and store.records[run.record.id].notes == "abc"
    assert saver.idle and states[-1] == SaveState(saved_at=states[-1].saved_at)
    assert "09:30:00" in states[-1].text()


def test_nothing_changed_nothing_written_and_no_new_state():
    saver, scheduler, store, states = policy()
    run = make_run()
    saver.follow(run)
    scheduler.fire()
    scheduler.finish()
    told = len(states)
    run.set_note("")  # the same (empty) note again: no change
    saver.follow(run)  # the same session again: nothing new
    assert scheduler.timers == [] and len(states) == told and saver.idle


def test_the_clocks_of_a_running_session_are_saved_on_the_autosave_tick():
    saver, scheduler, store, states = policy()
    run = make_run()
    saver.follow(run)
    scheduler.fire()
    scheduler.finish()
    saver.tick()  # the autosave, with no key pressed
    scheduler.fire()
    scheduler.finish()
    assert store.writes == 2
    run.finish()
    scheduler.fire()
    scheduler.finish()
    saver.tick()  # finished: its clocks stand still, nothing more to write
    assert scheduler.timers == [] and scheduler.jobs == [] and store.writes == 3


def test_a_failed_save_keeps_the_session_and_says_so_until_a_later_one_works():
    saver, scheduler, store, states = policy()
    run = make_run()
    saver.follow(run)
    store.refuse = True
    run.set_note("kept safe")
    scheduler.fire()
    scheduler.finish()
    assert states[-1].error and "No space left" in states[-1].text()
    assert saver.pending == 1 and not saver.idle
    store.refuse = False
    saver.tick()  # the autosave tries again
    scheduler.fire()
    scheduler.finish()
    assert states[-1].error is None and saver.idle
    assert store.records[run.record.id].notes == "kept safe"


def test_with_no_session_a_failed_save_is_retried_after_the_delay():
    clock = Clock()
    saver, scheduler, store, states = policy(clock=clock)
    store.refuse = True
    saver.submit(record("closed as it stands"))
    saver.tick()
    scheduler.finish()
    assert states[-1].error
    saver.tick()
    assert scheduler.jobs == []  # not yet: the disk just said no
    clock.now += 5
    store.refuse = False
    saver.tick()
    scheduler.finish()
    assert saver.idle and states[-1].error is None


def test_the_follow_up_records_are_queued_at_once_and_survive_a_discard():
    saver, scheduler, store, states = policy()
    last = record(actions=[])
    from ccfacil.sessions.session import ActionItem, ActionStatus

    last.actions = [ActionItem("soap", status=ActionStatus.CARRIED)]
    run = make_run()
    saver.follow(run)
    run.carry_over([(last, last.actions[0])])
    assert saver.pending == 1  # the reviewed session, revised, waits already
    saver.discard(run.record.id, lambda _id: None)  # the new session is thrown away
    scheduler.fire()
    scheduler.finish()
    assert list(store.records) == [last.id] and saver.session is None


def test_discarding_the_session_stops_following_it():
    saver, scheduler, store, states = policy()
    run = make_run()
    saver.follow(run)
    deleted = []
    saver.discard(run.record.id, deleted.append)
    run.set_note("after the discard")
    scheduler.fire()
    scheduler.finish()
    assert deleted == [run.record.id] and store.records == {} and saver.idle


def test_flush_now_leaves_the_running_session_pending_if_its_final_copy_fails():
    """Quitting: the session saved as finished, but the disk refuses; answering "go on"
    must leave the *running* session waiting to be saved, not the finished copy."""
    saver, scheduler, store, states = policy()
    run = make_run()
    saver.follow(run)
    run.set_note("still running")
    store.refuse = True
    outcome = saver.flush_now(run.finished_snapshot())
    assert not outcome.ok and saver.pending == 1
    store.refuse = False
    saver.flush()
    kept = store.records[run.record.id]
    assert kept.ended_at is None and kept.resume is not None and kept.notes == "still running"


def test_a_flush_that_raises_keeps_the_session_waiting_to_be_saved():
    class Broken:
        def save(self, record):
            raise RuntimeError("bug")

    saver, scheduler, _store, states = policy(store=Broken())
    saver.follow(make_run())
    scheduler.fire()
    with pytest.raises(RuntimeError):
        scheduler.finish()
    assert saver.pending == 1 and not saver.idle  # still to be saved, and said so


def test_without_a_scheduler_a_change_is_saved_at_once():
    store = NotesStore()
    saver = Saver(lambda: store)  # the store opened on first use
    run = make_run()
    saver.follow(run)
    run.add_mood(3)
    assert store.writes == 2 and saver.idle


def test_a_session_left_within_the_debounce_keeps_its_last_change():
    saver, scheduler, store, states = policy()
    first, second = make_run(), make_run()
    saver.follow(first)
    scheduler.fire()
    scheduler.finish()
    first.set_note("typed just before leaving")
    saver.follow(second)  # within the debounce
    scheduler.fire()
    scheduler.finish()
    assert store.records[first.record.id].notes == "typed just before leaving"
    assert second.record.id in store.records
