"""The referral text per site: stored apart, edited from the CLI, never exported."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.storage import referral, settings
from ccfacil.storage.store import SessionStore
from tests.golden import records

TEXT = "Go together to the head midwife; if she is away, to the doctor on duty at the CSRef."


def run(*args, input=None):
    return CliRunner().invoke(cli, ["--lang", "en", *map(str, args)], input=input)


def test_not_set_is_none_and_the_app_says_how_to_set_it(hermetic):
    assert referral.load_referral(hermetic, "KATI") is None
    assert "ccfacil referral set" in referral.shown_text(hermetic, "KATI")
    assert not (hermetic / referral.FILE).exists()  # reading never creates the file


def test_saved_per_site_any_case_atomically_and_private(hermetic):
    referral.save_referral(hermetic, "KATI", TEXT)
    referral.save_referral(hermetic, "SEGOU", "Segou text")
    assert referral.load_referral(hermetic, "kati") == TEXT
    assert referral.load_referral(hermetic, "SEGOU") == "Segou text"
    assert referral.load_referral(hermetic, "BKO") is None
    referral.save_referral(hermetic, "kati", "New Kati text")  # replaces, whatever the case
    data = json.loads((hermetic / referral.FILE).read_text(encoding="utf-8"))
    assert data == {"version": 1, "sites": {"SEGOU": "Segou text", "kati": "New Kati text"}}
    assert (hermetic / referral.FILE).stat().st_mode & 0o777 == 0o600
    assert [p.name for p in hermetic.iterdir()] == [referral.FILE]  # no temporary left over


def test_text_is_cleaned_and_limited(hermetic):
    saved = referral.save_referral(hermetic, "KATI", "  Dɔgɔtɔro\u0301 \r\nline two\x07  \n\n")
    assert saved.text == "Dɔgɔtɔró\nline two"  # NFC, no control characters, no blank edges
    with pytest.raises(referral.ReferralError, match="characters long"):
        referral.save_referral(hermetic, "KATI", "x" * (referral.MAX_CHARS + 1))
    with pytest.raises(referral.ReferralError, match="lines"):
        referral.save_referral(hermetic, "KATI", "\n".join("x" * (referral.MAX_LINES + 1)))
    assert referral.load_referral(hermetic, "KATI") == saved.text  # a refused text changes nothing


def test_empty_text_removes_it(hermetic):
    referral.save_referral(hermetic, "KATI", TEXT)
    assert referral.clear_referral(hermetic, "KATI") is True
    assert referral.load_referral(hermetic, "KATI") is None
    assert referral.clear_referral(hermetic, "KATI") is False


def test_a_phone_number_is_a_warning_not_a_refusal(hermetic):
    saved = referral.save_referral(hermetic, "KATI", "CSRef psychologist: 20 22 33 44")
    assert saved.warnings == ("20 22 33 44",)
    assert referral.load_referral(hermetic, "KATI").endswith("20 22 33 44")


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"version": 1, "sites": [1]}',
                                     b'{"version": 9, "sites": {}}', b"\xff\xfe"])
def test_damaged_file_is_named_and_never_overwritten(hermetic, content):
    hermetic.mkdir(parents=True, exist_ok=True)
    path = hermetic / referral.FILE
    path.write_bytes(content)
    with pytest.raises(referral.ReferralError, match=referral.FILE):
        referral.load_referral(hermetic, "KATI")
    assert "ccfacil referral set" in referral.shown_text(hermetic, "KATI")
    saved = referral.save_referral(hermetic, "KATI", TEXT)
    assert saved.moved is not None and saved.moved.read_bytes() == content
    assert referral.load_referral(hermetic, "KATI") == TEXT


# the command line ---------------------------------------------------------------------------

def test_cli_set_show_clear_with_the_remembered_site(hermetic):
    settings.save(hermetic, settings.Settings(site="KATI"))
    shown = run("referral", "show")
    assert shown.exit_code == 0 and "ccfacil referral set" in shown.stdout
    result = run("referral", "set", TEXT)
    assert result.exit_code == 0 and "KATI" in result.stdout, result.output
    assert run("referral", "show").stdout.strip() == TEXT
    assert run("referral", "show", "--site", "kati").stdout.strip() == TEXT
    assert "ccfacil referral set" in run("referral", "show", "--site", "SEGOU").stdout
    assert run("referral", "clear").exit_code == 0
    assert referral.load_referral(hermetic, "KATI") is None


def test_cli_text_from_stdin_and_from_a_file(hermetic, tmp_path):
    result = run("referral", "set", "--site", "SEGOU", "-", input="Dɔgɔtɔrɔso kuntigi\n")
    assert result.exit_code == 0, result.output
    assert referral.load_referral(hermetic, "SEGOU") == "Dɔgɔtɔrɔso kuntigi"
    file = tmp_path / "referral.txt"
    file.write_text("\ufeffThe in-charge, then the CSRef.\n", encoding="utf-8")
    assert run("referral", "set", "--site", "SEGOU", "--file", file).exit_code == 0
    assert referral.load_referral(hermetic, "SEGOU") == "The in-charge, then the CSRef."


def test_cli_phone_number_warns_on_stderr_and_saves(hermetic):
    result = run("referral", "set", "--site", "KATI", "Service line 20 22 33 44")
    assert result.exit_code == 0
    assert "phone number" in result.stderr and "20 22 33 44" in result.stderr
    assert referral.load_referral(hermetic, "KATI") == "Service line 20 22 33 44"


@pytest.mark.parametrize(("args", "code", "expected"), [
    (["referral", "set", "--site", "KATI", "   "], 2, "empty"),
    (["referral", "set", "--site", "KATI", "x" * 700], 1, "characters long"),
    (["referral", "set", "--site", "KATI", "--file", "/nonexistent/r.txt"], 1, "r.txt"),
    (["referral", "set", "--site", "KATI", "a", "--file", "/nonexistent/r.txt"], 2, "not both"),
])
def test_cli_bad_input_is_one_line(hermetic, args, code, expected):
    result = run(*args)
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ccfacil: error: ") and expected in lines[0]


def test_cli_damaged_file_is_one_line(hermetic):
    hermetic.mkdir(parents=True, exist_ok=True)
    (hermetic / referral.FILE).write_text("{", encoding="utf-8")
    result = run("referral", "show", "--site", "KATI")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("ccfacil: error: ") and referral.FILE in result.stderr


# site configuration, not session data ------------------------------------------------------

def test_never_part_of_exports_reports_or_session_files(hermetic, tmp_path):
    secret = "REFERRAL-7Q: the head midwife of ward B"
    with SessionStore.open(hermetic) as store:
        for record in records.all_records():
            store.save(record)
    referral.save_referral(hermetic, "KATI", secret)
    session = records.kati_march().id
    outputs = []
    for fmt in ("md", "txt", "csv", "json"):
        result = run("export", "session", session, "--format", fmt, "--include-notes")
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    for fmt in ("md", "txt", "csv", "json"):
        result = run("report", "--from", "2026-01", "--to", "2026-12", "--format", fmt)
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    outputs.append(run("sessions", "show", session).stdout)
    assert all(outputs)  # every export and report was written
    for name in os.listdir(hermetic):
        if name != referral.FILE and (hermetic / name).is_file():
            outputs.append((hermetic / name).read_bytes().decode("utf-8", "replace"))
    assert not any("REFERRAL-7Q" in text for text in outputs)
