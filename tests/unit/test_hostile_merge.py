"""Hostile exports (issue 10, point 6): every incoming record is checked completely before
anything is stored; one clear line names the file and the field; the other files of the
same call are still merged; records already stored that fail the checks are shown as
damaged, never crash a command, and can be deleted."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.export import bundle, summary
from ccfacil.storage.store import SessionStore
from tests.golden import records
from tests.store_helpers import plant


def run(*args, input=None):
    return CliRunner().invoke(cli, ["--lang", "en", *map(str, args)], input=input)


def export(*sessions) -> dict:
    return json.loads(summary.render(sessions[0], "json", include_notes=True)) if len(
        sessions) == 1 else json.loads(bundle.dumps(bundle.envelope(sessions,
                                                                    include_notes=True)))


def write(path: Path, data: dict | str) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def mutated(path: list, value) -> dict:
    data = export(records.kati_march())
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


HOSTILE = [
    (["sessions", 0, "started_at"], "9999-12-31T23:59:59-12:00", "sessions[0].started_at: year 9999"),
    (["sessions", 0, "started_at"], "0001-01-01T00:00:00+00:00", "sessions[0].started_at: year 1"),
    (["sessions", 0, "ended_at"], "2026-03-05T10:10:00+23:00", "sessions[0].ended_at: UTC offset"),
    (["sessions", 0, "started_at"], "yesterday", "sessions[0].started_at: not a date"),
    (["sessions", 0, "cards", 0, "seconds"], "nan", "sessions[0].cards[0].seconds: must be a number"),
    (["sessions", 0, "cards", 0, "seconds"], 10**9, "sessions[0].cards[0].seconds: must be from 0"),
    (["sessions", 0, "cards", 0, "seconds"], -5, "sessions[0].cards[0].seconds: must be from 0"),
    (["sessions", 0, "cards", 0, "airtime", "1"], True, "sessions[0].cards[0].airtime.1: must be a number"),
    (["sessions", 0, "cards", 0, "airtime"], {"x": 1}, "sessions[0].cards[0].airtime: seat x"),
    (["sessions", 0, "participants"], 1e30, "sessions[0].participants: must be a whole number"),
    (["sessions", 0, "participants"], 0, "sessions[0].participants: must be from 1 to 100"),
    (["sessions", 0, "participants"], "10", "sessions[0].participants: must be a whole number"),
    (["sessions", 0, "participants"], True, "sessions[0].participants: must be a whole number"),
    (["sessions", 0, "strategies"], "music", "sessions[0].strategies: must be a list"),
    (["sessions", 0, "themes", 0], 5, "sessions[0].themes[0]: must be text"),
    (["sessions", 0, "id"], None, "sessions[0].id: must be text"),
    (["sessions", 0, "id"], "", "sessions[0].id: must not be empty"),
    (["sessions", 0, "id"], " 1111 ", "sessions[0].id: has spaces around it"),
    (["sessions", 0, "id"], "x" * 500, "sessions[0].id: longer than 64"),
    (["sessions", 0, "id"], KeyError, "sessions[0].id: missing"),
    (["sessions", 0, "site"], "K" * 10_000, "sessions[0].site: longer than"),
    (["sessions", 0, "notes"], ["a"], "sessions[0].notes: must be text"),
    (["sessions", 0, "checkin", "1"], -1, "sessions[0].checkin.1: must be from 0"),
    (["sessions", 0, "checkin"], {"7": 1}, "sessions[0].checkin: mood 7"),
    (["sessions", 0, "actions", 0, "status"], "maybe", "sessions[0].actions[0].status: must be one of"),
    (["sessions", 0, "actions", 0, "due"], "2026-13-40", "sessions[0].actions[0].due: not a date"),
    (["sessions", 0, "actions", 0, "id"], None, "sessions[0].actions[0].id: must be text"),
    (["sessions", 0, "actions"], {"what": "x"}, "sessions[0].actions: must be a list"),
    (["sessions", 0, "cards"], [[[]]], "sessions[0].cards[0]: must be an object"),
    (["sessions", 0, "schema"], True, "sessions[0].schema: must be a whole number"),
    (["sessions", 0, "planned_minutes"], 10**6, "sessions[0].planned_minutes: must be from 1"),
    # schema 2 fields (issue 9), checked whenever present
    (["sessions", 0, "state"], "finished", "sessions[0].state: must be one of"),
    (["sessions", 0, "seats"], 101, "sessions[0].seats: must be from 1 to 100"),
    (["sessions", 0, "attendance"], [{"at": "2026-03-05T09:30:00+00:00", "participants": 0}],
     "sessions[0].attendance[0].participants: must be from 1"),
    (["sessions", 0, "rev"], "0-" + "a" * 32, "sessions[0].rev: not a revision"),
    (["sessions", 0, "origin"], "A" * 32, "sessions[0].origin: not 32 lower-case hex"),
    (["sessions", 0, "conflict_of"], 7, "sessions[0].conflict_of: must be text"),
    (["sessions", 0, "actions", 0, "carried_from"], "", "sessions[0].actions[0].carried_from: must not be empty"),
    # issue 12's optional fields: the rounds' air time and the running position
    (["sessions", 0, "round_airtime"], {"opening": {"1": "nan"}},
     "sessions[0].round_airtime.opening.1: must be a number"),
    (["sessions", 0, "round_airtime"], {"lunch": {"1": 5.0}},
     "sessions[0].round_airtime: lunch is not opening or closing"),
    (["sessions", 0, "round_airtime"], {"closing": {"0": 5.0}},
     "sessions[0].round_airtime.closing: seat 0"),
    (["sessions", 0, "round_airtime"], "opening", "sessions[0].round_airtime: must be an object"),
    (["sessions", 0, "resume"], ["cards"], "sessions[0].resume: must be an object"),
    (["sessions", 0, "resume"], {"notes": "x" * 70_000}, "sessions[0].resume: more than"),
    (["notes_included"], "no", "notes_included: must be true or false"),
]


@pytest.mark.parametrize("path, value, words", HOSTILE,
                         ids=[".".join(map(str, p)) + "=" + repr(v)[:20] for p, v, _w in HOSTILE])
def test_a_hostile_field_is_refused_with_its_path(path, value, words):
    with pytest.raises(bundle.BundleError) as caught:
        bundle.parse(json.dumps(mutated(path, value)))
    message = str(caught.value)
    assert message.startswith(words) and "\n" not in message, message


@pytest.mark.parametrize("text, words", [
    ('{"format": "ccfacil-export", "version": 1, "sessions": [{"x": 1e400}]}', "1e400 is too big a number"),
    ('{"format": "ccfacil-export", "version": 1, "sessions": [NaN]}', "NaN"),
    ('{"format": "ccfacil-export", "version": ' + "9" * 5001 + ', "sessions": []}',
     "not JSON this version reads"),
    ('{"format": "ccfacil-export", "version": 1, "sessions": ' + "[" * 3000 + "]" * 3000 + "}",
     "nested"),
    ('{"format": "ccfacil-export", "version": 1, "sessions": [], "x": ' + "[" * 100
     + "]" * 100 + "}", "nested more than 32 levels deep"),
])
def test_numbers_and_nesting_json_allows_but_we_do_not(text, words):
    with pytest.raises(bundle.BundleError) as caught:
        bundle.parse(text)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_a_lone_surrogate_is_refused():
    data = mutated(["sessions", 0, "notes"], "\ud800")
    text = json.dumps(data)  # written as the escape \ud800, as a hostile tool would
    assert "\\ud800" in text
    with pytest.raises(bundle.BundleError, match=r"^sessions\[0\]\.notes: holds a lone surrogate"):
        bundle.parse(text)


def test_the_exports_we_write_pass_every_check():
    from ccfacil.sessions.validate import check_session

    for record in records.all_records():
        check_session(record.to_dict())
        bundle.parse(summary.render(record, "json", include_notes=True))
        bundle.parse(summary.render(record, "json"))


def test_merge_refuses_a_bad_file_and_merges_the_others(hermetic, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    write(folder / "a-good.json", export(records.kati_march()))
    write(folder / "b-bad.json", mutated(["sessions", 0, "started_at"],
                                         "9999-12-31T23:59:59-12:00"))
    write(folder / "c-deep.json", '{"format": "ccfacil-export", "version": 1, "sessions": '
          + "[" * 3000 + "]" * 3000 + "}")
    write(folder / "d-good.json", export(records.segou_april()))
    result = run("merge", folder)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"{folder / 'b-bad.json'}: sessions[0].started_at: year 9999")
    assert errors[1].startswith(f"{folder / 'c-deep.json'}: ")
    assert "Merged 2 files: 2 new, 0 updated, 0 already present, 0 conflicts" in result.stdout
    with SessionStore.open(hermetic) as store:
        assert {r.site for r in store.list()} == {"KATI", "SEGOU"} and not store.damaged()


def test_merge_refuses_devices_and_fifos_without_waiting(hermetic, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    good = write(tmp_path / "good.json", export(records.kati_march()))
    env = {**os.environ, "CCFACIL_DATA_DIR": str(hermetic), "CCFACIL_LANG": "en"}
    done = subprocess.run([sys.executable, "-m", "ccfacil", "merge", "/dev/zero", str(fifo),
                           str(good)], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert lines == [f"/dev/zero: not a regular file (a device, a pipe or a socket)",
                     f"{fifo}: not a regular file (a device, a pipe or a socket)"]
    assert "Merged 1 file: 1 new" in done.stdout


def test_a_file_too_big_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "MAX_BYTES", 1 << 20)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * ((1 << 20) + 1))
    with pytest.raises(bundle.BundleError, match="too big"):
        bundle.load(big)


# -- records already stored (by an older version, a hand edit) --------------------------

@pytest.fixture
def poisoned(hermetic):
    """A store with one good session and the hostile ones an older ccfacil let in."""
    good = records.kati_march()
    with SessionStore.open(hermetic) as store:
        store.save(good)
    bad = good.to_dict()
    bad.update(id="99999999-9999-4999-8999-999999999999", site="SEGOU",
               started_at="9999-12-31T23:59:59-12:00")
    nan = good.to_dict()
    nan["id"] = "88888888-8888-4888-8888-888888888888"
    nan["cards"][0]["seconds"] = "nan"
    plant(hermetic, bad, nan, {**good.to_dict(), "id": None})
    return hermetic


def test_stored_damaged_records_never_crash_a_command(poisoned, tmp_path):
    listing = run("sessions", "list")
    assert listing.exit_code == 0, listing.output
    lines = listing.stdout.splitlines()
    assert lines[0].startswith("11111111  ")
    assert lines[1] == "99999999  DAMAGED: started_at: year 9999 is out of range (1970 to 2100)"
    assert lines[2].startswith("88888888  DAMAGED: cards[0].seconds: must be a number")
    assert lines[3].startswith("#4  DAMAGED: id: must be text")
    assert listing.stderr.count("warning: session ") == 3
    assert "'ccfacil sessions delete 99999999-9999-4999-8999-999999999999' removes it" \
        in listing.stderr
    as_json = run("sessions", "list", "--format", "json")
    assert as_json.exit_code == 0 and len(json.loads(as_json.stdout)) == 1
    show = run("sessions", "show", "99999999")
    assert show.exit_code == 1 and show.stderr.count("\n") == 1
    assert "cannot be read: started_at: year 9999" in show.stderr
    exported = run("export", "session", "99999999", "--format", "md")
    assert exported.exit_code == 1 and exported.stderr.count("\n") == 1
    reported = run("report", "--from", "2026-01", "--to", "2026-12", "--format", "csv",
                   "--out", tmp_path / "r.csv")
    assert reported.exit_code == 0, reported.output
    assert "note: 3 saved sessions cannot be read and are left out" in reported.stderr
    for command in (["sessions", "list"], ["report", "--from", "2026-01", "--to", "2026-12"]):
        assert "Traceback" not in run(*command).output


def test_damaged_records_can_be_deleted_by_id(poisoned):
    for key in ("99999999", "88888888-8888-4888-8888-888888888888", "#4"):
        result = run("sessions", "delete", key, "--yes")
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("Deleted session ")
    with SessionStore.open(poisoned) as store:
        assert len(store.list()) == 1 and store.damaged() == []


def test_a_merge_never_stores_what_the_checks_refuse(hermetic, tmp_path):
    data = export(records.kati_march())
    for index, value in enumerate(("\ud800", 1e30, "9999-12-31T23:59:59-12:00")):
        bad = copy.deepcopy(data)
        bad["sessions"][0]["id"] = f"0000000{index}-0000-4000-8000-000000000000"
        bad["sessions"][0]["started_at" if isinstance(value, str) and value[0] == "9"
                           else "participants" if isinstance(value, float) else "notes"] = value
        write(tmp_path / f"bad{index}.json", json.dumps(bad))
        result = run("merge", tmp_path / f"bad{index}.json")
        assert result.exit_code == 1 and "Traceback" not in result.output
    with SessionStore.open(hermetic) as store:
        assert store.keys() == []


def test_a_key_with_a_line_break_is_shown_on_one_line():
    """Found by test_merge_fuzz: a mood or a seat whose key holds a line break."""
    from ccfacil.sessions.validate import Invalid, check_session

    for where, key in (("checkin", "\n"), ("cards", "1\n2")):
        data = records.kati_march().to_dict()
        if where == "checkin":
            data["checkin"][key] = 1
        else:
            data["cards"][0]["airtime"][key] = 1.0
        with pytest.raises(Invalid) as caught:
            check_session(data)
        assert "\n" not in str(caught.value) and "\\n" in str(caught.value)
