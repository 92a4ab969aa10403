"""Catalogs (issue 10, point 7): written atomically, an unreadable ``.mo`` is stale, and what
would break at run time (a plural rule that cannot be computed, a lone ``%`` beside
placeholders, a malformed ``.po``) is caught by ``locales check``, is one line in the tools,
and falls back to the English text with one warning instead of crashing a command."""

from __future__ import annotations

import errno
import re
import shutil
from gettext import GNUTranslations

import pytest
from click.testing import CliRunner

from ccfacil import paths
from ccfacil.cli import cli
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.catalogs import LocaleRegistry
from ccfacil.storage import fsutil


@pytest.fixture
def french(tmp_path, monkeypatch):
    """A copy of the shipped French catalogs, found before the shipped ones."""
    root = tmp_path / "loc"
    shutil.copytree(paths.shipped_locales_dir() / "fr", root / "fr")
    monkeypatch.setenv("CCFACIL_LOCALE_PATH", str(root))
    i18n.configure()
    return root / "fr" / "LC_MESSAGES"


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def edit(po, old, new):
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new), encoding="utf-8")


def no_traceback(result):
    assert "Traceback" not in result.output and result.exception is None or \
        isinstance(result.exception, SystemExit), result.output


def test_a_zero_byte_mo_is_stale_and_every_command_still_works(french):
    (french / "cards.mo").write_bytes(b"")  # what a full disk left, newer than its .po
    (french / "ccfacil.mo").write_bytes(b"\xde\x12\x04\x95garbage")
    for args in (["--lang", "fr", "draw", "--seed", "1"], ["--lang", "fr", "decks", "list"],
                 ["--lang", "fr", "sessions", "list"]):
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 0, result.output
    assert "Conseil" in run("--lang", "fr", "draw", "--seed", "1").stdout
    checked = run("--lang", "en", "locales", "check", "fr")
    assert f"{french / 'cards.mo'}: warning: cannot be read" in checked.stdout
    repaired = run("--lang", "fr", "locales", "compile", "fr", "--dir", french.parent.parent)
    assert repaired.exit_code == 0, repaired.output
    assert (french / "cards.mo").stat().st_size > 1000


def test_a_full_disk_while_compiling_keeps_the_old_mo(french, monkeypatch):
    root = french.parent.parent
    assert run("locales", "compile", "fr", "--dir", root).exit_code == 0
    before = {p.name: p.read_bytes() for p in french.glob("*.mo")}
    assert len(before) == 2

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", full)
    result = run("--lang", "en", "locales", "compile", "fr", "--dir", root)
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "No space left on device" in result.stderr
    assert {p.name: p.read_bytes() for p in french.glob("*.mo")} == before
    assert [p.name for p in french.iterdir() if p.name.startswith(".")] == []
    assert all(p.stat().st_size > 0 for p in french.iterdir())


def test_init_never_leaves_an_empty_catalog_and_can_run_again(tmp_path, monkeypatch):
    target = tmp_path / "work" / "ff" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "ccfacil.po").write_bytes(b"")  # left by an older version on a full disk
    result = run("locales", "init", "ff", "--dir", tmp_path / "work")
    assert result.exit_code == 0, result.output
    assert (target / "ccfacil.po").stat().st_size > 1000

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", full)
    failed = run("locales", "init", "pt", "--dir", tmp_path / "work")
    assert failed.exit_code == 1 and "No space left on device" in failed.stderr
    assert not list((tmp_path / "work").glob("pt/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("rule, words", [
    ("nplurals=2; plural=(n >>>> 1);", "cannot be computed"),
    ("nplurals=2; plural=n/0;", "fails for n=0"),
    ("nplurals=2; plural=n;", "gives 2 for n=2"),
])
def test_a_plural_rule_that_breaks_at_run_time(french, rule, words):
    for name in ("ccfacil.po", "cards.po"):
        edit(french / name, "nplurals=2; plural=(n > 1);", rule)
    checked = run("--lang", "en", "locales", "check", "fr")
    assert checked.exit_code == 1
    errors = [line for line in checked.stdout.splitlines() if "Plural-Forms" in line]
    assert len(errors) == 2 and all(words in line for line in errors), checked.stdout
    assert errors[0].startswith(f"{french / 'ccfacil.po'}:1: error: header Plural-Forms")
    for args in (["--lang", "fr", "decks", "list"], ["--lang", "fr", "draw", "--count", "2"],
                 ["--lang", "fr", "sessions", "list"]):
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 0, result.output
        assert result.stderr.count("warning:") == 2, result.stderr  # once per catalog
    assert re.search(r"\(\d+ cards\)", run("--lang", "fr", "decks", "list").stdout)  # English instead


