"""A copy that came without its notes is marked, and its blanks are never taken for
deletions (``notes_withheld``, ``ccfacil.export.merge``).

The day this guards: facilitator A sends a session *without* notes to a colleague's
laptop B; B's next session reviews its action items (a new revision of A's session,
made without the notes B never had); B sends everything back *with* notes; A merges.
Before the mark, B's revision replaced A's version as a newer one, and A's notes, card
notes, custom tags and the text of its action items were gone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccfacil.cli import cli
from ccfacil.export import bundle, merge
from ccfacil.export.merge import Outcome
from ccfacil.sessions import followup, revisions
from ccfacil.sessions.session import ActionStatus, SessionRecord
from ccfacil.sessions.validate import Invalid, check_session
from ccfacil.storage.store import SessionStore
from tests.golden import records
from tests.store_helpers import stored_documents

KATI = records.kati_march().id


def free_text(record: SessionRecord) -> tuple:
    """Everything an export without notes leaves out."""
    return (record.notes, [c.note for c in record.cards],
            [(a.what, a.role) for a in record.actions], record.strategies, record.themes)


def sent(found: list[SessionRecord], *, notes: bool) -> bundle.Bundle:
    """Records as another device reads them from a json file."""
    return bundle.parse(bundle.dumps(bundle.envelope(found, include_notes=notes)))


def merged(store, found: bundle.Bundle):
    return merge.merge(store, found.records, notes_included=found.notes_included)


def reviewed(record: SessionRecord) -> SessionRecord:
    """What the next session's follow-up does on the device holding ``record``: its
    first open item marked done, a new revision."""
    open_item = next(a for a in record.actions if a.status is ActionStatus.OPEN)
    open_item.status = ActionStatus.DONE
    [changed] = followup.apply([(record, open_item)], records.segou_april())
    return changed


def test_notes_survive_a_round_trip_through_a_device_that_never_had_them(tmp_path):
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    original = records.kati_march()
    with SessionStore.open(a_dir) as a:
        a.save(original)
        to_b = sent(a.list(), notes=False)
    with SessionStore.open(b_dir) as b:  # a new device: its first session is A's
        merged(b, to_b)
    with SessionStore.open(b_dir) as b:
        held = b.get(KATI)
        assert held.notes_withheld == original.rev and held.notes == ""
        b.save(reviewed(held))
    with SessionStore.open(b_dir) as b:
        later = b.get(KATI)
        assert later.rev.startswith("2-") and later.notes_withheld == original.rev
        back = sent(b.list(), notes=True)
    with SessionStore.open(a_dir) as a:
        plan = merged(a, back)
        assert plan.counts[Outcome.UPDATED] == 1 and plan.conflicts == []
    with SessionStore.open(a_dir) as a:
        [now] = a.list()
    assert now.rev == later.rev and now.actions[0].status is ActionStatus.DONE
    assert free_text(now) == free_text(original)  # before: all of it blank
    assert now.notes_withheld is None  # A had the whole text of the revision B lacked
    with SessionStore.open(a_dir) as a:
        assert merged(a, back).to_save == []  # the same file again changes nothing
        again = sent(a.list(), notes=True)
    with SessionStore.open(b_dir) as b:  # A's answer makes B's copy whole
        plan = merged(b, again)
        assert plan.counts[Outcome.SAME] == 1
        [whole] = b.list()
    assert free_text(whole) == free_text(original) and whole.notes_withheld is None


def test_in_the_other_order_the_text_comes_with_the_next_answer():
    """A third device merges B's file (with notes, marked) before A's: A's older revision
    changes nothing there (merging an older revision never does), and the text comes
    with A's next file, once A has merged B's and made B's revision whole."""
    original = records.kati_march()
    b = SessionStore.in_memory()
    merged(b, sent([original], notes=False))
    from_b = sent([reviewed(b.get(KATI))], notes=True)
    a = SessionStore.in_memory()
    a.save(original)
    from_a = sent(a.list(), notes=True)
    c = SessionStore.in_memory()
    merged(c, from_b)
    assert merged(c, from_a).counts[Outcome.OLDER] == 1
    [record] = c.list()
    assert record.notes == "" and record.notes_withheld == original.rev
    merged(a, from_b)
    plan = merged(c, sent(a.list(), notes=True))
    assert plan.counts[Outcome.SAME] == 1
    [record] = c.list()
    assert free_text(record) == free_text(original) and record.notes_withheld is None
    [on_a] = a.list()
    assert record == on_a
    assert merged(c, from_a).to_save == [] and merged(c, from_b).to_save == []


def test_a_note_deleted_with_the_whole_text_is_deleted_everywhere():
    """The mark must not keep what somebody removed: a device with the whole text that
    deletes a note sends a record without the mark, and its blanks are deletions."""
    original = records.kati_march()
    elsewhere = SessionStore.in_memory()
    merged(elsewhere, sent([original], notes=True))
    cleaned = SessionRecord.from_dict(original.to_dict())
    cleaned.notes = ""
    cleaned.cards[0].note = ""
    assert revisions.revise(cleaned)
    merged(elsewhere, sent([cleaned], notes=True))
    [record] = elsewhere.list()
    assert record.notes == "" and record.cards[0].note == ""
    assert record.notes_withheld is None


