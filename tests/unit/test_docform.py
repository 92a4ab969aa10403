"""Issue 11, point 5: the stored form.  A record this version checked is stored marked and
read back without checking again, into exactly what ``from_dict`` makes; anything else
(unmarked, another mark, a document changed by hand) is checked completely."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccfacil.sessions import fieldchecks, revisions, validate
from ccfacil.sessions.session import (
    ActionItem,
    ActionStatus,
    Attendance,
    CardRecord,
    SessionRecord,
    SessionState,
    Tally,
)
from ccfacil.storage import docform
from ccfacil.storage.datafiles import SNAPSHOT, parse_snapshot
from ccfacil.storage.store import SessionStore
from tests.golden import records
from tests.store_helpers import plant, stored_documents

MALI = dt.timezone.utc
T0 = dt.datetime(2026, 3, 5, 9, 0, tzinfo=MALI)


def full() -> SessionRecord:
    """A record with every field away from its default."""
    record = records.kati_march()
    record.seats = 12
    record.attendance = [Attendance(T0 + dt.timedelta(minutes=20), 11)]
    record.origin = "ab" * 16
    record.conflict_of = "0f0f0f0f-0000-4000-8000-000000000000"
    record.actions[0].carried_from = "a0000000-0000-4000-8000-000000000009"
    record.actions[0].from_session = "0e0e0e0e-0000-4000-8000-000000000000"
    record.state = SessionState.IN_PROGRESS
    revisions.revise(record)
    record.notes += " (relu)"
    revisions.revise(record)
    record.discarded = ["1-" + "c" * 32]
    return record


def same_as_from_dict(record: SessionRecord) -> SessionRecord:
    doc = docform.encode(record)
    assert docform.is_marked(doc), "checked: stored marked"
    fast = docform.decode(copy.deepcopy(doc))
    slow = SessionRecord.from_dict(docform.plain(doc))
    assert fast == slow
    assert fast.to_dict() == slow.to_dict() == record.to_dict()
    assert set(vars(fast)) == {f.name for f in dataclasses.fields(SessionRecord)}
    return fast


def test_a_card_field_the_form_does_not_know_is_never_dropped():
    record = records.kati_march()
    data = record.to_dict()
    data["cards"][0]["later"] = 1
    record.to_dict = lambda: copy.deepcopy(data)  # as a later to_dict would write it
    doc = docform.encode(record)
    assert not docform.is_marked(doc) and doc["cards"][0]["later"] == 1


def test_the_readers_know_every_field():
    """A field added to a record (to ``to_dict``) must be added to docform's readers: until
    it is, documents holding it are read by ``from_dict`` (slowly, but right)."""
    record = full()
    assert set(record.to_dict()) - docform.OPTIONAL_KEYS | {docform.MARK} \
        == docform.RECORD_KEYS
    assert {f.name for f in dataclasses.fields(SessionRecord)} | {docform.MARK} \
        == docform.RECORD_KEYS | docform.OPTIONAL_KEYS
    assert set(record.cards[0].to_dict()) == docform.CARD_KEYS
    assert {f.name for f in dataclasses.fields(CardRecord)} == docform.CARD_KEYS
    assert set(record.actions[0].to_dict()) == docform.ACTION_KEYS
    assert {f.name for f in dataclasses.fields(ActionItem)} == docform.ACTION_KEYS
    assert {f.name for f in dataclasses.fields(Attendance)} == {"at", "participants"}
    assert {f.name for f in dataclasses.fields(Tally)} == {"counts"}


@pytest.mark.parametrize("make", [full, *[getattr(records, name) for name in (
    "kati_march", "kati_late_march", "segou_april", "bamako_small", "kati_empty",
    "planned_only")]])
def test_marked_documents_read_back_as_from_dict_would(make):
    same_as_from_dict(make())


times = st.one_of(st.none(), st.datetimes(
    min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2099, 1, 1),
    timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=-12)),
                               dt.timezone(dt.timedelta(hours=5, minutes=45))])).map(
    lambda t: t.replace(microsecond=0)))
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
seconds = st.floats(0, 86_400, allow_nan=False) | st.integers(0, 86_400)
cards = st.builds(CardRecord, card_id=st.text("abc-01", min_size=1, max_size=10),
                  domain=st.sampled_from(["self", "family", ""]), started_at=times,
                  seconds=seconds, airtime=st.dictionaries(st.integers(1, 100), seconds,
                                                           max_size=12), note=texts)
actions = st.builds(ActionItem, what=texts, role=texts,
                    due=st.none() | st.dates(dt.date(1971, 1, 1), dt.date(2099, 1, 1)),
                    status=st.sampled_from(list(ActionStatus)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.builds(SessionRecord, site=st.text("KATIBMO-", max_size=10),
                 deck=st.sampled_from(["courage", "x"]), lang=st.sampled_from(["fr", "bm"]),
                 participants=st.integers(1, 100), facilitator=texts, planned_start=times,
                 planned_minutes=st.integers(1, 1440), started_at=times, ended_at=times,
                 cards=st.lists(cards, max_size=4), strategies=st.lists(texts.filter(bool),
                                                                        max_size=3),
                 actions=st.lists(actions, max_size=3), notes=texts,
                 state=st.none() | st.sampled_from(list(SessionState)),
                 seats=st.none() | st.integers(1, 100)), st.booleans())
def test_any_record_the_checks_pass_reads_back_as_from_dict_would(record, withheld):
    if withheld:  # merged from an export without notes (an optional key)
        record.notes_withheld = record.rev
    same_as_from_dict(record)


def test_air_time_is_unpacked_when_first_asked_and_exactly():
    record = records.kati_march()
    record.cards[0].airtime = {1: 0.1, 2: 86_400, 3: 1e-05, 10: 59.95}
    doc = docform.encode(record)
    assert doc["cards"][0][4] == "1:0.1 2:86400 3:0.0 10:60.0"  # to_dict rounds
    card = docform.decode(doc).cards[0]
    assert "airtime" not in vars(card)
    assert card.airtime == {1: 0.1, 2: 86400.0, 3: 0.0, 10: 60.0} == SessionRecord.from_dict(
        docform.plain(doc)).cards[0].airtime
    card.airtime[4] = 1.0  # unpacked once: a dict like any other
    assert card.airtime[4] == 1.0 and "_packed_airtime" not in vars(card)
    assert dataclasses.replace(card, note="").airtime == card.airtime
    assert copy.deepcopy(docform.decode(doc)) == docform.decode(doc)


def test_a_record_that_fails_the_checks_is_stored_as_it_is_and_shown_damaged(repo):
    record = records.kati_march()
    record.started_at = dt.datetime(1969, 12, 31, 23, tzinfo=MALI)  # a clock gone wrong
    doc = docform.encode(record)
    assert not docform.is_marked(doc) and doc == record.to_dict()
    assert docform.decode(doc) == "started_at: year 1969 is out of range (1970 to 2100)"
    repo.save(record)
    assert repo.list() == [] and [d.key for d in repo.damaged()] == [record.id]


@pytest.mark.parametrize("change", [
    lambda d: d["cards"][0].__setitem__(4, {"1": 95.0}),  # not packed
    lambda d: d["cards"][0].pop(),
    lambda d: d["cards"][0].append(1),
    lambda d: d["cards"].__setitem__(0, {"card_id": "self-01"}),
    lambda d: d["cards"].__setitem__(0, dict.fromkeys(docform.CARD_ROW, "self-01")),
    lambda d: d["cards"].__setitem__(0, "123456"),
    lambda d: d.update(later_field=1),
    lambda d: d.pop("origin"),
    lambda d: d["actions"][0].update(status="someday"),
    lambda d: d["attendance"].append({"at": "2026-03-05T09:00:00+00:00"}),
    lambda d: d.update(revisions=[]),
])
def test_a_marked_document_changed_by_hand_is_checked_completely(change):
    doc = docform.encode(records.kati_march())
    change(doc)
    found = docform.decode(doc)
    slow = docform.plain(doc)
    try:
        validate.check_session(slow)
        expected = SessionRecord.from_dict(slow)
    except ValueError as exc:
        expected = str(exc)
    assert found == expected  # the complete check's verdict, never a crash


def test_a_mark_from_other_checks_is_no_mark():
    record = records.kati_march()
    doc = docform.encode(record)
    doc[docform.MARK] = f"{docform.FORM}.{validate.CHECKS_VERSION - 1}"
    assert not docform.is_marked(doc)
    assert docform.decode(doc) == record  # read all the same: checked completely
    doc["participants"] = 0
    assert docform.decode(doc).startswith("participants: must be from 1 to 100")


def test_the_checks_version_follows_the_checks():
    """Stored sessions are trusted by the version of the checks that passed them: when
    validate.py or fieldchecks.py (the field checks it is built from) changes, bump
    CHECKS_VERSION if any check changed, then record the new digest here."""
    source = b"".join(Path(module.__file__).read_bytes() for module in (validate, fieldchecks))
    assert (validate.CHECKS_VERSION, hashlib.sha256(source).hexdigest()[:16]) == (
        3, DIGEST), "validate.py or fieldchecks.py changed: bump CHECKS_VERSION if a check changed"


DIGEST = "20a4e4376fbed2de"


def test_what_is_on_disk(hermetic):
    record = records.kati_march()
    with SessionStore.open(hermetic) as store:
        store.save(record)
    [doc] = stored_documents(hermetic).values()
    assert doc[docform.MARK] == docform.STORED == "1.3"
    assert doc["cards"][0] == ["self-01", "self", "2026-03-05T09:05:00+00:00", 420.0,
                               "1:95.0 2:60.0 3:120.0", "Respirer avant la garde | ça aide."]
    assert docform.plain(doc) == record.to_dict()


def test_documents_an_older_version_stored_are_upgraded_once(hermetic):
    old = records.kati_march().to_dict()  # as ccfacil before the mark stored it
    schema_1 = {k: v for k, v in records.segou_april().to_dict().items()
                if k not in ("state", "seats", "attendance", "origin", "conflict_of",
                             "discarded", "rev", "revisions")}
    schema_1["schema"] = 1
    schema_1["actions"] = [{k: v for k, v in a.items() if k != "carried_from"}
                           for a in schema_1["actions"]]
    broken = {**records.bamako_small().to_dict(), "participants": 0}
    plant(hermetic, old, schema_1, broken)
    gen = parse_snapshot((hermetic / SNAPSHOT).read_bytes())[1]
    with SessionStore.open(hermetic) as store:
        read = {r.id: r for r in store.list()}
        assert len(read) == 2 and len(store.damaged()) == 1
    docs = stored_documents(hermetic)
    assert [docform.is_marked(doc) for doc in docs.values()] == [True, True, False]
    assert docs["3"] == broken  # kept exactly as it was
    assert docs["2"]["schema"] == 2  # migrated once, as reading migrated it
    assert parse_snapshot((hermetic / SNAPSHOT).read_bytes())[1] == gen + 1  # one snapshot
    with SessionStore.open(hermetic) as store:
        assert {r.id: r for r in store.list()} == read
    assert parse_snapshot((hermetic / SNAPSHOT).read_bytes())[1] == gen + 1  # nothing to do


def test_nothing_is_upgraded_in_a_folder_that_cannot_be_written(hermetic, monkeypatch):
    from ccfacil.storage import fsutil

    plant(hermetic, records.kati_march().to_dict())
    before = {p.name: p.read_bytes() for p in hermetic.iterdir()}
    monkeypatch.setattr(fsutil, "writable", lambda folder: False)
    with SessionStore.open(hermetic) as store:
        assert store.read_only and [r.id for r in store.list()] == [records.kati_march().id]
    assert {p.name: p.read_bytes() for p in hermetic.iterdir()} == before


def test_opening_reads_each_stored_document_once_and_no_journal_backup(hermetic,
                                                                     monkeypatch):
    """What made ``ccfacil report`` slow: every document checked and read twice (once for
    the list, once to count the damaged ones), and the journal backup's last line, which
    after a merge holds every session merged, parsed at each open."""
    import json

    from ccfacil.storage import datafiles
    from ccfacil.storage.repository import unreadable

    many = [dataclasses.replace(records.kati_march(), id=f"{n:08x}-0000-4000-8000-"
                                f"000000000000", origin="ab" * 16) for n in range(300)]
    with SessionStore.open(hermetic) as store:
        store.save_many(many)  # one journal line holding all of them: the backup's, later
    assert (hermetic / "sessions.journal.bak").stat().st_size > 300_000
    parsed, decoded = [], []
    loads, decode = json.loads, docform.decode
    monkeypatch.setattr(datafiles.json, "loads", lambda raw, *a, **k: (
        parsed.append(len(raw)), loads(raw, *a, **k))[1])
    monkeypatch.setattr(docform, "decode", lambda doc: (decoded.append(doc["id"]),
                                                       decode(doc))[1])
    with SessionStore.open(hermetic) as store:
        assert len(store.list()) == 300 and unreadable(store) == 0
    size = (hermetic / SNAPSHOT).stat().st_size
    assert parsed == [size]  # the snapshot, once; no journal line
    assert sorted(decoded) == sorted(r.id for r in many)  # each document once


def test_a_running_session_s_optional_fields_are_read_fast_and_right():
    """Issue 12's running position and the rounds' air time: stored marked, read back by
    the fast reader exactly as ``from_dict`` reads them."""
    record = full()
    record.round_airtime = {"opening": {1: 19.0, 3: 4.5}}
    record.resume = {"phase": "cards", "card_index": 2, "reveal": 1}
    doc = docform.encode(record)
    assert docform.is_marked(doc)
    fast = docform._read_marked(doc)
    assert fast.round_airtime == {"opening": {1: 19.0, 3: 4.5}}
    assert fast.resume == record.resume
    assert fast.to_dict() == SessionRecord.from_dict(record.to_dict()).to_dict()


def test_the_notes_withheld_mark_is_read_fast_and_right():
    """A session merged from an export without notes: its mark stored marked, read back
    by the fast reader; a mark changed by hand into nonsense is read by the complete
    check, and shown as damaged."""
    record = full()
    record.notes_withheld = record.rev
    doc = docform.encode(record)
    assert docform.is_marked(doc) and doc["notes_withheld"] == record.rev
    fast = docform.decode(doc)
    assert fast.notes_withheld == record.rev
    assert fast.to_dict() == SessionRecord.from_dict(record.to_dict()).to_dict()
    doc["notes_withheld"] = 42
    assert "notes_withheld" in docform.decode(doc)
