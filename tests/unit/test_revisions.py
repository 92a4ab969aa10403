"""Schema 2: the state rules, people present, revision ids and when a change makes one,
the follow-up links, and the migration of schema-1 records."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ccfacil.export import merge
from ccfacil.sessions import followup, revisions
from ccfacil.sessions.runner import Phase
from ccfacil.sessions.session import (
    UNKNOWN_ORIGIN,
    ActionItem,
    ActionStatus,
    SchemaError,
    SessionRecord,
    SessionState,
)
from ccfacil.sessions.turns import FakeClock
from ccfacil.storage.repository import open_actions
from ccfacil.storage.store import SessionStore
from tests.golden import records
from tests.unit.test_runner import WALL, make_run

V1 = Path(__file__).resolve().parent.parent / "golden" / "v1"


# -- state ----------------------------------------------------------------------------------

def test_a_session_is_in_progress_until_it_ends_held_or_not():
    run = make_run()
    assert run.record.state is SessionState.IN_PROGRESS and run.record.is_empty
    assert not run.record.counts_as_held
    run.close()
    run.finish()
    assert run.record.state is SessionState.NOT_HELD  # started and left with nothing

    for move in ("card", "checkin", "checkout"):
        run = make_run()
        if move == "card":
            run.next()
        elif move == "checkin":
            run.add_mood(3)
        else:
            run.close()
            run.add_mood(2)
        assert run.record.counts_as_held  # cut short now, it would count
        run.finish()
        assert run.record.state is SessionState.HELD, move


def test_notes_or_actions_alone_do_not_make_a_session_held_but_make_it_not_empty():
    run = make_run()
    run.record.actions.append(ActionItem("soap"))
    assert not run.record.is_empty and not run.record.has_content
    run.finish()
    assert run.record.state is SessionState.NOT_HELD
    interrupted = records.kati_march()
    interrupted.state = SessionState.IN_PROGRESS  # a power cut: it was held all the same
    assert interrupted.counts_as_held


# -- people present -------------------------------------------------------------------------

def test_people_present_corrections_keep_air_time_and_limit_moods():
    clock = FakeClock()
    run = make_run(clock, participants=4)
    run.turn.toggle()
    clock.advance(10)
    assert run.set_present(6) and not run.set_present(6)
    run.turn.next_speaker()
    clock.advance(5)
    assert run.set_present(2)
    assert run.turn.seat == 2 and run.turn.seats == 2
    run.turn.next_speaker()
    assert run.turn.seat == 1
    assert run.turn.airtime == {1: 10.0, 2: 5.0}
    assert [a.participants for a in run.record.attendance] == [6, 2]
    assert (run.record.participants, run.record.seats) == (2, 6)
    assert run.add_mood(3) and run.add_mood(4) and not run.add_mood(5)
    for bad in (0, 21):
        with pytest.raises(Exception):
            run.set_present(bad)


# -- revisions --------------------------------------------------------------------------------

def test_revision_ids_and_history():
    record = records.kati_march()
    n, h = revisions.parse(record.rev)
    assert n == 1 and record.revisions == [h] and len(h) == 32
    assert revisions.digest(record.content()) == h
    assert not revisions.revise(record)  # nothing changed: no revision
    record.participants = 7
    assert revisions.revise(record)
    assert record.rev.startswith("2-") and record.revisions[1] == h
    assert revisions.history(record) == [record.rev, f"1-{h}"]
    assert revisions.supersedes(record, f"1-{h}") and not revisions.supersedes(
        record, f"2-{h}")
    record.participants = 8
    assert revisions.revise(record, amend=True)
    assert record.rev.startswith("2-") and len(record.revisions) == 2
    for bad in ("", "0-" + h, "1-" + h.upper(), "x-" + h, "1-abc"):
        with pytest.raises(ValueError):
            revisions.parse(bad)


def test_equal_content_gives_equal_revisions_on_two_devices():
    one, two = records.kati_march(), records.kati_march()
    for record in (one, two):
        record.actions[0].status = ActionStatus.DONE
        revisions.revise(record)
    assert one.rev == two.rev
    moved = SessionRecord.from_dict({**one.to_dict(), "id": "elsewhere",
                                     "conflict_of": one.id})
    assert moved.rev == one.rev and revisions.holds(moved)  # where it is stored is not hashed


def test_a_revision_id_names_one_history():
    """The same change to the same revision: one id on every device; the same content
    reached by two paths: two ids (CouchDB hashes the parent's id in too)."""
    first = records.kati_march()

    def changed(record, **changes):
        copy = SessionRecord.from_dict(record.to_dict())
        for name, value in changes.items():
            setattr(copy, name, value)
        assert revisions.revise(copy)
        return copy

    assert changed(first, participants=5).rev == changed(first, participants=5).rev
    one = changed(changed(first, participants=5), notes="tendu")
    two = changed(changed(first, notes="tendu"), participants=5)
    assert one.content() == two.content()
    assert one.rev != two.rev and revisions.holds(one) and revisions.holds(two)
    assert not revisions.supersedes(one, revisions.history(two)[1])
    # amending the head keeps its parent: still one id per history
    amended = changed(first, participants=5)
    amended.participants = 6
    assert revisions.revise(amended, amend=True)
    assert amended.rev == changed(first, participants=6).rev


def test_revisions_hashed_before_the_parent_rule_stay_as_they_are():
    """A record saved by an earlier ccfacil: its revision 2 hashed its content alone.  It
    is what its revision says: saving it again, merging it again or next to itself
    changes nothing; its next change descends from it."""
    old = records.kati_march()
    first = old.rev
    old.participants = 7
    h = revisions.digest(old.content())
    old.rev, old.revisions = f"2-{h}", [h, *old.revisions]
    old = SessionRecord.from_dict(old.to_dict())
    assert revisions.holds(old) and not revisions.revise(old)
    assert not revisions.revise(old, amend=True)
    store = SessionStore.in_memory()
    store.save(old)
    for notes in (True, False):
        plan = merge.merge(store, [SessionRecord.from_dict(old.to_dict())],
                           notes_included=notes)
        assert plan.counts[merge.Outcome.SAME] == 1 and not plan.to_save
    older = records.kati_march()
    assert older.rev == first and merge.merge(store, [older]).counts[merge.Outcome.OLDER] == 1
    old.notes = "plus tard"
    assert revisions.revise(old) and revisions.supersedes(old, f"2-{h}")
    assert merge.merge(store, [old]).counts[merge.Outcome.UPDATED] == 1
    assert [r.rev for r in store.list()] == [old.rev]


def test_a_running_session_amends_its_head_until_shared_or_finished():
    clock = FakeClock()
    run = make_run(clock)
    run.next()
    revs = []
    for _ in range(50):  # autosaves every few seconds
        clock.advance(5)
        revs.append(run.snapshot().rev)
    assert len(set(revs)) == 50 and all(r.startswith("1-") for r in revs)
    shared = run.share()
    assert shared.rev == run.record.rev
    clock.advance(5)
    after = run.snapshot()
    assert after.rev.startswith("2-") and revisions.supersedes(after, shared.rev)
    clock.advance(5)
    assert run.snapshot().rev.startswith("2-")  # the new head is amended again
    run.finish()
    sealed = run.record.rev
    assert sealed.startswith("2-") and run.phase is Phase.DONE
    assert run.snapshot().rev == sealed  # nothing changed since
    run.record.notes = "later"
    assert run.snapshot().rev.startswith("3-")
    run.record.notes = "later still"
    assert run.snapshot().rev.startswith("4-")  # once ended, every change is kept


def test_record_fields_of_schema_2_are_checked():
    good = records.kati_march().to_dict()
    bad_values = {"state": "done", "seats": 0, "participants": True, "origin": "xyz",
                  "rev": "1-zz", "revisions": ["0" * 32], "conflict_of": 5,
                  "discarded": ["nope"], "attendance": [{"at": None, "participants": 3}]}
    for name, value in bad_values.items():
        with pytest.raises(SchemaError) as caught:
            SessionRecord.from_dict({**good, name: value})
        assert "\n" not in str(caught.value), name
    action = {**good["actions"][0], "carried_from": ""}
    with pytest.raises(SchemaError):
        SessionRecord.from_dict({**good, "actions": [action]})
    assert SessionRecord.from_dict(good) == records.kati_march()


# -- migration of schema-1 records ------------------------------------------------------------

def v1_records() -> list[dict]:
    return json.loads((V1 / "data" / "sessions.json").read_text(encoding="utf-8"))[
        "tables"]["sessions"].values()


def test_schema_1_records_migrate():
    found = {data["id"][:8]: SessionRecord.from_dict(copy.deepcopy(data))
             for data in v1_records()}
    assert found["11111111"].state is SessionState.HELD
    assert found["55555555"].state is SessionState.NOT_HELD  # planned, never started
    for record in found.values():
        assert record.schema == 2 and record.origin == UNKNOWN_ORIGIN
        assert record.seats == record.participants and record.attendance == []
        assert record.rev.startswith("1-") and record.conflict_of is None
        assert all(a.carried_from is None for a in record.actions)
    # the same schema-1 record with or without its notes: the same revision
    data = next(d for d in v1_records() if d["id"].startswith("1111"))
    private = {**data, "notes": "", "cards": [{**c, "note": ""} for c in data["cards"]]}
    assert SessionRecord.from_dict(private).rev == found["11111111"].rev
    # an old session without a card but with a mood counted was held
    only_moods = {**data, "cards": [], "checkout": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}}
    assert SessionRecord.from_dict(only_moods).state is SessionState.HELD