def test_a_partial_copy_fills_in_what_it_has_and_stays_marked():
    """Two devices without the text: what one of them has is filled in, the mark stays
    (the text of the marked revision is still missing)."""
    original = records.kati_march()
    b = SessionStore.in_memory()
    merged(b, sent([original], notes=False))
    changed = b.get(KATI)
    changed.cards[2].note = "ajouté par B"
    assert revisions.revise(changed)
    b.save(changed)
    c = SessionStore.in_memory()
    merged(c, sent([original], notes=False))
    merged(c, sent([changed], notes=True))  # B's own note comes with it
    [record] = c.list()
    assert record.rev == changed.rev and record.cards[2].note == "ajouté par B"
    assert record.notes == "" and record.notes_withheld == original.rev


def test_the_mark_is_kept_on_disk_and_travels_only_with_notes(tmp_path):
    store_dir = tmp_path / "data"
    with SessionStore.open(store_dir) as store:
        merged(store, sent([records.kati_march()], notes=False))
    [doc] = stored_documents(store_dir).values()
    assert doc["notes_withheld"] == records.kati_march().rev
    with SessionStore.open(store_dir) as store:  # read back by the marked form's reader
        [record] = store.list()
    assert record.notes_withheld == records.kati_march().rev
    with_notes = bundle.envelope([record], include_notes=True)
    assert with_notes["sessions"][0]["notes_withheld"] == records.kati_march().rev
    without = bundle.envelope([record], include_notes=False)
    assert "notes_withheld" not in without["sessions"][0]  # the file says it for all
    # a record without the mark is written as before the mark existed
    assert "notes_withheld" not in records.kati_march().to_dict()


@pytest.mark.parametrize("value", [5, "", "yes", "3-XYZ", ["1-" + "0" * 32]])
def test_a_bad_mark_in_a_file_is_refused_with_its_field(value):
    """A file from somebody else: the mark is a revision or nothing (null, or no key)."""
    data = records.kati_march().to_dict()
    data["notes_withheld"] = value
    with pytest.raises(Invalid, match="^notes_withheld: "):
        check_session(data)
    data["notes_withheld"] = None
    check_session(data)
    assert SessionRecord.from_dict(data).notes_withheld is None


def test_through_the_commands_two_data_folders(tmp_path):
    """The same day through ``ccfacil export`` and ``ccfacil merge``, two data folders."""
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    with SessionStore.open(a_dir) as a:
        a.save(records.kati_march())

    def ccfacil(data: Path, *args: str):
        result = CliRunner().invoke(cli, ["--lang", "en", "--data-dir", str(data), *args])
        assert result.exit_code == 0, result.output
        return result

    ccfacil(a_dir, "export", "session", KATI[:8], "--format", "json",
            "--out", str(tmp_path / "to-b.json"))
    ccfacil(b_dir, "merge", str(tmp_path / "to-b.json"))
    assert "Notes: notes not here" in ccfacil(b_dir, "sessions", "show", KATI[:8]).output
    with SessionStore.open(b_dir) as b:
        b.save(reviewed(b.get(KATI)))
    ccfacil(b_dir, "export", "session", KATI[:8], "--format", "json", "--include-notes",
            "--out", str(tmp_path / "to-a.json"))
    assert json.loads((tmp_path / "to-a.json").read_text(encoding="utf-8"))[
        "sessions"][0]["notes_withheld"] == records.kati_march().rev
    ccfacil(a_dir, "merge", str(tmp_path / "to-a.json"))
    shown = ccfacil(a_dir, "sessions", "show", KATI[:8]).output
    assert "Séance calme." in shown and "Respirer avant la garde" in shown
    assert "notes not here" not in shown
    with SessionStore.open(a_dir) as a:
        [record] = a.list()
    assert free_text(record) == free_text(records.kati_march())


# Property: free text nobody deleted is never lost ----------------------------------------

DEVICES = 3
STEPS = st.lists(st.tuples(st.sampled_from(["edit", "send", "send", "send"]),
                           st.integers(0, DEVICES - 1), st.integers(0, DEVICES - 1),
                           st.booleans()), min_size=1, max_size=25)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_text_nobody_deleted_comes_back_everywhere(steps):
    """Devices pass one session around, with and without notes, and change what is not
    free text (people present, an item's status).  Then, twice, each sends all it has with
    notes and every device merges every file: every version everywhere has the whole text.

    Twice: a device that has only a later revision without its text, while the text is
    on a device that has only an earlier one, gets it once that device has merged the
    later revision (and made it whole) and sent it back; merging cannot keep the text of
    revisions it replaced."""
    original = records.kati_march()
    stores = [SessionStore.in_memory() for _ in range(DEVICES)]
    stores[0].save(original)
    for n, (step, device, other, notes) in enumerate(steps):
        held = [r for r in stores[device].list() if r.conflict_of is None]
        if not held:
            continue
        if step == "edit":
            record = held[0]
            record.participants = 2 + n % 9
            record.actions[n % 2].status = list(ActionStatus)[n % 4]
            if revisions.revise(record):
                stores[device].save(record)
        elif other != device:
            merged(stores[other], sent(stores[device].list(), notes=notes))
    for _answer in range(2):
        files = [sent(store.list(), notes=True) for store in stores]
        for store in stores:
            for found in files:
                merged(store, found)
        for store in stores:  # merging is idempotent: the same files again change nothing
            assert all(merged(store, found).to_save == [] for found in files)
    for store in stores:
        for record in store.list():
            assert free_text(record) == free_text(original), record.rev
