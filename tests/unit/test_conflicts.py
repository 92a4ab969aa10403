"""``ccfacil sessions conflicts`` and ``ccfacil sessions resolve``: list, settle, and the
settlement travelling to other devices."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.errors import CcfacilError
from ccfacil.export import bundle, conflicts, merge
from ccfacil.export.merge import Outcome, conflict_id
from ccfacil.storage.store import SessionStore
from tests.golden import records
from tests.unit.test_merge import edit, layout

KATI = records.kati_march().id


def run(*args):
    return CliRunner().invoke(cli, ["--lang", "en", *[str(a) for a in args]])


def divergent():
    first = records.kati_march()
    here, there = edit(first, participants=11), edit(first, participants=12)
    return first, here, there


@pytest.fixture
def in_conflict(hermetic):
    first, here, there = divergent()
    with SessionStore.open(hermetic) as store:
        merge.merge(store, [here, there, records.segou_april()])
    return here, there


def test_find_lists_each_session_with_its_versions_winner_first():
    first, here, there = divergent()
    store = SessionStore.in_memory()
    merge.merge(store, [here, there, records.segou_april()])
    [found] = conflicts.find(store.list())
    assert found.session_id == KATI and len(found.versions) == 2
    assert found.winner.id == KATI and found.versions[1].conflict_of == KATI
    assert found.differences() == ["participants"]


def test_resolve_keeps_one_version_as_a_new_revision(hermetic):
    first, here, there = divergent()
    store = SessionStore.in_memory()
    merge.merge(store, [here, there])
    loser = conflicts.find(store.list())[0].versions[1]
    saved, kept, dropped = conflicts.resolve(store, KATI, loser.rev[:10])
    assert kept.rev == loser.rev and [d.rev for d in dropped] != [loser.rev]
    assert saved.id == KATI and saved.conflict_of is None
    assert saved.rev.startswith("3-") and saved.revisions[1:] == loser.revisions
    assert saved.participants == loser.participants
    assert set(saved.discarded) == {dropped[0].rev}  # its ancestors are shared with the kept
    assert [r.id for r in store.list()] == [KATI] and conflicts.find(store.list()) == []


def test_resolution_travels_and_drops_old_copies_anywhere():
    first, here, there = divergent()
    settled = SessionStore.in_memory()
    merge.merge(settled, [here, there])
    saved, kept, dropped = conflicts.resolve(settled, KATI, there.rev)
    sent = bundle.parse(bundle.dumps(bundle.envelope(settled.list(), include_notes=True)))
    for order in ([here, there, sent.records[0]], [sent.records[0], here, there, first],
                  [there, sent.records[0], here]):
        other = SessionStore.in_memory()
        outcomes = []
        for record in order:
            outcomes += [s.outcome for s in merge.merge(other, [record]).steps]
        assert layout(other) == layout(settled), order
        assert Outcome.CONFLICT not in outcomes[-1:]
    # a later edit of a discarded version is a new conflict, as on every device
    later = edit(here, notes="after")
    other = SessionStore.in_memory()
    merge.merge(other, [sent.records[0], later])
    assert len(conflicts.find(other.list())) == 1


def test_resolve_refuses_what_it_cannot_do(hermetic):
    first, here, there = divergent()
    store = SessionStore.in_memory()
    merge.merge(store, [here])
    with pytest.raises(CcfacilError, match="no conflict"):
        conflicts.resolve(store, KATI, here.rev)
    merge.merge(store, [there])
    with pytest.raises(CcfacilError, match="has no version 9-"):
        conflicts.resolve(store, KATI, "9-abc")
    with pytest.raises(CcfacilError, match="matches 2 versions"):
        conflicts.resolve(store, KATI, "2-")
    assert len(store.list()) == 2  # nothing changed


def test_cli_conflicts_and_resolve(in_conflict, hermetic, tmp_path):
    here, there = in_conflict
    winner, loser = sorted([here, there], key=lambda r: r.rev, reverse=True)
    result = run("sessions", "conflicts")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"Session {KATI} (KATI, " in out and "2 versions" in out
    assert f"  {winner.rev}  counted in reports: held, " in out
    assert f"  {loser.rev}  copy {conflict_id(KATI, loser.rev)[:8]}: held, " in out
    assert "they differ in: participants" in out
    assert "ccfacil sessions resolve ID --keep REV" in out
    listed = json.loads(run("sessions", "conflicts", "--format", "json").stdout)
    assert [v["rev"] for v in listed[0]["versions"]] == [winner.rev, loser.rev]
    assert [v["counted"] for v in listed[0]["versions"]] == [True, False]
    # the list of sessions says which one is a copy, and reports count the session once
    lines = run("sessions", "list").stdout.splitlines()
    assert sum("(conflict copy of 11111111)" in line for line in lines) == 1
    md = run("report", "--from", "2026-03", "--to", "2026-04", "--format", "json").stdout
    assert json.loads(md)["report"]["sessions"] == 2
    # settle it by a copy's id and the start of the revision
    result = run("sessions", "resolve", conflict_id(KATI, loser.rev)[:8], "--keep",
                 loser.rev[:8])
    assert result.exit_code == 0, result.output
    assert f"Session {KATI}: kept {loser.rev} as 3-" in result.stdout
    assert f"  - {winner.rev}" in result.stdout
    assert run("sessions", "conflicts").stdout == "No conflicts.\n"
    with SessionStore.open(hermetic) as store:
        assert store.get(KATI).participants == loser.participants
    again = run("sessions", "resolve", KATI, "--keep", loser.rev)
    assert again.exit_code == 1 and "no conflict" in again.stderr
    assert again.stderr.count("\n") == 1 and "Traceback" not in again.output
    # the settlement travels with an export of the session
    out = tmp_path / "settled.json"
    assert run("export", "session", KATI[:8], "--format", "json", "--out", out).exit_code == 0
    other = tmp_path / "other"
    with SessionStore.open(other) as store:
        merge.merge(store, [here, there])
    merged = CliRunner().invoke(cli, ["--lang", "en", "--data-dir", str(other), "merge",
                                      str(out)])
    assert merged.exit_code == 0 and "1 updated" in merged.stdout
    with SessionStore.open(other) as store:
        assert [r.rev for r in store.list()] == [json.loads(out.read_text())["sessions"][0][
            "rev"]]


def test_cli_resolve_needs_keep_and_a_session(hermetic):
    assert run("sessions", "resolve", KATI).exit_code == 2
    missing = run("sessions", "resolve", "abcdef12", "--keep", "1-")
    assert missing.exit_code == 1 and "no session abcdef12" in missing.stderr


def test_a_session_export_carries_its_conflict_copies(in_conflict, hermetic, tmp_path):
    out = tmp_path / "kati.json"
    assert run("export", "session", KATI[:8], "--format", "json", "--out", out).exit_code == 0
    sent = json.loads(out.read_text(encoding="utf-8"))["sessions"]
    assert sorted(s["conflict_of"] or "" for s in sent) == ["", KATI]
    assert all(s["notes"] == "" for s in sent)  # no notes unless asked


def test_a_second_resolution_also_discards_what_the_first_one_did():
    """Found by the convergence property: a version discarded on the losing side by an
    earlier resolution must stay discarded when that side loses in its turn."""
    first = records.kati_march()
    x, y = edit(first, participants=3), edit(first, participants=4)
    store = SessionStore.in_memory()
    merge.merge(store, [x, y])
    earlier, _kept, _dropped = conflicts.resolve(store, KATI, y.rev)  # x discarded
    later = edit(earlier, notes="after the first resolution")
    other = edit(first, participants=5)  # another device went its own way
    store = SessionStore.in_memory()
    merge.merge(store, [later, other])
    settled, _kept, _dropped = conflicts.resolve(store, KATI, other.rev)
    assert x.rev in settled.discarded
    plan = merge.merge(store, [x, y, earlier, later, first])
    assert {s.outcome for s in plan.steps} == {Outcome.OLDER}
    assert [r.rev for r in store.list()] == [settled.rev]


def test_deleting_the_version_reports_count_leaves_the_other_counted(in_conflict, hermetic):
    here, there = in_conflict
    winner, loser = sorted([here, there], key=lambda r: r.rev, reverse=True)
    assert run("sessions", "delete", KATI, "--yes").exit_code == 0
    with SessionStore.open(hermetic) as store:
        [left] = [r for r in store.list() if r.session_id == KATI]
    assert (left.id, left.rev, left.conflict_of) == (KATI, loser.rev, None)
    md = run("report", "--from", "2026-03", "--to", "2026-04", "--format", "json").stdout
    assert json.loads(md)["report"]["sessions"] == 2  # still counted, once