# -- the follow-up ------------------------------------------------------------------------------

def test_follow_up_links_carried_items_and_revises_what_changed():
    last, other = records.kati_march(), records.kati_late_march()
    other.actions[0].status = ActionStatus.OPEN
    revisions.revise(other)
    before = last.rev
    run = make_run()
    review = [(last, last.actions[0]), (other, other.actions[0])]  # both open
    assert followup.apply(review, run.record) == []  # left as they were: nothing
    last.actions[0].status = ActionStatus.CARRIED
    changed = followup.apply(review, run.record)
    assert changed == [last] and last.rev.startswith("2-")
    assert revisions.supersedes(last, before)
    [carried] = run.record.actions
    assert (carried.carried_from, carried.from_session, carried.what) == (
        last.actions[0].id, last.id, last.actions[0].what)
    followup.apply(review, run.record)  # applied twice: still one item carried
    assert len(run.record.actions) == 1


def test_the_follow_up_skips_empty_sessions_and_conflict_copies():
    store = SessionStore.in_memory()
    held = records.kati_march()
    empty = SessionRecord(site="KATI", deck="courage", lang="fr", participants=9,
                          started_at=WALL.replace(month=3, day=20))
    copy_ = SessionRecord.from_dict({**held.to_dict(), "id": "copy-1",
                                     "conflict_of": held.id,
                                     "started_at": "2026-03-25T09:00:00+00:00"})
    for record in (held, empty, copy_):
        store.save(record)
    found = open_actions(store, "KATI")
    assert [(r.id, a.what) for r, a in found] == [(held.id, held.actions[0].what)]
