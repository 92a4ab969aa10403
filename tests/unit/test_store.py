"""The session repository's contract, run on each implementation: in memory (TinyDB's
MemoryStorage) and on disk (the journal storage), as TinyDB's own suite runs its tests on
each storage (the ``place`` and ``repo`` fixtures, tests/conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from ccfacil.errors import CcfacilError
from ccfacil.sessions.session import ActionItem, ActionStatus, CardRecord, SessionRecord
from ccfacil.storage import repository
from ccfacil.storage import store as store_module
from ccfacil.storage.repository import Damaged, open_actions, recent_card_ids, require, unreadable
from ccfacil.storage.store import SessionStore

T0 = dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=0)))


def make(site="KATI", day=0, cards=(), ended=True, **fields) -> SessionRecord:
    started = T0 + dt.timedelta(days=day) if day is not None else None
    record = SessionRecord(site=site, deck="courage", lang="fr", participants=9,
                           started_at=started, **fields)
    if started and ended:
        record.ended_at = started + dt.timedelta(hours=1)
    record.cards = [CardRecord(card_id, "self", seconds=120, airtime={1: 60.5, 3: 59.5})
                    for card_id in cards]
    return record


def test_every_implementation_is_a_session_repository(repo):
    assert isinstance(repo, SessionStore) and isinstance(repo, repository.SessionRepository)
    assert repo.recovery == [] and repo.read_only is False


def test_save_then_get_round_trips(repo):
    record = make(cards=["self-01", "family-02"], notes="calme")
    record.checkin.add(4)
    record.actions.append(ActionItem("ask for a rest room", role="head midwife"))
    repo.save(record)
    assert repo.get(record.id) == record
    assert repo.get(record.id).cards[0].airtime == {1: 60.5, 3: 59.5}


def test_what_was_saved_is_there_when_opened_again(place):
    records = [make(day=day, cards=[f"c{day}"], notes=f"n{day}") for day in range(5)]
    with place.open() as repo:
        repo.save_many(records[:3])
        repo.save(records[3])
        repo.save(records[4])
        repo.delete(records[1].id)
        records[2].notes = "changed"
        repo.save(records[2])
    with place.open() as repo:
        assert repo.recovery == []
        assert repo.list() == [records[0], *records[2:]]
        assert sorted(repo.keys()) == sorted(r.id for r in [records[0], *records[2:]])


def test_save_replaces_by_id(repo):
    record = make(notes="first")
    repo.save(record)
    record.notes = "second"
    record.cards.append(CardRecord("self-03", "self"))
    repo.save(record)
    assert [r.notes for r in repo.list()] == ["second"]
    assert repo.get(record.id).cards[-1].card_id == "self-03"
    assert len(repo.keys()) == 1


def test_a_field_removed_is_removed(repo):
    record = make(facilitator="F07")
    repo.save(record)
    record.facilitator = ""
    repo.save(record)
    assert repo.get(record.id).facilitator == ""


def test_get_by_prefix(repo):
    a = make(id="abcdef12-0000")
    b = make(id="abcdef34-0000")
    repo.save(a)
    repo.save(b)
    assert repo.get("abcdef1").id == a.id
    assert repo.get("  abcdef34-0000 ").id == b.id
    assert repo.get("abcde") is None  # too short to be a prefix
    assert repo.get("zzzzzzzz") is None
    with pytest.raises(CcfacilError, match="matches 2 sessions"):
        repo.get("abcdef")
    with pytest.raises(CcfacilError, match="matches 2 sessions"):
        repo.delete("abcdef")
    assert len(repo.keys()) == 2  # nothing deleted on a guess


def test_require_says_what_is_missing(repo):
    with pytest.raises(CcfacilError, match="give at least 6 characters"):
        require(repo, "abc")
    with pytest.raises(CcfacilError, match="no session abcdefgh$"):
        require(repo, "abcdefgh")


def test_list_oldest_first_never_started_last_site_ignores_case(repo):
    late, early, unstarted = make(day=5), make(site="kati", day=1), make(day=None)
    other = make(site="BAMAKO", day=3)
    for record in (unstarted, late, other, early):
        repo.save(record)
    assert [r.id for r in repo.list("Kati")] == [early.id, late.id, unstarted.id]
    assert [r.id for r in repo.list()] == [early.id, other.id, late.id, unstarted.id]
    assert repo.list("nowhere") == []


def test_delete(repo):
    record = make()
    repo.save(record)
    assert repo.delete(record.id[:8]) is True
    assert repo.get(record.id) is None and repo.list() == [] and repo.keys() == []
    assert repo.delete(record.id) is False


def test_recent_card_ids_last_sessions_of_the_site(repo):
    repo.save(make(day=0, cards=["a"]))
    repo.save(make(day=1, cards=["b"]))
    repo.save(make(day=2, cards=["c", "d"]))
    repo.save(make(day=3, cards=["e"]))
    repo.save(make(site="BAMAKO", day=4, cards=["x"]))
    repo.save(make(day=None))  # planned, not started: no cards, does not count
    assert recent_card_ids(repo, "kati") == {"b", "c", "d", "e"}
    assert recent_card_ids(repo, "KATI", sessions=1) == {"e"}
    assert recent_card_ids(repo, "KATI", sessions=0) == set()
    assert recent_card_ids(repo, "nowhere") == set()


def test_recent_card_ids_pass_over_empty_sessions_and_conflict_copies(repo):
    repo.save(make(day=0, cards=["a"]))
    repo.save(make(day=1, cards=[]))  # started and left: not one of the last sessions
    copy = make(day=2, cards=["z"])
    copy.conflict_of = "elsewhere"
    repo.save(copy)
    assert recent_card_ids(repo, "KATI", sessions=1) == {"a"}


def test_open_actions_of_the_last_session(repo):
    older = make(day=0)
    older.actions = [ActionItem("old thing")]
    last = make(day=1)
    last.actions = [ActionItem("water in the rest room", role="matron"),
                    ActionItem("done already", status=ActionStatus.DONE),
                    ActionItem("carried", status=ActionStatus.CARRIED)]
    running = make(day=2, ended=False)
    running.actions = [ActionItem("not finished yet")]
    for record in (older, last, running, make(site="BAMAKO", day=3)):
        repo.save(record)
    found = open_actions(repo, "kati", exclude=running.id)
    assert [(r.id, a.what) for r, a in found] == [(last.id, "water in the rest room")]
    # A session cut short (no end: a power cut) still hands its items on.
    found = open_actions(repo, "kati")
    assert [(r.id, a.what) for r, a in found] == [(running.id, "not finished yet")]
    assert open_actions(repo, "nowhere") == []


def test_records_returned_are_copies(repo):
    record = make(cards=["a"])
    record.strategies = ["music"]
    repo.save(record)
    got = repo.get(record.id)
    got.cards.append(CardRecord("b", "self"))
    got.cards[0].airtime[2] = 5.0
    got.checkin.add(3)
    got.strategies.append("prayer")
    got.revisions.append("0" * 32)
    assert repo.get(record.id) == record
    listed = repo.list()
    listed[0].themes.append("x")
    assert repo.list() == [record]


def test_unreadable_documents_are_kept_counted_and_deletable(place):
    good = make()
    with place.open() as repo:
        repo.save(good)
    place.plant({"id": "future-1", "schema": 99, "site": "KATI"}, {"nothing": "here"},
                {**good.to_dict(), "id": "  spaced  ", "participants": 0})
    with place.open() as repo:
        assert unreadable(repo) == 3
        assert [r.id for r in repo.list()] == [good.id]
        with pytest.raises(CcfacilError, match="future-1 cannot be read: schema: written by "
                                               "a newer ccfacil"):
            repo.get("future-1")
        assert sorted(repo.keys()) == sorted([good.id, "future-1", "#3", "#4"])
        damaged = repo.damaged()
        assert [d.key for d in damaged] == ["future-1", "#3", "#4"]
        assert damaged[0].site == "KATI" and "missing" in damaged[1].reason
        assert isinstance(repo.find("#3"), Damaged) and repo.find("#9") is None
        assert repo.find(good.id[:8]) == good
    assert place.documents()["2"] == {"id": "future-1", "schema": 99, "site": "KATI"}
    with place.open() as repo:
        assert repo.delete("#3") and repo.delete("future-1") and repo.delete("#4")
        assert unreadable(repo) == 0 and repo.list() == [good]
    with place.open() as repo:
        assert repo.keys() == [good.id]


def test_a_damaged_document_replaced_by_a_save_is_read_again(repo):
    """What is known about a document is forgotten when it is written."""
    record = make()
    repo.save(record)
    assert repo.damaged() == [] and repo.list() == [record]
    record.participants = 0  # no check passes it: stored as it is, damaged when read
    repo.save(record)
    assert repo.list() == [] and [d.key for d in repo.damaged()] == [record.id]
    record.participants = 4
    repo.save(record)
    assert repo.damaged() == [] and repo.list() == [record]


def test_save_many_is_one_write_and_upserts(place):
    first = SessionRecord(site="A", deck="courage", lang="fr", participants=5)
    with place.open() as repo:
        repo.save(first)
        first.notes = "changed"
        batch = [first] + [SessionRecord(site="A", deck="courage", lang="fr", participants=n)
                           for n in range(2, 6)]
        repo.save_many(batch + [batch[1]])  # a repeat in the batch is one record
        repo.save_many([])
        assert len(repo.list("A")) == 5
        assert repo.get(first.id).notes == "changed"
    with place.open() as again:
        assert {r.id for r in again.list()} == {r.id for r in batch}


def test_open_store_is_the_one_way_in(hermetic):
    told = []
    with store_module.open_store(hermetic, write=True, tell=told.append) as repo:
        repo.save(make())
    assert told == []
    (hermetic / "sessions.json").write_bytes(b"\0")
    with store_module.open_store(hermetic, tell=told.append) as repo:
        assert len(repo.list()) == 1
    assert told and "sessions.json was damaged" in told[0]


def test_a_record_whose_id_is_no_key_is_still_replaced_by_id(repo):
    """An id with spaces round it cannot be typed as a key: the document goes by #<n>, and
    saving the record again still replaces it (the checks refuse the id: it is stored as
    it is and shown as damaged)."""
    record = make(id=" spaced ")
    repo.save(record)
    record.notes = "again"
    repo.save(record)
    assert repo.keys() == ["#1"]
    [damaged] = repo.damaged()
    assert damaged.key == "#1" and "spaces" in damaged.reason
    assert repo.delete("#1") and repo.keys() == []
