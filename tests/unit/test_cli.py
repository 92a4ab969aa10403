"""The command line, through click's CliRunner and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ccfacil import __version__
from ccfacil.cli import cli
from tests.conftest import DEMO_DECK, write_deck


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"ccfacil {__version__}"


def test_draw_json_from_extra_deck_path(demo_deck):
    result = run("--lang", "en", "--deck-path", str(demo_deck.parent), "draw", "--deck", "demo",
                 "--seed", "3", "--count", "4", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == 4
    assert set(records[0]) == {"deck", "id", "domain", "question", "advice", "affirmation",
                               "lang"}
    assert records[0]["deck"] == "demo" and records[0]["lang"] == "en"
    assert {r["id"] for r in records[:3]} == {"self-01", "self-02", "clients-01"}


def test_deck_path_from_environment(demo_deck, tmp_path):
    other = write_deck(tmp_path / "more", DEMO_DECK.replace('id = "demo"', 'id = "extra"'), "extra")
    env = {"CCFACIL_DECK_PATH": f"{demo_deck.parent}:{other.parent}"}
    result = run("--lang", "en", "decks", "list", "--format", "json", env=env)
    ids = [row["id"] for row in json.loads(result.stdout)]
    assert "demo" in ids and "extra" in ids


def test_draw_text_shows_markup_as_text(demo_deck):
    result = run("--lang", "en", "--deck-path", str(demo_deck.parent), "draw", "--deck", "demo",
                 "--domain", "self", "--count", "2", "--seed", "1")
    assert result.exit_code == 0
    assert "How do you rest [really]?" in result.stdout
    assert "Care for self" in result.stdout and "clients-01" not in result.stdout


def test_draw_same_seed_same_cards(demo_deck):
    args = ("--lang", "en", "--deck-path", str(demo_deck.parent), "draw", "--deck", "demo",
            "--seed", "11", "--count", "6", "--balanced")
    assert run(*args).stdout == run(*args).stdout


def test_decks_check_ok_and_bad(demo_deck, tmp_path):
    result = run("decks", "check", str(demo_deck))
    assert result.exit_code == 0 and "ok, 3 cards" in result.stdout
    bad = write_deck(tmp_path / "bad", DEMO_DECK.replace('advice = "Breathe out slowly."\n', "")
                     .replace('domain = "clients"\nquestion', 'domain = "x"\nquestion'))
    result = run("decks", "check", str(bad), str(demo_deck))
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if str(bad) in line]
    assert lines == [
        f"{bad / 'deck.toml'}: card self-01: missing field 'advice' (line 16)",
        f"{bad / 'deck.toml'}: card clients-01: unknown domain 'x' (known: clients, self) "
        "(line 29)",
    ]


def test_decks_check_syntax_error(tmp_path):
    bad = write_deck(tmp_path, DEMO_DECK.replace("version = 1", "version = = 1"))
    result = run("decks", "check", str(bad))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{bad / 'deck.toml'}:4: not valid TOML")
    assert len(result.stdout.splitlines()) == 1


def test_unknown_things_are_one_line_errors(demo_deck):
    cases = [
        (["--lang", "xx", "decks", "list"], "no language 'xx'"),
        (["--lang", "en", "draw", "--deck", "nope"], "no deck named 'nope'"),
        (["--lang", "en", "--deck-path", str(demo_deck.parent), "draw", "--deck", "demo",
          "--domain", "family"], "unknown domain: family"),
        (["--lang", "en", "draw", "--count", "0"], "--count"),
        (["draw", "--bogus"], "No such option"),
    ]
    for args, expected in cases:
        result = CliRunner().invoke(cli, args)
        assert result.exit_code != 0, args
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit), result.exception
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("ccfacil: error:"), (args, lines)
        assert expected in lines[0]


def test_broken_deck_in_library_is_a_warning_for_list(tmp_path, demo_deck):
    write_deck(demo_deck.parent, "[deck\n", name="broken")
    result = run("--lang", "en", "--deck-path", str(demo_deck.parent), "decks", "list")
    assert result.exit_code == 0
    assert "demo" in result.stdout and "deck skipped" in result.stderr


def test_real_process_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "ccfacil", "--lang", "en", "draw", "--deck",
                           "missing"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().startswith("ccfacil: error: no deck named 'missing'")


def test_default_folders_match_platformdirs(monkeypatch, tmp_path):
    import platformdirs

    from ccfacil import paths

    monkeypatch.delenv("CCFACIL_DATA_DIR")
    for xdg in (None, str(tmp_path / "xdg"), "relative/ignored"):
        for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
            if xdg is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, xdg)
        assert paths.default_data_dir() == Path(
            platformdirs.user_data_dir("ccfacil", appauthor=False))
        assert paths.cache_dir() == Path(platformdirs.user_cache_dir("ccfacil", appauthor=False))
