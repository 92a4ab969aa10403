"""SessionStore's API, run on TinyDB's MemoryStorage and on our journal storage alike."""

from __future__ import annotations

import datetime as dt

import pytest

from ccfacil.errors import CcfacilError
from ccfacil.session import ActionItem, ActionStatus, CardRecord, SessionRecord
from ccfacil.store import SessionStore

T0 = dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=0)))


def make(site="KATI", day=0, cards=(), ended=True, **fields) -> SessionRecord:
    started = T0 + dt.timedelta(days=day) if day is not None else None
    record = SessionRecord(site=site, deck="courage", lang="fr", participants=9,
                           started_at=started, **fields)
    if started and ended:
        record.ended_at = started + dt.timedelta(hours=1)
    record.cards = [CardRecord(card_id, "self", seconds=120) for card_id in cards]
    return record


@pytest.fixture(params=["memory", "journal"])
def store(request, tmp_path):
    if request.param == "memory":
        store = SessionStore.in_memory()
    else:
        store = SessionStore.open(tmp_path / "data")
    yield store
    store.close()


def test_save_then_get_round_trips(store):
    record = make(cards=["self-01", "family-02"], notes="calme")
    record.checkin.add(4)
    record.actions.append(ActionItem("ask for a rest room", role="head midwife"))
    store.save(record)
    assert store.get(record.id) == record


def test_save_replaces_by_id(store):
    record = make(notes="first")
    store.save(record)
    record.notes = "second"
    record.cards.append(CardRecord("self-03", "self"))
    store.save(record)
    assert [r.notes for r in store.list()] == ["second"]
    assert store.get(record.id).cards[-1].card_id == "self-03"


def test_a_field_removed_is_removed(store):
    record = make(facilitator="F07")
    store.save(record)
    record.facilitator = ""
    store.save(record)
    assert store.get(record.id).facilitator == ""


def test_get_by_prefix(store):
    a = make(id="abcdef12-0000")
    b = make(id="abcdef34-0000")
    store.save(a)
    store.save(b)
    assert store.get("abcdef1").id == a.id
    assert store.get("  abcdef34-0000 ").id == b.id
    assert store.get("abcde") is None  # too short to be a prefix
    assert store.get("zzzzzzzz") is None
    with pytest.raises(CcfacilError, match="matches 2 sessions"):
        store.get("abcdef")


def test_list_oldest_first_never_started_last_site_ignores_case(store):
    late, early, unstarted = make(day=5), make(site="kati", day=1), make(day=None)
    other = make(site="BAMAKO", day=3)
    for record in (unstarted, late, other, early):
        store.save(record)
    assert [r.id for r in store.list("Kati")] == [early.id, late.id, unstarted.id]
    assert [r.id for r in store.list()] == [early.id, other.id, late.id, unstarted.id]
    assert store.list("nowhere") == []


def test_delete(store):
    record = make()
    store.save(record)
    assert store.delete(record.id[:8]) is True
    assert store.get(record.id) is None and store.list() == []
    assert store.delete(record.id) is False


def test_recent_card_ids_last_sessions_of_the_site(store):
    store.save(make(day=0, cards=["a"]))
    store.save(make(day=1, cards=["b"]))
    store.save(make(day=2, cards=["c", "d"]))
    store.save(make(day=3, cards=["e"]))
    store.save(make(site="BAMAKO", day=4, cards=["x"]))
    store.save(make(day=None))  # planned, not started: no cards, does not count
    assert store.recent_card_ids("kati") == {"b", "c", "d", "e"}
    assert store.recent_card_ids("KATI", sessions=1) == {"e"}
    assert store.recent_card_ids("KATI", sessions=0) == set()
    assert store.recent_card_ids("nowhere") == set()


def test_open_actions_of_the_last_session(store):
    older = make(day=0)
    older.actions = [ActionItem("old thing")]
    last = make(day=1)
    last.actions = [ActionItem("water in the rest room", role="matron"),
                    ActionItem("done already", status=ActionStatus.DONE),
                    ActionItem("carried", status=ActionStatus.CARRIED)]
    running = make(day=2, ended=False)
    running.actions = [ActionItem("not finished yet")]
    for record in (older, last, running, make(site="BAMAKO", day=3)):
        store.save(record)
    found = store.open_actions("kati", exclude=running.id)
    assert [(r.id, a.what) for r, a in found] == [(last.id, "water in the rest room")]
    # A session cut short (no end: a power cut) still hands its items on.
    found = store.open_actions("kati")
    assert [(r.id, a.what) for r, a in found] == [(running.id, "not finished yet")]
    assert store.open_actions("nowhere") == []


def test_records_returned_are_copies(store):
    record = make(cards=["a"])
    store.save(record)
    got = store.get(record.id)
    got.cards.append(CardRecord("b", "self"))
    got.checkin.add(3)
    assert store.get(record.id) == record


def test_unreadable_documents_are_kept_and_counted(store):
    good = make()
    store.save(good)
    store._table.insert({"id": "future-1", "schema": 99, "site": "KATI"})
    store._table.insert({"nothing": "here"})
    store = SessionStore(store._db)  # as when opened again
    assert store.unreadable() == 2
    assert [r.id for r in store.list()] == [good.id]
    with pytest.raises(CcfacilError, match="cannot be read"):
        store.get("future-1")
    assert len(store._table) == 3


def test_unreadable_documents_survive_reopening(tmp_path):
    folder = tmp_path / "data"
    with SessionStore.open(folder) as store:
        store.save(make())
        store._table.insert({"id": "future-1", "schema": 99})
    with SessionStore.open(folder) as store:
        assert store.unreadable() == 1 and len(store.list()) == 1
        assert store._table.get(doc_id=2) == {"id": "future-1", "schema": 99}


def test_everything_survives_reopening(tmp_path):
    folder = tmp_path / "data"
    records = [make(day=day, cards=[f"c{day}"]) for day in range(5)]
    with SessionStore.open(folder) as store:
        for record in records:
            store.save(record)
        store.delete(records[1].id)
        records[2].notes = "changed"
        store.save(records[2])
    with SessionStore.open(folder) as store:
        assert store.recovery == []
        assert store.list() == [records[0], *records[2:]]


@pytest.mark.parametrize("kind", ["memory", "journal"])
def test_save_many_is_one_write_and_upserts(kind, tmp_path):
    store = SessionStore.in_memory() if kind == "memory" else SessionStore.open(tmp_path / "d")
    first = SessionRecord(site="A", deck="courage", lang="fr", participants=5)
    store.save(first)
    first.notes = "changed"
    batch = [first] + [SessionRecord(site="A", deck="courage", lang="fr", participants=n)
                       for n in range(2, 6)]
    store.save_many(batch + [batch[1]])  # a repeat in the batch is one record
    assert len(store.list("A")) == 5
    assert store.get(first.id).notes == "changed"
    store.close()
    if kind == "journal":
        with SessionStore.open(tmp_path / "d") as again:
            assert {r.id for r in again.list()} == {r.id for r in batch}


def test_recent_card_ids_pass_over_empty_sessions_and_conflict_copies(store):
    store.save(make(day=0, cards=["a"]))
    store.save(make(day=1, cards=[]))  # started and left: not one of the last sessions
    copy = make(day=2, cards=["z"])
    copy.conflict_of = "elsewhere"
    store.save(copy)
    assert store.recent_card_ids("KATI", sessions=1) == {"a"}