def test_a_lone_percent_beside_placeholders(french):
    po = french / "ccfacil.po"
    edit(po, 'msgstr[1] "%(num)d cartes"', 'msgstr[1] "%(num)d cartes à 100 %"')
    checked = run("--lang", "en", "locales", "check", "fr")
    assert checked.exit_code == 1
    line = next(row for row in checked.stdout.splitlines() if "100 %" in row)
    assert line.startswith(f"{po}:") and "error: cannot be formatted" in line
    listed = run("--lang", "en", "decks", "list")
    assert re.search(r"\(\d+ cards\)", listed.stdout)
    listed = run("--lang", "fr", "decks", "list")
    no_traceback(listed)
    assert listed.exit_code == 0 and re.search(r"\(\d+ cards\)", listed.stdout)  # English
    assert listed.stderr.count("\n") == 1 and "%(num)d card" in listed.stderr
    assert "cannot be formatted" in listed.stderr


@pytest.mark.parametrize("command", ["compile", "update"])
def test_a_malformed_po_in_compile_and_update_is_one_line(french, command):
    po = french / "ccfacil.po"
    edit(po, 'msgstr "Conseil"', 'msgstr "Conseil')
    before = po.read_bytes()
    result = run("--lang", "en", "locales", command, "fr", "--dir", french.parent.parent)
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"{po}:" in result.stderr and "unterminated or malformed string" in result.stderr
    assert po.read_bytes() == before


def test_update_and_extract_write_atomically(tmp_path, monkeypatch):
    root = tmp_path / "loc"
    shutil.copytree(paths.shipped_locales_dir() / "bm", root / "bm")
    po = root / "bm" / "LC_MESSAGES" / "ccfacil.po"
    before = po.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", full)
    result = run("--lang", "en", "locales", "update", "bm", "--dir", root)
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert po.read_bytes() == before
    out = tmp_path / "templates"
    result = run("--lang", "en", "locales", "extract", "--dir", out)
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert not out.exists() or all(p.stat().st_size > 0 for p in out.iterdir())


def test_a_translation_failing_at_run_time_falls_back_with_one_warning(monkeypatch):
    said = []
    monkeypatch.setattr(i18n, "reporter", said.append)
    monkeypatch.setattr(i18n, "_reported", set())
    localizer = i18n.set_language("fr")
    broken = GNUTranslations()
    broken._catalog, broken._info, broken._charset = {}, {}, "utf-8"

    def plural(n):
        raise ZeroDivisionError("integer division or modulo by zero")

    broken.plural = plural
    broken._catalog[("%(num)d card", 0)] = "%(num)d carte"
    localizer.messages = broken
    assert i18n.ngettext("%(num)d card", "%(num)d cards", 3) == "%(num)d cards"
    assert i18n.ngettext("%(num)d card", "%(num)d cards", 1) == "%(num)d card"
    i18n.ngettext("%(num)d card", "%(num)d cards", 3)
    assert len(said) == 2 and "n=3" in said[0] and "English" in said[0]  # each said once


def test_registry_reports_a_bad_plural_once(french):
    edit(french / "ccfacil.po", "nplurals=2; plural=(n > 1);", "nplurals=2; plural=n/0;")
    registry = LocaleRegistry([french.parent.parent])
    assert registry.load("fr", "ccfacil") is None
    assert registry.load("fr", "ccfacil") is None
    assert len(registry.problems) == 1 and "fails for n=0" in str(registry.problems[0])
