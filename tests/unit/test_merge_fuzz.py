"""Fuzzing merge inputs over the export schema (issue 10): valid exports mutated at random
(wrong types, huge numbers, nan/inf, dates out of range, deep nesting, lone surrogates,
missing keys) are either merged or refused with one line; nothing else is ever raised,
and nothing the checks refuse is ever stored."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb.storages import MemoryStorage

from ccfacil.export import bundle, dhis2, formats, merge, report, summary
from ccfacil.export.mapping import load_mapping
from ccfacil.i18n import fmt as fmt_
from ccfacil.sessions.validate import check_session
from ccfacil.storage import docform
from ccfacil.storage.repository import unreadable
from ccfacil.storage.store import SessionStore
from tests.golden import records

MAPPING = load_mapping(Path(__file__).resolve().parents[2] / "docs"
                       / "dhis2-mapping.example.toml")
BASE = [json.loads(summary.render(r, "json", include_notes=True))
        for r in records.all_records()]

NASTY = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**40, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["", " ", "nan", "inf", "-1", "1e400", "music", "\ud800", "\x1b]0;x\x07",
                     "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+00:00",
                     "2026-03-05T09:00:00+23:59", "2026-02-30", "1-" + "a" * 32,
                     "F" * 33, "11111111-1111-4111-8111-111111111111"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                         max_size=3),
    st.integers(min_value=1, max_value=200).map(lambda n: [[]] if n < 2 else
                                                 json.loads("[" * n + "]" * n)),
)


def paths(value, prefix=()):
    """Every place in a JSON value that can be replaced or deleted."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*prefix, index))
    return found


@st.composite
def hostile_exports(draw):
    data = json.loads(json.dumps(draw(st.sampled_from(BASE))))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        every = paths(data)[1:]
        inside = [p for p in every if p[0] == "sessions" and len(p) > 2]
        where = draw(st.sampled_from(inside if inside and draw(st.integers(0, 9)) else every))
        parent = data
        for key in where[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]))
        if action == "delete":
            del parent[where[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(NASTY)
        else:
            parent[where[-1]] = draw(NASTY)
    return json.dumps(data, allow_nan=True)  # NaN, Infinity and \ud800 escapes as a tool writes


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_exports())
def test_merge_takes_a_valid_export_or_refuses_it_in_one_line(text):
    try:
        found = bundle.parse(text)
    except bundle.BundleError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    storage = MemoryStorage()
    store = SessionStore(storage)
    plan = merge.merge(store, found.records, notes_included=found.notes_included)
    stored = list(storage.read()["sessions"].values()) if plan.to_save else []
    assert len(stored) == len(plan.to_save)
    for doc in stored:
        assert docform.is_marked(doc)  # checked as it was written
        check_session(docform.plain(doc))  # never an invalid record in the store
        json.dumps(doc, ensure_ascii=False, allow_nan=False).encode("utf-8")  # as on disk
    assert unreadable(store) == 0
    listed = store.list()
    for record in listed:  # and everything that reads them works
        for found_format in formats.for_sessions():
            formats.render_session(found_format.name, record,
                                   formats.Options(include_notes=True))
        for when in (record.started_at, record.ended_at, record.planned_start):
            if when is not None:
                fmt_.datetime(when.astimezone())  # as 'sessions list' shows it
    built = report.build(listed, None, records.START.replace(year=1970),
                         records.END.replace(year=2100))
    for found_format in formats.for_reports():
        if not found_format.required:  # the DHIS2 formats: below, with their mapping
            formats.render_report(found_format.name, built)
    values = dhis2.payload(built, MAPPING, skip_unmapped=True)["dataValues"]
    assert all(len(v["value"]) < 10 for v in values)  # no 31-digit participants
