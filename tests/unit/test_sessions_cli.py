"""``ccfacil sessions list/show/delete`` through click's CliRunner."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.commands import sessions as sessions_cmd
from ccfacil.export import bundle
from ccfacil.sessions.session import ActionItem, ActionStatus, CardRecord, SessionRecord
from ccfacil.storage.journal import SNAPSHOT
from ccfacil.storage.store import SessionStore
from tests.store_helpers import plant

START = dt.datetime(2026, 3, 5, 9, 0).astimezone()


def run(*args, input=None):
    return CliRunner().invoke(cli, ["--lang", "en", *args], input=input)


def saved(folder, *records):
    with SessionStore.open(folder) as store:
        for record in records:
            store.save(record)
    return records


@pytest.fixture
def session(hermetic) -> SessionRecord:
    record = SessionRecord(site="KATI", deck="courage", lang="fr", participants=10,
                           id="1a2b3c4d-0000-4000-8000-000000000001", facilitator="F07",
                           started_at=START, ended_at=START + dt.timedelta(minutes=65))
    record.cards = [CardRecord("self-01", "self", seconds=270, note="breathing helps"),
                    CardRecord("family-03", "family", seconds=95)]
    record.checkin.add(2)
    record.checkin.add(4)
    record.checkout.add(5)
    record.strategies = ["breathing"]
    record.themes = ["night shifts"]
    record.actions = [ActionItem("ask for a rest room", role="head midwife",
                                 due=dt.date(2026, 4, 2)),
                      ActionItem("old one", status=ActionStatus.DONE)]
    record.notes = "Calm session.\nTwo new members."
    record.settle()
    other = SessionRecord(site="BAMAKO", deck="error", lang="bm", participants=1,
                          id="9f8e7d6c-0000-4000-8000-000000000002")
    saved(hermetic, record, other)
    return record


def test_list_text(session):
    result = run("sessions", "list")
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first.startswith("1a2b3c4d  ") and "2026" in first
    assert "KATI  Club Courage  10 participants  2 cards" in first  # the deck's title
    assert second.startswith("9f8e7d6c  not started  BAMAKO  ") and "  1 participant  0 cards" \
        in second


def test_list_site_and_json(session):
    result = run("sessions", "list", "--site", "kati", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [bundle.redact(session).to_dict()]
    full = run("sessions", "list", "--site", "kati", "--format", "json", "--include-notes")
    assert json.loads(full.stdout) == [session.to_dict()]


def test_list_empty(hermetic):
    result = run("sessions", "list")
    assert result.exit_code == 0 and result.stdout == "No sessions saved.\n"


def test_show(session):
    result = run("sessions", "show", "1a2b3c")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("Session 1a2b3c4d-0000-4000-8000-000000000001", "Site: KATI",
                     "Facilitator: F07", "Deck: Club Courage", "Language: Français",
                     "Participants: 10",
                     "Duration: 1 h 05 min (planned: 1 h 00 min)",
                     "Check-in: 1: 0 · 2: 1 · 3: 0 · 4: 1 · 5: 0 (mean 3)",
                     "Check-out: 1: 0 · 2: 0 · 3: 0 · 4: 0 · 5: 1 (mean 5)",
                     "Strategies: breathing", "Themes: night shifts", "Cards discussed: 2",
                     "  When stress rises during a busy shift, where in your body… "
                     "(Care for self): 4 min 30 s", "    breathing helps",
                     "  How have you explained your night shifts to your husband… "
                     "(Care for family): 1 min 35 s",
                     "  - ask for a rest room (open, head midwife, due April 2, 2026)",
                     "  - old one (done)", "Notes:", "  Calm session.", "  Two new members."):
        assert expected in out, expected
    assert "self-01" not in out and "family-03" not in out  # ids are for machines


def test_show_in_french_names_cards_and_deck_in_french(session):
    result = run("--lang", "fr", "sessions", "show", "1a2b3c")
    assert result.exit_code == 0, result.output
    assert "Club Courage" in result.stdout and ": courage" not in result.stdout
    assert "self-01" not in result.stdout and "(Prendre soin de soi)" in result.stdout


@pytest.mark.parametrize("args", [["show", "nothing-like-it"], ["delete", "zzzzzzzz", "--yes"]])
def test_unknown_id_is_one_line(session, args):
    result = run("sessions", *args)
    assert result.exit_code == 1
    assert result.stderr == f"ccfacil: error: no session {args[1]}\n"


def test_short_or_ambiguous_ids(session, hermetic):
    saved(hermetic, SessionRecord("KATI", "courage", "fr", 3,
                                  id="1a2b3c99-0000-4000-8000-000000000003"))
    assert "at least 6 characters" in run("sessions", "show", "1a2").stderr
    result = run("sessions", "show", "1a2b3c")
    assert result.exit_code == 1 and "matches 2 sessions" in result.stderr


def test_delete_with_yes(session, hermetic):
    result = run("sessions", "delete", "1a2b3c4d", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Deleted session 1a2b3c4d (KATI, ")
    with SessionStore.open(hermetic) as store:
        assert [r.id for r in store.list()] == ["9f8e7d6c-0000-4000-8000-000000000002"]


def test_delete_refuses_without_a_terminal(session, hermetic):
    result = run("sessions", "delete", "1a2b3c4d", input="y\n")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "without --yes" in result.stderr
    with SessionStore.open(hermetic) as store:
        assert len(store.list()) == 2


@pytest.mark.parametrize(("answer", "left"), [("y\n", 1), ("n\n", 2), ("\n", 2)])
def test_delete_asks_at_a_terminal(session, hermetic, monkeypatch, answer, left):
    monkeypatch.setattr(sessions_cmd, "_interactive", lambda: True)
    result = run("sessions", "delete", "1a2b3c4d", input=answer)
    assert result.exit_code == 0, result.output
    assert "Delete session 1a2b3c4d (KATI, " in result.stdout
    with SessionStore.open(hermetic) as store:
        assert len(store.list()) == left


def test_locked_folder_refuses_a_writer_in_one_line(session, hermetic):
    with SessionStore.open(hermetic):
        result = run("sessions", "delete", "1a2b3c4d", "--yes")
    assert result.exit_code == 1
    assert result.stderr == (f"ccfacil: error: data folder {hermetic} is already open "
                             "in another window\n")


@pytest.mark.parametrize("args", [["list"], ["show", "1a2b3c4d"]])
def test_locked_folder_still_lets_readers_read(session, hermetic, args):
    """Issue 12, point 10: while the app has the folder open, reading still works."""
    with SessionStore.open(hermetic):
        result = run("sessions", *args)
    assert result.exit_code == 0, result.output
    assert "KATI" in result.stdout and result.stderr == ""


def test_recovery_and_unreadable_records_are_reported(session, hermetic):
    plant(hermetic, {"id": "from-the-future", "schema": 99})
    (hermetic / SNAPSHOT).write_bytes(b"\0\0\0")
    result = run("sessions", "list")
    assert result.exit_code == 0, result.output
    assert "note: sessions.json was damaged" in result.stderr
    assert "note: restored 3 records from sessions.json.bak" in result.stderr
    assert ("warning: session from-the-future cannot be read: schema: written by a newer "
            "ccfacil") in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and lines[2].startswith("from-the  DAMAGED: schema: ")


def test_data_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "a-file").write_text("x")
    target = tmp_path / "a-file" / "data"
    result = CliRunner().invoke(cli, ["--lang", "en", "--data-dir", str(target),
                                      "sessions", "list"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"ccfacil: error: cannot open data folder {target}: ")
    assert result.stderr.count("\n") == 1


def test_times_are_the_sessions_own_whatever_the_machine(hermetic, monkeypatch):
    """A session at 23:30 on 31 March in Mali is a March session on any machine, as in
    reports (it was listed on 1 April on a machine set to another time zone)."""
    import time

    start = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.timezone.utc)
    saved(hermetic, SessionRecord("KATI", "courage", "fr", 6, id="edge0000-0000",
                                  started_at=start, ended_at=start + dt.timedelta(minutes=70),
                                  cards=[CardRecord("self-01", "self")]))
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        listed = run("sessions", "list").stdout
        shown = run("sessions", "show", "edge0000").stdout
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert "Mar 31, 2026" in listed and "11:30" in listed
    assert "Date: Mar 31, 2026, 11:30 PM – 12:40 AM" in shown or (
        "Mar 31, 2026" in shown and "12:40" in shown)


def test_list_and_show_say_what_sets_a_session_apart(hermetic):
    empty = SessionRecord("KATI", "courage", "fr", 9, id="empty000-0000", started_at=START,
                          ended_at=START)
    saved(hermetic, empty)
    assert run("sessions", "list").stdout.rstrip().endswith("0 cards  (not held)")
    shown = run("sessions", "show", "empty000").stdout
    assert "State: not held" in shown and f"Revision: {empty.rev}" in shown
