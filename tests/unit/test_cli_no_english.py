"""Every word in the room's language on the command line: every error path and every
``--help``, run with ``--lang fr`` and ``--lang bm`` (and ``CCFACIL_LANG``), must not
show one English word from click's messages or from Python's own error texts."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from ccfacil import paths
from ccfacil.cli import cli
from ccfacil.i18n import clicktext
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.catalogs import LocaleRegistry
from ccfacil.sessions.session import SessionRecord
from ccfacil.storage.store import SessionStore

# Words Python puts in its error texts (OSError, json, tomllib, KeyError...).
PYTHON_WORDS = {
    "traceback", "errno", "error", "keyerror", "valueerror", "typeerror", "oserror",
    "attributeerror", "such", "directory", "permission", "denied", "expecting", "value",
    "delimiter", "column", "char", "invalid", "literal", "object", "attribute", "expected",
    "unterminated", "string", "decode", "codec", "byte", "position", "start", "file",
    "exists", "space", "left", "device", "read", "only", "system", "none", "true", "false",
}


def click_words() -> set[str]:
    words: set[str] = set()
    texts = list(clicktext.MESSAGES)
    for n in (1, 2):
        i18n.set_language("en")
        texts += clicktext.plural_messages(n)
    for text in texts:
        words |= set(re.findall(r"[a-z]{3,}", re.sub(r"\{[^}]*\}", " ", text).lower()))
    return words


def typed_values() -> set[str]:
    """Values a user types (``--format text``): shown as they are typed, not words."""
    import click

    values: set[str] = set()

    def walk(command):
        for param in command.params:
            if isinstance(param.type, click.Choice):
                values.update(str(c).lower() for c in param.type.choices)
        if isinstance(command, click.Group):  # sub-commands load lazily: ask the group
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name))

    walk(cli)
    return values


def translated_words(lang: str) -> set[str]:
    """Words the translations themselves use (a French "option" is not an English leak)."""
    loaded = LocaleRegistry([paths.shipped_locales_dir()]).load(lang, "ccfacil")
    found: set[str] = set()
    for text in loaded.entries.values():
        text = re.sub(r"%\(\w+\)\w|\{[^}]*\}", " ", text)  # placeholders are not words
        found |= set(re.findall(r"[a-zɛɔɲŋ]{3,}", text.lower()))
    return found


def words_of(output: str) -> set[str]:
    """The words shown, without what is not language: paths, option names, values."""
    output = re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", output)  # --lang, -h
    output = re.sub(r"\S*[/\\.]\S*", " ", output)  # paths, file names, versions
    output = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"|«[^»\n]*»", " ", output)  # values quoted
    output = re.sub(r"\b[A-Z_]{2,}\b", " ", output)  # CCFACIL_LANG, env names
    return set(re.findall(r"[a-zɛɔɲŋ]{3,}", output.lower()))


@pytest.fixture
def files(tmp_path, hermetic):
    """Bad input of every kind, as a facilitator or coordinator might meet it."""
    made = {}
    made["not_json"] = tmp_path / "notes.json"
    made["not_json"].write_text("{this is not json", encoding="utf-8")
    made["not_export"] = tmp_path / "other.json"
    made["not_export"].write_text('{"hello": 1}', encoding="utf-8")
    record = SessionRecord("KATI", "courage", "fr", 8).to_dict()
    del record["site"]
    made["no_site"] = tmp_path / "kati.json"
    made["no_site"].write_text(json.dumps({"format": "ccfacil-export", "version": 1,
                                           "sessions": [record]}), encoding="utf-8")
    made["bad_toml"] = tmp_path / "mapping.toml"
    made["bad_toml"].write_text("[org_units\nKATI = ", encoding="utf-8")
    made["missing"] = tmp_path / "nowhere.json"
    made["folder"] = tmp_path / "a-folder"
    made["folder"].mkdir()
    made["file"] = tmp_path / "a-file.txt"
    made["file"].write_text("x", encoding="utf-8")
    with SessionStore.open(hermetic) as store:
        store.save(SessionRecord("KATI", "courage", "fr", 8, id="abcdef00-0000-4000-8000-0"))
    return made


def error_paths(f) -> list[list[str]]:
    return [
        ["--frob"],
        ["frobnicate"],
        ["--lang"],
        ["--data-dir", str(f["file"]), "sessions", "list"],
        ["--participants", "50"],
        ["--participants", "many"],
        ["--length", "2"],
        ["--turn", "9:99"],
        ["--theme", "pink"],
        ["--mode", "random"],
        ["--deck", "nope"],
        ["--seed", "x"],
        ["sessions", "show"],
        ["sessions", "show", "zzzzzzzz"],
        ["sessions", "show", "abc"],
        ["sessions", "list", "--format", "pdf"],
        ["sessions", "list", "--site", "KATI", "--start"],
        ["sessions", "delete", "abcdef00"],
        ["draw", "--count", "x"],
        ["draw", "--deck", "nope"],
        ["draw", "--domain", "nope"],
        ["decks", "check", str(f["missing"])],
        ["decks", "check", str(f["file"])],
        ["decks", "list", "--format", "pdf"],
        ["export", "session", "abcdef00", "--format", "pdf"],
        ["export", "session", "--format", "md"],
        ["export", "session", "zzzzzzzz", "--format", "md"],
        ["export", "session", "abcdef00", "--format", "md", "--out", str(f["folder"])],
        ["export", "session", "abcdef00", "--format", "md", "--min-count", "x"],
        ["report", "--from", "bad", "--to", "2026-03"],
        ["report", "--from", "2026-04", "--to", "2026-03"],
        ["report", "--to", "2026-03"],
        ["report", "--from", "2026-03", "--to", "2026-03", "--format", "dhis2-json"],
        ["report", "--from", "2026-03", "--to", "2026-03", "--format", "dhis2-json",
         "--mapping", str(f["missing"])],
        ["report", "--from", "2026-03", "--to", "2026-03", "--format", "dhis2-json",
         "--mapping", str(f["bad_toml"])],
        ["merge"],
        ["merge", str(f["missing"])],
        ["merge", str(f["not_json"])],
        ["merge", str(f["not_export"])],
        ["merge", str(f["no_site"])],
        ["locales", "init", "x!"],
        ["locales", "check", "zz"],
        ["locales", "frob"],
    ]


def command_names() -> set[str]:
    """Every sub-command's name (``show``, ``list``...): what a user types, not words."""
    import click

    names, groups = set(), [cli]
    while groups:
        group = groups.pop()
        ctx = click.Context(group)  # sub-commands are loaded lazily: ask the group
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            names.add(name)
            if isinstance(command, click.Group):
                groups.append(command)
    return names


