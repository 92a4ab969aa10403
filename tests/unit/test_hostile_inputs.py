"""Everything else found (issue 10, point 8): a deck nested thousands deep, a settings file
with a value out of range, empty options: one clear line, never a traceback, and never a
blame on command-line options nobody gave."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.tui.app import CcfacilApp
from tests.conftest import DEMO_DECK, write_deck


@pytest.fixture
def started(monkeypatch):
    """``ccfacil run`` up to the point where the app would take the screen."""
    runs = []
    monkeypatch.setattr(CcfacilApp, "run", lambda self, *a, **k: runs.append(self))
    return runs


def run(*args):
    return CliRunner().invoke(cli, ["--lang", "en", *map(str, args)])


def run_bounded(*args) -> subprocess.CompletedProcess:
    """In a child with a time limit: reading /dev/zero or a FIFO must never hang a test."""
    env = {**os.environ, "CCFACIL_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "ccfacil", *map(str, args)],
                          capture_output=True, text=True, timeout=60, env=env)


@pytest.mark.parametrize("args, words", [
    (["--turn", ""], "--turn is empty"),
    (["--turn", " "], "--turn is empty"),
    (["--mode", ""], "--mode is empty"),
    (["--deck", ""], "--deck is empty"),
    (["--mode", "domain:,,"], "mode 'domain:,,' is not shuffle, balanced or domain:<domain>"),
    (["--mode", "domain:"], "is not shuffle, balanced or domain:<domain>"),
])
def test_empty_options_are_usage_errors(started, args, words):
    for command in (["run", *args], args):  # ccfacil run ..., and plain ccfacil ...
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
    assert started == []


def test_a_settings_value_out_of_range_does_not_block_the_start(hermetic, started):
    hermetic.mkdir(parents=True, exist_ok=True)
    (hermetic / "settings.json").write_text(json.dumps(
        {"site": "KATI", "participants": 500, "turn_seconds": -3, "mode": "domain:nowhere"}),
        encoding="utf-8")
    result = run("run", "--start")
    assert result.exit_code == 0, result.output
    assert len(started) == 1
    setup = started[0].ctx.setup
    assert (setup.participants, setup.turn_seconds, setup.site) == (10, 120, "KATI")
    assert setup.mode == "shuffle"
    lines = result.stderr.splitlines()
    assert all("settings.json" in line for line in lines) and len(lines) == 2, lines
    assert "participants 500" in lines[0] and "turn_seconds -3" in lines[0]
    assert "unknown domain: nowhere" in lines[1]
    assert "--participants" not in result.stderr and "option" not in result.stderr
    assert list(hermetic.glob("settings.json.bad-*"))  # the bad values are kept aside


def test_command_line_values_still_win_and_are_checked(hermetic, started):
    result = run("run", "--participants", "12", "--turn", "1:30", "--mode", "balanced")
    assert result.exit_code == 0, result.output
    setup = started[0].ctx.setup
    assert (setup.participants, setup.turn_seconds, setup.mode) == (12, 90, "balanced")
    bad = run("run", "--turn", "9:99")
    assert bad.exit_code == 2 and "seconds must be under 60" in bad.stderr


DEEP = "[deck]\nid = \"deep\"\nx = " + "[" * 3000 + "]" * 3000 + "\n"


def test_a_deck_nested_thousands_deep_is_one_line(tmp_path):
    folder = write_deck(tmp_path / "decks", DEEP, name="deep")
    checked = run("decks", "check", folder)
    assert checked.exit_code == 1 and "Traceback" not in checked.output
    assert checked.stdout == f"{folder / 'deck.toml'}: TOML nested too deeply (arrays or " \
                             "tables inside each other hundreds of times)\n"
    write_deck(tmp_path / "decks", DEMO_DECK)
    listed = CliRunner().invoke(cli, ["--lang", "en", "--deck-path", str(tmp_path / "decks"),
                                      "decks", "list"])
    assert listed.exit_code == 0 and "demo  Demo deck" in listed.stdout
    assert listed.stderr.startswith("warning: deck skipped: ") and "nested" in listed.stderr
    drawn = CliRunner().invoke(cli, ["--lang", "en", "--deck-path", str(tmp_path / "decks"),
                                     "draw", "--deck", "deep"])
    assert drawn.exit_code == 1 and drawn.stderr.count("\n") == 1 and "nested" in drawn.stderr


def test_a_deck_file_that_is_a_device_or_a_fifo_is_refused(tmp_path):
    fifo = tmp_path / "fifo" / "deck.toml"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    for target in ("/dev/zero", fifo.parent):
        result = run_bounded("decks", "check", target)
        assert result.returncode == 1 and "not a regular file" in result.stdout


def test_a_mapping_file_that_is_a_device_or_nested_deep_is_one_line(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    for mapping, words in (("/dev/zero", "not a regular file"), (deep, "nested too deeply")):
        result = run_bounded("report", "--from", "2026-03", "--to", "2026-03", "--format",
                             "dhis2-json", "--mapping", mapping)
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
