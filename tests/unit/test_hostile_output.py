"""Output that cannot attack the reader (issue 10, points 9, 10 and 11): terminal escapes
from merged text are made visible, CSV cells cannot start a formula, and ``--out`` only
ever replaces a regular file (0600 when it holds free text)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.export import csvfile, dhis2, report, reporttext, summary
from ccfacil.export.mapping import parse_mapping
from ccfacil.sessions.session import ActionItem
from ccfacil.storage.store import SessionStore
from tests.conftest import DEMO_DECK, write_deck
from tests.golden import records

TITLE = "\x1b]0;pwned\x07"  # retitles the window
CLEAR = "\x1b[2J"  # clears it
C1 = "\x9b31m"  # CSI as one C1 character
BIDI = "\u202e"  # right-to-left override
ATTACKS = (TITLE, CLEAR, C1, BIDI)
RAW = re.compile("[\x1b\x07\x9b\u202e]")


def run(*args, input=None):
    return CliRunner().invoke(cli, ["--lang", "en", *map(str, args)], input=input)


def hostile() -> "records.SessionRecord":
    record = records.kati_march()
    record.site = f"KATI{TITLE}"
    record.notes = f"calm{CLEAR} day\nsecond line{BIDI}"
    record.cards[0].note = f"note{C1}"
    record.strategies = [*record.strategies, f"music{CLEAR}"]
    record.actions[0].what = f"ask{TITLE}"
    return record


@pytest.fixture
def poisoned(hermetic):
    with SessionStore.open(hermetic) as store:
        store.save(hostile())
    return hermetic


@pytest.mark.parametrize("args", [
    ["sessions", "list"],
    ["sessions", "show", "11111111"],
    ["export", "session", "11111111", "--format", "md", "--include-notes"],
    ["export", "session", "11111111", "--format", "txt", "--include-notes"],
    ["export", "session", "11111111", "--format", "csv", "--include-notes"],
    ["report", "--from", "2026-03", "--to", "2026-03", "--format", "md"],
    ["report", "--from", "2026-03", "--to", "2026-03", "--format", "txt"],
    ["report", "--from", "2026-03", "--to", "2026-03", "--format", "csv"],
    ["sessions", "show", f"x{TITLE}yz{CLEAR}"],  # error lines quoting what was typed
    ["report", "--from", f"2026-03{TITLE}", "--to", "2026-03"],
])
def test_no_raw_escape_reaches_the_terminal(poisoned, args):
    result = run(*args)
    assert "Traceback" not in result.output
    assert not RAW.search(result.stdout), result.stdout
    assert not RAW.search(result.stderr), result.stderr


def test_escapes_are_shown_not_dropped(poisoned):
    shown = run("sessions", "show", "11111111").stdout
    assert "KATI\\x1b]0;pwned\\x07" in shown and "calm\\x1b[2J day" in shown
    assert "second line\\u202e" in shown and "note\\x9b31m" in shown
    assert "Notes:\n  calm" in shown  # newlines stay newlines


@pytest.mark.parametrize("args", [
    ["sessions", "list", "--format", "json", "--include-notes"],
    ["export", "session", "11111111", "--format", "json", "--include-notes"],
    ["report", "--from", "2026-03", "--to", "2026-03", "--format", "json", "--include-notes"],
])
def test_json_on_a_terminal_is_escaped_but_the_same_data(poisoned, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stdout)
    data = json.loads(result.stdout)
    sessions = data if isinstance(data, list) else data["sessions"]
    assert sessions[0]["site"] == f"KATI{TITLE}"
    assert sessions[0]["notes"] == hostile().notes
    assert sessions[0]["cards"][0]["note"] == f"note{C1}"


def test_a_file_keeps_its_content(poisoned, tmp_path):
    out = tmp_path / "x.md"
    result = run("export", "session", "11111111", "--format", "md", "--include-notes",
                 "--out", out)
    assert result.exit_code == 0, result.output
    assert TITLE in out.read_text(encoding="utf-8")


def test_draw_shows_deck_text_safely(tmp_path):
    deck = write_deck(tmp_path / "decks", DEMO_DECK.replace(
        "How do you rest [really]?", "How do you rest\\u001b]0;pwned\\u0007?").replace(
        "Care for self", "Care\\u001b[2J for self"))
    for fmt in ("text", "json"):
        result = CliRunner().invoke(cli, ["--lang", "en", "--deck-path", str(deck.parent),
                                          "draw", "--deck", "demo", "--count", "3",
                                          "--format", fmt])
        assert result.exit_code == 0, result.output
        assert not RAW.search(result.stdout), result.stdout
        assert "rest\\" in result.stdout


# -- CSV formula injection (OWASP) ---------------------------------------------------------

@pytest.mark.parametrize("value, written", [
    ("=cmd|'/C calc'!A0", "'=cmd|'/C calc'!A0"),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("-", "'-"),
    ("-1,2", "-1,2"),  # a negative number stays a number
    ("+0.7", "+0.7"),
    ("-12", "-12"),
    (-3, "-3"),
    (-0.5, "-0.5"),
    ("a=b", "a=b"),
    ("ɲɔgɔn dɛmɛ", "ɲɔgɔn dɛmɛ"),
    (None, ""),
])
def test_csv_cells_cannot_start_a_formula(value, written):
    assert csvfile.read(csvfile.to_bytes([[value]])) == [[written]]


def formulas_everywhere() -> "records.SessionRecord":
    record = records.kati_march()
    record.strategies = [*record.strategies, "=1+1"]
    record.themes = ["@SUM(A1)"]
    record.cards[0].note = "+33 6 00"
    record.notes = "-cmd"
    record.actions = [ActionItem("=cmd|'/C calc'!A0", role="+major")]
    return record


def cells(data: bytes) -> list[str]:
    return [c for row in csvfile.read(data) for c in row]


def test_every_csv_neutralises_formulas():
    record = formulas_everywhere()
    session = cells(summary.render(record, "csv", include_notes=True))
    built = report.build([record], None, records.START, records.END)
    period = cells(reporttext.render(built, "csv", include_notes=True))
    mapping = parse_mapping('[org_units]\nKATI = "=HYPERLINK(1)"\n[data_elements]\n'
                            'sessions_held = "@DE"\n', Path("m.toml"))
    dhis = cells(dhis2.render(dhis2.payload(built, mapping), "dhis2-csv"))
    for found in (session, period, dhis):
        assert not [c for c in found if c[:1] in ("=", "+", "-", "@", "\t", "\r")
                    and not re.fullmatch(r"[+-]\d+(?:[.,]\d+)?", c)], found
    for expected in ("'=cmd|'/C calc'!A0", "'+major", "'+33 6 00", "'-cmd"):
        assert expected in session
    assert "'=1+1" in period and "'@SUM(A1)" in period
    assert "'=HYPERLINK(1)" in dhis and "'@DE" in dhis


def test_numbers_stay_numbers_in_csv():
    record = records.kati_march()
    record.checkin.counts = {1: 0, 2: 0, 3: 0, 4: 5, 5: 5}
    record.checkout.counts = {1: 5, 2: 5, 3: 0, 4: 0, 5: 0}
    rows = csvfile.read(summary.render(record, "csv"))
    assert ["Change of mean", "-3"] in rows


# -- where files go -------------------------------------------------------------------------

EXPORT = ("export", "session", "11111111", "--format", "md")


@pytest.fixture
def saved(hermetic):
    with SessionStore.open(hermetic) as store:
        store.save(records.kati_march())
    return hermetic


def test_empty_out_is_a_clear_usage_error(saved):
    result = run(*EXPORT, "--out", "")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--out" in result.stderr and "empty file name" in result.stderr
    assert "busy" not in result.stderr


def test_out_refuses_a_fifo_and_a_symlink(saved, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    for path, words in ((fifo, "not a regular file"), (link, "symbolic link"),
                        (dangling, "symbolic link"), (tmp_path, "folder")):
        result = run(*EXPORT, "--out", path)
        assert result.exit_code == 2, (path, result.output)
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()
    assert target.read_text() == "keep me" and dangling.is_symlink()
    assert not (tmp_path / "nowhere").exists()


def test_out_never_replaces_a_device(monkeypatch):
    from ccfacil.errors import CcfacilError
    from ccfacil.export import output

    def never(*args, **kwargs):  # whatever happens, this test writes nothing in /dev
        raise AssertionError("atomic_write called on a device")

    monkeypatch.setattr(output, "atomic_write", never)
    assert "not a regular file" in output.out_problem("/dev/null")
    with pytest.raises(CcfacilError, match="not a regular file"):
        output.write_output("x", "/dev/null")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_free_text_exports_are_private(saved, tmp_path):
    public, private = tmp_path / "public.md", tmp_path / "private.md"
    assert run(*EXPORT, "--out", public).exit_code == 0
    assert stat.S_IMODE(public.stat().st_mode) == 0o644
    assert run(*EXPORT, "--out", private, "--include-notes").exit_code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert run(*EXPORT, "--out", private).exit_code == 0  # overwritten without notes
    assert stat.S_IMODE(private.stat().st_mode) == 0o600  # still 0600
    assert run("report", "--from", "2026-03", "--to", "2026-03", "--include-notes",
               "--out", tmp_path / "r.md").exit_code == 0
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o600


def test_output_to_a_full_disk_is_one_line(saved):
    env = {**os.environ, "CCFACIL_DATA_DIR": str(saved), "CCFACIL_LANG": "en"}
    for args in (["report", "--from", "2026-03", "--to", "2026-03"],
                 ["sessions", "list"], ["draw", "--count", "2"],
                 ["export", "session", "11111111", "--format", "csv"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "ccfacil", *args], stdout=full,
                                  stderr=subprocess.PIPE, text=True, timeout=60, env=env)
        assert done.returncode == 1, done.stderr
        assert done.stderr == ("ccfacil: error: cannot write to standard output: "
                               "the disk is full\n"), done.stderr  # words, not the C library's


def test_every_command_prints_through_the_safe_echo():
    package = Path(__file__).resolve().parents[2] / "ccfacil"
    allowed = {package / "commands" / "echo.py"}
    offenders = [str(path.relative_to(package)) for path in
                 [package / "cli.py", *sorted((package / "commands").glob("*.py"))]
                 if path not in allowed and re.search(
                     r"click\.(echo|secho|confirm|prompt)\(|\bprint\(",
                     path.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.mark.parametrize("text, shown", [
    ("plain ɛ ɔ ɲ ŋ\ttab\nline", "plain ɛ ɔ ɲ ŋ\ttab\nline"),
    ("a\x1b[2Jb", "a\\x1b[2Jb"),
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    ("csi\x9b31m", "csi\\x9b31m"),
    ("over\rwrite", "over\\x0dwrite"),
    ("csv\r\nline", "csv\r\nline"),
    ("rtl\u202eevil", "rtl\\u202eevil"),
    ("nul\x00del\x7f", "nul\\x00del\\x7f"),
])
def test_for_terminal(text, shown):
    from ccfacil.safetext import for_terminal, json_for_terminal, one_line

    assert for_terminal(text) == shown
    assert "\n" not in one_line(text) and "\x1b" not in one_line(text)
    dumped = json.dumps({"v": text}, ensure_ascii=False)
    assert json.loads(json_for_terminal(dumped)) == {"v": text}
    assert not RAW.search(json_for_terminal(dumped))
