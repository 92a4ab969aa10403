"""Merging json exports: new, already present, conflicts kept side by side, refusals."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccfacil.cli import cli
from ccfacil.export import bundle, formats, merge, report, reporttext, summary
from ccfacil.export.merge import Merger, Outcome, conflict_id
from ccfacil.sessions import revisions
from ccfacil.sessions.session import UNKNOWN_ORIGIN, SessionRecord, SessionState
from ccfacil.storage.repository import unreadable
from ccfacil.storage.store import SessionStore
from tests.golden import records
from tests.store_helpers import plant, stored_documents


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(bundle, "now", lambda: dt.datetime(2026, 5, 2, tzinfo=dt.timezone.utc))


def edit(record: SessionRecord, **changes) -> SessionRecord:
    """A copy of the record changed as a device would change it: a new revision (none if
    the content stays the same)."""
    copy = SessionRecord.from_dict(record.to_dict())
    for name, value in changes.items():
        setattr(copy, name, value)
    revisions.revise(copy)
    return copy


def layout(store: SessionStore) -> list[tuple[str, str, str | None]]:
    return sorted((r.id, r.rev, r.conflict_of) for r in store.list())


def test_new_same_updated_older():
    store = SessionStore.in_memory()
    first = records.kati_march()
    plan = merge.merge(store, [first, records.segou_april()])
    assert plan.counts[Outcome.NEW] == 2
    assert merge.merge(store, [first]).counts[Outcome.SAME] == 1
    # changed after it was exported (the next session's follow-up): a newer version
    later = edit(first, participants=11)
    assert later.rev.startswith("2-") and later.revisions[1:] == first.revisions
    plan = merge.merge(store, [later])
    assert plan.counts[Outcome.UPDATED] == 1 and plan.conflicts == []
    assert store.get(first.id) == later and len(store.list()) == 2
    # the first export comes back (a round trip): it is older, not a second copy
    plan = merge.merge(store, [first])
    assert plan.counts[Outcome.OLDER] == 1 and not plan.to_save and not plan.to_delete
    assert store.get(first.id) == later and len(store.list()) == 2


def test_divergent_edits_are_a_conflict_with_a_deterministic_winner():
    first = records.kati_march()
    here, there = edit(first, participants=11), edit(first, participants=12)
    winner, loser = sorted([here, there], key=revisions.winner_key, reverse=True)
    stores = []
    for order in ([first, here, there], [there, first, here], [here, there, first]):
        store = SessionStore.in_memory()
        for record in order:
            merge.merge(store, [record])
        stores.append(layout(store))
    assert stores[0] == stores[1] == stores[2]  # whatever the order
    copy = conflict_id(first.id, loser.rev)
    assert stores[0] == sorted([(first.id, winner.rev, None), (copy, loser.rev, first.id)])
    store = SessionStore.in_memory()
    merge.merge(store, [first, here])
    plan = merge.merge(store, [there])
    assert plan.counts[Outcome.CONFLICT] == 1
    assert store.get(first.id).participants == winner.participants
    assert store.get(copy).participants == loser.participants  # both kept
    assert merge.merge(store, [here, there]).counts[Outcome.SAME] == 2  # idempotent


def test_the_longer_history_wins_whatever_the_hashes():
    first = records.kati_march()
    short = edit(first, participants=3)
    long = edit(edit(first, participants=4), participants=5)
    store = SessionStore.in_memory()
    merge.merge(store, [long, short])
    assert store.get(first.id).rev == long.rev
    assert store.get(conflict_id(first.id, short.rev)).conflict_of == first.id


def test_a_later_edit_of_a_conflict_copy_replaces_it():
    first = records.kati_march()
    here, there = edit(first, participants=11), edit(first, participants=12)
    winner, loser = sorted([here, there], key=revisions.winner_key, reverse=True)
    store = SessionStore.in_memory()
    merge.merge(store, [winner, loser])
    newer = edit(loser, notes="later")  # the losing device went on editing its version
    plan = merge.merge(store, [newer])
    assert plan.counts[Outcome.CONFLICT] == 1  # still two versions, one of them newer
    assert plan.to_delete == [conflict_id(first.id, loser.rev)]  # the old copy goes
    assert layout(store) == sorted([(first.id, newer.rev, None),
                                    (conflict_id(first.id, winner.rev), winner.rev,
                                     first.id)])  # 3-... now wins: the longer history


def test_conflict_copies_travel_with_exports():
    first = records.kati_march()
    here, there = edit(first, participants=11), edit(first, participants=12)
    device = SessionStore.in_memory()
    merge.merge(device, [here, there])
    sent = bundle.parse(bundle.dumps(bundle.envelope(device.list(), include_notes=True)))
    assert {r.conflict_of for r in sent.records} == {None, first.id}
    other = SessionStore.in_memory()
    plan = merge.merge(other, sent.records)
    assert layout(other) == layout(device)
    assert [s.outcome for s in plan.steps] == [Outcome.NEW, Outcome.CONFLICT]


def test_an_export_without_notes_keeps_the_notes_here():
    store = SessionStore.in_memory()
    merge.merge(store, [records.kati_march()])
    private = bundle.parse(summary.render(records.kati_march(), "json"))
    assert not private.notes_included and private.records[0].notes == ""
    plan = merge.merge(store, private.records, notes_included=private.notes_included)
    assert plan.counts[Outcome.SAME] == 1 and not plan.to_save
    assert store.get(records.kati_march().id).notes  # the saved notes are kept
    # a newer version without notes: the notes saved here stay with it
    later = bundle.redact(edit(records.kati_march(), participants=9))
    plan = merge.merge(store, [later], notes_included=False)
    assert plan.counts[Outcome.UPDATED] == 1
    saved = store.get(later.id)
    assert saved.rev == later.rev and saved.participants == 9
    assert saved.notes == records.kati_march().notes
    assert [c.note for c in saved.cards] == [c.note for c in records.kati_march().cards]


def test_an_export_with_notes_fills_in_a_revision_that_came_without():
    store = SessionStore.in_memory()
    merge.merge(store, [bundle.redact(records.kati_march())], notes_included=False)
    assert store.get(records.kati_march().id).notes == ""
    plan = merge.merge(store, [records.kati_march()])
    assert plan.counts[Outcome.SAME] == 1
    assert store.get(records.kati_march().id) == records.kati_march()
    assert merge.merge(store, [records.kati_march()]).to_save == []  # and only once


def test_the_same_session_twice_in_one_run():
    store = SessionStore.in_memory()
    merger = Merger(store)
    first = merger.plan([records.kati_march()])
    changed = edit(records.kati_march(), participants=3)
    second = merger.plan([records.kati_march(), changed, records.kati_march()])
    assert [s.outcome for s in first.steps + second.steps] == [
        Outcome.NEW, Outcome.SAME, Outcome.UPDATED, Outcome.OLDER]
    merger.apply(first)
    merger.apply(second)
    assert [r.rev for r in store.list()] == [changed.rev]


def test_a_document_this_version_cannot_read_is_never_replaced(tmp_path):
    plant(tmp_path, {"id": records.kati_march().id, "schema": 99})
    with SessionStore.open(tmp_path) as store:
        plan = merge.merge(store, [records.kati_march()])
        assert plan.counts[Outcome.CONFLICT] == 1
        assert unreadable(store) == 1 and len(store.list()) == 1
        assert store.list()[0].conflict_of == records.kati_march().id
    assert stored_documents(tmp_path)["1"] == {"id": records.kati_march().id, "schema": 99}


# Exports and records written before schema 2 ----------------------------------------------

V1 = Path(__file__).resolve().parent.parent / "golden" / "v1"


def test_version_1_exports_still_merge_and_match_each_other():
    with_notes, without = bundle.load(V1 / "session-notes.fr.json"), bundle.load(
        V1 / "session.en.json")
    assert with_notes.notes_included and not without.notes_included
    record = with_notes.records[0]
    assert record.schema == 2 and record.rev == without.records[0].rev  # one revision
    assert (record.state, record.seats, record.origin) == (
        SessionState.HELD, record.participants, UNKNOWN_ORIGIN)
    store = SessionStore.in_memory()
    merge.merge(store, without.records, notes_included=False)
    plan = merge.merge(store, with_notes.records)
    assert plan.counts[Outcome.SAME] == 1
    assert store.get(record.id).notes == record.notes  # filled in from the export with notes
    report_file = bundle.load(V1 / "report.en.json")
    plan = merge.merge(store, report_file.records, notes_included=False)
    assert plan.counts[Outcome.SAME] == 1 and plan.counts[Outcome.NEW] == 3
    assert plan.counts[Outcome.CONFLICT] == 0


def test_a_version_1_data_folder_opens_and_its_sessions_merge_as_the_same(tmp_path):
    (tmp_path / "data").mkdir()
    shutil.copy(V1 / "data" / "sessions.json", tmp_path / "data" / "sessions.json")
    with SessionStore.open(tmp_path / "data") as store:
        stored = store.list()
        assert len(stored) == 5 and all(r.schema == 2 for r in stored)
        assert {r.id[:8]: r.state.value for r in stored}["55555555"] == "not_held"
        plan = merge.merge(store, bundle.load(V1 / "report.en.json").records,
                           notes_included=False)
        assert plan.counts[Outcome.SAME] == 4 and len(store.list()) == 5
        # edited here after the upgrade: a second revision, which the old exports precede
        first = store.get("11111111")
        later = edit(first, participants=7)
        store.save(later)
        plan = merge.merge(store, bundle.load(V1 / "session-notes.fr.json").records)
        assert plan.counts[Outcome.OLDER] == 1 and store.get("11111111") == later


@pytest.mark.parametrize("text, words", [
    ("not json", "not valid JSON (line 1"),
    ("[]", "not a ccfacil export"),
    ('{"format": "other"}', "not a ccfacil export"),
    ('{"format": "ccfacil-export", "version": 3, "sessions": []}', "newer ccfacil"),
    ('{"format": "ccfacil-export", "version": "1", "sessions": []}', "bad export version"),
    ('{"format": "ccfacil-export", "version": 1}', "no list of sessions"),
    ('{"format": "ccfacil-export", "version": 1, "sessions": [{"id": "x"}]}', "sessions[0].site: missing"),
    ('{"format": "ccfacil-export", "version": 1, "sessions": [{"schema": 9}]}', "newer"),
    ('{"format": "ccfacil-export", "version": 2, "sessions": [{"id": "x", "schema": 2, '
     '"site": "K", "deck": "d", "lang": "fr", "participants": 3, "state": "held", '
     '"origin": "' + "0" * 32 + '", "rev": "1-nothex"}]}', "rev"),
])
def test_files_that_cannot_be_read(text, words):
    with pytest.raises(bundle.BundleError) as caught:
        bundle.parse(text)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_load_accepts_a_bom_and_refuses_other_encodings(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(summary.render(records.kati_march(), "json").encode("utf-8-sig"))
    assert bundle.load(path).records[0].id == records.kati_march().id
    path.write_bytes(b'{"format": "caf\xe9"}')
    with pytest.raises(bundle.BundleError, match="not UTF-8"):
        bundle.load(path)


def test_collect(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "B.JSON").write_text("{}")
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / ".hidden.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.json").write_text("{}")
    (tmp_path / "empty").mkdir()
    files, empty, missing = merge.collect([tmp_path, tmp_path / "a.json", tmp_path / "none",
                                           tmp_path / "empty"])
    assert [p.name for p in files] == ["B.JSON", "a.json"]
    assert empty == [tmp_path / "empty"] and missing == [tmp_path / "none"]
    files, _empty, _missing = merge.collect([tmp_path], recursive=True)
    assert sorted(p.name for p in files) == ["B.JSON", "a.json", "c.json"]


@pytest.mark.parametrize("kind", ["report", "sessions"])
def test_export_merge_report_equals_the_direct_report(tmp_path, kind):
    originals = records.all_records()
    exports = tmp_path / "usb"
    exports.mkdir()
    if kind == "report":
        everything = report.build(originals, None, dt.date.min, dt.date.max)
        (exports / "all.json").write_text(reporttext.render(everything, "json"), encoding="utf-8")
    else:
        for record in originals:
            (exports / f"{record.id[:8]}.json").write_text(summary.render(record, "json"),
                                                           encoding="utf-8")
    files, _empty, _missing = merge.collect([exports])
    with SessionStore.open(tmp_path / "data") as store:
        merger = Merger(store)
        for path in files:
            found = bundle.load(path)
            merger.apply(merger.plan(found.records, notes_included=found.notes_included))
    with SessionStore.open(tmp_path / "data") as store:
        merged = store.list()
    direct = report.build(originals, None, records.START, records.END)
    again = report.build(merged, None, records.START, records.END)
    for fmt in (f.name for f in formats.for_reports() if not f.required):
        assert formats.render_report(fmt, again) == formats.render_report(fmt, direct), fmt
    expected = len(originals) if kind == "sessions" else len(originals) - 1  # never started
    assert len(merged) == expected


# Property: merging is idempotent, in any order -----------------------------------------

def versions_of(base: SessionRecord) -> st.SearchStrategy[list[SessionRecord]]:
    """Random versions of one session: edits branching from earlier versions."""
    @st.composite
    def build(draw) -> list[SessionRecord]:
        found = [base]
        for _ in range(draw(st.integers(0, 5))):
            parent = draw(st.sampled_from(found))
            found.append(edit(parent, participants=draw(st.integers(1, 30)),
                              notes=draw(st.sampled_from(["", "calme", "tendu"]))))
        return found
    return build()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_merging_is_idempotent_in_any_order(data):
    found = data.draw(versions_of(records.kati_march())) + data.draw(
        versions_of(records.segou_april()))
    files = data.draw(st.lists(st.lists(st.sampled_from(found), max_size=4), min_size=1,
                               max_size=5))
    first = SessionStore.in_memory()
    for batch in files:
        merge.merge(first, batch)
    size = layout(first)
    for batch in files:  # once more: nothing changes
        plan = merge.merge(first, batch)
        assert not plan.to_save and not plan.to_delete
    assert layout(first) == size
    second = SessionStore.in_memory()
    for batch in data.draw(st.permutations(files)):  # another order: the same records
        merge.merge(second, list(reversed(batch)))
    assert layout(second) == size
    assert sorted(map(SessionRecord.to_dict, second.list()), key=str) == sorted(
        map(SessionRecord.to_dict, first.list()), key=str)
    # each session is counted once, as the version the rule picks
    held = report.build(first.list(), None, dt.date.min, dt.date.max)
    seen = {r.session_id for batch in files for r in batch}
    assert sorted(r.id for r in held.records) == sorted(seen)


def test_conflict_copies_made_before_schema_2_are_found_and_counted_once(tmp_path):
    """``v1/conflicts`` was written by ccfacil before schema 2: a session and two copies
    its merge kept beside it (participants 7 and 8), which reports counted three times."""
    (tmp_path / "data").mkdir()
    shutil.copy(V1 / "conflicts" / "sessions.json", tmp_path / "data" / "sessions.json")
    kati = records.kati_march().id
    with SessionStore.open(tmp_path / "data") as store:
        found = store.list()
        assert sorted((r.participants, r.conflict_of) for r in found) == [
            (7, kati), (8, kati), (10, None)]
        counted = report.build(found, None, dt.date.min, dt.date.max)
        assert counted.overall.sessions == 1
        # the old exports they came from are the same revisions: no new copy
        plan = merge.merge(store, bundle.load(V1 / "session-notes.fr.json").records)
        assert plan.counts[Outcome.SAME] == 1 and len(store.list()) == 3
    result = CliRunner().invoke(cli, ["--lang", "en", "--data-dir", str(tmp_path / "data"),
                                      "sessions", "conflicts"])
    assert f"Session {kati} (KATI, " in result.stdout and "3 versions" in result.stdout
