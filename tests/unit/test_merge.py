"""Merging json exports: new, already present, conflicts kept side by side, refusals."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccfacil.export import bundle, merge, report, summary
from ccfacil.export.merge import Merger, Outcome, conflict_id, content
from ccfacil.session import SessionRecord
from ccfacil.store import SessionStore
from tests.golden import records


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(bundle, "now", lambda: dt.datetime(2026, 5, 2, tzinfo=dt.timezone.utc))


def test_new_same_conflict():
    store = SessionStore.in_memory()
    first = records.kati_march()
    plan = merge.merge(store, [first, records.segou_april()])
    assert plan.counts == {Outcome.NEW: 2, Outcome.SAME: 0, Outcome.CONFLICT: 0}
    again = merge.merge(store, [first])
    assert again.counts[Outcome.SAME] == 1 and len(store.list()) == 2
    changed = dataclasses.replace(first, participants=11)
    plan = merge.merge(store, [changed])
    assert plan.counts[Outcome.CONFLICT] == 1
    step = plan.conflicts[0]
    assert step.incoming_id == first.id and step.record.id != first.id
    assert step.record.id == conflict_id(first.id, changed.to_dict())
    assert store.get(first.id) == first  # never overwritten
    copy = store.get(step.record.id)
    assert copy.participants == 11 and copy.notes == first.notes
    assert copy.facilitator == first.facilitator
    assert merge.merge(store, [changed]).counts[Outcome.SAME] == 1  # idempotent
    assert len(store.list()) == 3


def test_a_second_different_conflict_gets_its_own_copy():
    store = SessionStore.in_memory()
    first = records.kati_march()
    merge.merge(store, [first])
    merge.merge(store, [dataclasses.replace(first, participants=11)])
    plan = merge.merge(store, [dataclasses.replace(first, participants=12)])
    assert plan.counts[Outcome.CONFLICT] == 1 and len(store.list()) == 3


def test_an_export_without_notes_matches_the_saved_session_with_notes():
    store = SessionStore.in_memory()
    merge.merge(store, [records.kati_march()])
    private = bundle.parse(summary.render(records.kati_march(), "json"))
    assert not private.notes_included
    plan = merge.merge(store, private.records, notes_included=private.notes_included)
    assert plan.counts[Outcome.SAME] == 1
    assert store.get(records.kati_march().id).notes  # the saved notes are kept


def test_the_same_session_twice_in_one_run():
    store = SessionStore.in_memory()
    merger = Merger(store)
    first = merger.plan([records.kati_march()])
    second = merger.plan([records.kati_march(),
                          dataclasses.replace(records.kati_march(), participants=3)])
    assert [s.outcome for s in first.steps + second.steps] == [
        Outcome.NEW, Outcome.SAME, Outcome.CONFLICT]
    merger.apply(first)
    merger.apply(second)
    assert len(store.list()) == 2


def test_a_document_this_version_cannot_read_is_never_replaced(tmp_path):
    with SessionStore.open(tmp_path) as store:
        store._table.insert({"id": records.kati_march().id, "schema": 99})
    with SessionStore.open(tmp_path) as store:
        plan = merge.merge(store, [records.kati_march()])
        assert plan.counts[Outcome.CONFLICT] == 1
        assert store.unreadable() == 1 and len(store.list()) == 1
    with SessionStore.open(tmp_path) as store:
        assert store._table.get(doc_id=1) == {"id": records.kati_march().id, "schema": 99}


@pytest.mark.parametrize("text, words", [
    ("not json", "not valid JSON (line 1"),
    ("[]", "not a ccfacil export"),
    ('{"format": "other"}', "not a ccfacil export"),
    ('{"format": "ccfacil-export", "version": 2, "sessions": []}', "newer ccfacil"),
    ('{"format": "ccfacil-export", "version": "1", "sessions": []}', "bad export version"),
    ('{"format": "ccfacil-export", "version": 1}', "no list of sessions"),
    ('{"format": "ccfacil-export", "version": 1, "sessions": [{"id": "x"}]}', "session 1:"),
    ('{"format": "ccfacil-export", "version": 1, "sessions": [{"schema": 9}]}', "newer"),
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
        (exports / "all.json").write_text(report.render(everything, "json"), encoding="utf-8")
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
    for fmt in report.FORMATS:
        assert report.render(again, fmt) == report.render(direct, fmt), fmt
    expected = len(originals) if kind == "sessions" else len(originals) - 1  # never started
    assert len(merged) == expected


# Property: random record sets, merged again and again, some changed --------------------

IDS = [f"{n}{n}{n}{n}{n}{n}{n}{n}-0000-4000-8000-00000000000{n}" for n in range(1, 5)]


@st.composite
def incoming(draw) -> tuple[list[SessionRecord], bool]:
    notes_included = draw(st.booleans())
    found = []
    for _ in range(draw(st.integers(0, 6))):
        record = SessionRecord(site=draw(st.sampled_from(["KATI", "SEGOU"])), deck="courage",
                               lang="fr", participants=draw(st.integers(1, 3)),
                               id=draw(st.sampled_from(IDS)),
                               notes=draw(st.sampled_from(["", "calme"])))
        found.append(record if notes_included else bundle.redact(record))
    return found, notes_included


def contents(store: SessionStore) -> Counter:
    return Counter(json.dumps(content(r.to_dict()), sort_keys=True) for r in store.list())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(incoming(), min_size=1, max_size=6), repeat=st.integers(1, 3))
def test_merging_never_loses_or_duplicates(files, repeat):
    store = SessionStore.in_memory()
    seen: dict[str, set[str]] = {}  # content -> ids it came in with
    for _round in range(repeat):
        for batch, notes_included in files:
            before = {r.id: r for r in store.list()}
            merger = Merger(store)
            plan = merger.plan(batch, notes_included=notes_included)
            merger.apply(plan)
            after = {r.id: r for r in store.list()}
            counts = plan.counts
            assert sum(counts.values()) == len(batch)
            assert len(after) == len(before) + counts[Outcome.NEW] + counts[Outcome.CONFLICT]
            for session_id, record in before.items():  # nothing saved is ever changed
                assert after[session_id] == record
            stored = [content(r.to_dict(), notes=notes_included) for r in after.values()]
            for record in batch:  # every incoming session is there
                assert content(record.to_dict(), notes=notes_included) in stored
                key = json.dumps(content(record.to_dict()), sort_keys=True)
                seen.setdefault(key, set()).add(record.id)
    # identical sessions are never stored twice
    for key, times in contents(store).items():
        assert times <= len(seen[key])
    # and merging everything once more changes nothing
    size = len(store.list())
    for batch, notes_included in files:
        plan = merge.merge(store, batch, notes_included=notes_included)
        assert plan.counts[Outcome.SAME] == len(batch)
    assert len(store.list()) == size