HELP = [[], ["run"], ["sessions"], ["sessions", "list"], ["sessions", "show"],
        ["sessions", "delete"], ["draw"], ["decks"], ["decks", "check"], ["export"],
        ["export", "session"], ["report"], ["merge"], ["locales"], ["locales", "check"],
        ["locales", "init"]]


@pytest.mark.parametrize("lang", ["fr", "bm"])
def test_no_english_on_any_error_path(lang, files, monkeypatch):
    english = (click_words() | PYTHON_WORDS) - translated_words(lang) - typed_values() - {
        "ccfacil"}
    assert {"invalid", "missing", "such", "usage", "expecting"} <= english
    failures = []
    for args in error_paths(files):
        result = CliRunner().invoke(cli, ["--lang", lang, *args])
        out = result.output + (result.stderr or "")
        assert result.exit_code != 0, (args, out)
        assert "Traceback" not in out, (args, out)
        leaks = words_of(out) & english
        if leaks:
            failures.append(f"{args}: {sorted(leaks)}\n{out}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("how", ["option", "environment"])
@pytest.mark.parametrize("lang", ["fr", "bm"])
def test_help_follows_the_language(lang, how, monkeypatch, hermetic):
    english = (click_words() | PYTHON_WORDS) - translated_words(lang) - {"ccfacil"}
    english |= {"show", "this", "message", "exit", "options", "commands", "folder", "deck",
                "sessions", "language", "default"} - translated_words(lang)
    english -= typed_values() | command_names()  # commands are typed as they are named
    failures = []
    for args in HELP:
        if how == "option":
            result = CliRunner().invoke(cli, ["--lang", lang, *args, "--help"])
        else:
            monkeypatch.setenv("CCFACIL_LANG", lang)
            result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0, (args, result.output)
        leaks = words_of(result.output) & english
        if leaks:
            failures.append(f"{args}: {sorted(leaks)}\n{result.output}")
    assert not failures, "\n".join(failures)


def test_help_in_english_stays_english(hermetic):
    result = CliRunner().invoke(cli, ["--lang", "en", "report", "--help"])
    assert "Usage:" in result.output and "Show this message and exit." in result.output
    french = CliRunner().invoke(cli, ["--lang", "fr", "report", "--help"])
    assert "Utilisation" in french.output and "Usage:" not in french.output
    again = CliRunner().invoke(cli, ["--lang", "en", "report", "--help"])
    assert again.output == result.output  # nothing French stays behind


def test_every_user_facing_click_message_is_in_our_list():
    """A new click release with new words fails here, not in front of a facilitator."""
    import os

    import click
    from babel.messages.extract import extract_from_file

    ignored = {  # said to programmers only, or never reached by ccfacil
        "d", "{editor}: Editing failed", "{editor}: Editing failed: {e}", "deprecated",
        "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
        "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
        "Value must be an iterable.", "Name '{name}' defined twice",
        "Boolean option {decl!r} cannot use the same flag for true/false.",
        "Could not determine name for option with declarations {decls!r}",
        "No options defined but a name was passed ({name}). Did you mean to declare an "
        "argument instead? Did you mean to pass '--{name}'?",
        "Arguments take exactly one parameter declaration, got {length}: {decls}.",
        "%(prog)s, version %(version)s", "Invalid start character for option ({option})",
        "Shell completion is not supported for Bash versions older than 4.4.",
        "Couldn't detect Bash version, shell completion is not supported.",
        "Unknown color {colour!r}", "Choice({choices})", "Unknown standard stream '{name}'",
    }
    ours = set(clicktext.MESSAGES) | set(clicktext.PLACEHOLDERS)
    plurals = {tuple(p) for p in PLURAL_IDS}
    folder = os.path.dirname(click.__file__)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py") or name.startswith("_win"):
            continue
        for _line, message, _c, _ctx in extract_from_file(
                "python", os.path.join(folder, name), keywords={"_": None, "ngettext": (1, 2)}):
            if isinstance(message, tuple):
                assert message in plurals, (name, message)
            else:
                assert message in ours or message in ignored, (name, message)


PLURAL_IDS = [
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    ("{value!r} does not match the format {format}.",
     "{value!r} does not match the formats {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."),
]
