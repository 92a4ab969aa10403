"""Translators' path: init, list, use, fall back, check, update, compile."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from ccfacil import paths
from ccfacil.cli import cli
from ccfacil.i18n import fmt
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.catalogs import LocaleRegistry, read_catalog
from ccfacil.i18n.locale_tools import expected_plural, extract
from ccfacil.i18n.posyntax import raw_headers, set_headers, syntax_problems


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def translate(po, pairs):
    """Fill some msgstrs of a catalog by hand, as a translator would."""
    text = po.read_text(encoding="utf-8")
    for msgid, msgstr in pairs.items():
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"')
        assert msgstr in text, msgid
    po.write_text(text, encoding="utf-8")


def test_new_language_end_to_end(tmp_path, monkeypatch):
    folder = tmp_path / "work"
    result = run("locales", "init", "ff", "--dir", str(folder))
    assert result.exit_code == 0, result.output
    po = folder / "ff" / "LC_MESSAGES" / "ccfacil.po"
    cards = folder / "ff" / "LC_MESSAGES" / "cards.po"
    assert po.is_file() and cards.is_file()
    headers = raw_headers(po.read_text(encoding="utf-8"))
    assert headers["Language"] == "ff" and headers["Plural-Forms"].startswith("nplurals=2")
    translate(po, {"Advice": "Sago", "Affirmation": "Tabitinol",
                   "%(label)s: %(value)s": "%(label)s: %(value)s"})
    monkeypatch.setenv("CCFACIL_LOCALE_PATH", str(folder))
    i18n.configure()
    listing = run("locales", "list").stdout
    line = next(row for row in listing.splitlines() if row.startswith("ff "))
    assert "Pulaar" in line and str(folder / "ff") in line
    drawn = run("--lang", "ff", "draw", "--seed", "1").stdout
    assert "Sago:" in drawn and "Tabitinol:" in drawn
    # Card text falls back to French, the next language of the chain.
    fr = run("--lang", "fr", "draw", "--seed", "1", "--format", "json").stdout
    ff = run("--lang", "ff", "draw", "--seed", "1", "--format", "json").stdout
    assert json.loads(ff)[0]["question"] == json.loads(fr)[0]["question"]


def test_init_unknown_language_needs_a_name_and_keeps_it(tmp_path, monkeypatch):
    result = CliRunner().invoke(cli, ["locales", "init", "dtm", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "--name" in result.output
    run("locales", "init", "dtm", "--dir", str(tmp_path), "--name", "Tommo So")
    monkeypatch.setenv("CCFACIL_LOCALE_PATH", str(tmp_path))
    i18n.configure()
    assert "Tommo So" in run("locales", "list").stdout
    again = CliRunner().invoke(cli, ["locales", "init", "dtm", "--dir", str(tmp_path),
                                     "--name", "x"])
    assert again.exit_code == 1 and "already exists" in again.output


def test_bambara_init_has_one_plural_form(tmp_path):
    run("locales", "init", "bm", "--dir", str(tmp_path))
    text = (tmp_path / "bm" / "LC_MESSAGES" / "ccfacil.po").read_text(encoding="utf-8")
    assert raw_headers(text)["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "msgstr[1]" not in text
    assert expected_plural("bm") == (1, "0") and expected_plural("fr") == (2, "(n > 1)")


def test_shipped_locales_are_complete_and_pass_check():
    result = run("locales", "check", "--complete", "fr", "--complete", "bm", "-q")
    assert result.exit_code == 0, result.output
    assert " error: " not in result.output
    listing = run("locales", "list").stdout.splitlines()
    for lang in ("fr", "bm"):
        row = next(r for r in listing if r.startswith(f"{lang} "))
        assert row.split()[2:4] == ["100%", "100%"], row
    assert any(r.startswith("en ") for r in listing)


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of the shipped French catalogs to break, one seeded error at a time."""
    root = tmp_path / "loc"
    shutil.copytree(paths.shipped_locales_dir() / "fr", root / "fr")
    return root / "fr" / "LC_MESSAGES"


def check_output(root, *extra):
    result = CliRunner().invoke(cli, ["locales", "check", "fr", *extra],
                                env={"CCFACIL_LOCALE_PATH": str(root)})
    return result.exit_code, result.output


SEEDED = [
    ("syntax", lambda t: t.replace('msgstr "Conseil"', 'msgstr "Conseil'),
     "error: unterminated or malformed string", 1),
    ("encoding", None, "error: not UTF-8 text", 1),
    ("plural", lambda t: t.replace("nplurals=2; plural=(n > 1);", "nplurals=3; plural=0;"),
     "Plural-Forms says nplurals=3 but fr has 2", 1),
    ("header", lambda t: t.replace("charset=utf-8", "charset=latin-1"),
     "Content-Type must say charset=UTF-8", 1),
    ("placeholder", lambda t: t.replace("%(path)s\u00a0: correct", "%(chemin)s\u00a0: correct"),
     "placeholders ['chemin', 'count'] differ", 1),
    ("braces", lambda t: t.replace('msgstr "Conseil"', 'msgstr "Conseil {x}"'),
     "placeholders ['{x}'] differ", 1),
    ("markup", lambda t: t.replace('msgstr "Conseil"', 'msgstr "[b]Conseil[/b]"'),
     "warning: looks like markup", 0),
    ("nfc", lambda t: t.replace('msgstr "Conseil"', 'msgstr "Conse\u0301il"'),
     "warning: text is not in Unicode NFC", 0),
    ("fuzzy", lambda t: t.replace('msgid "Advice"', '#, fuzzy\nmsgid "Advice"'),
     "warning: 1 fuzzy message: check it", 0),
    ("missing", lambda t: t.replace('msgstr "Conseil"', 'msgstr ""'),
     "warning: 1 untranslated message", 0),
    ("obsolete", lambda t: t + '\n#~ msgid "Old"\n#~ msgstr "Vieux"\n',
     "warning: 1 obsolete message", 0),
]


@pytest.mark.parametrize(("name", "breaker", "expected", "code"), SEEDED, ids=[s[0] for s in SEEDED])
def test_check_catches_each_seeded_error(broken_copy, name, breaker, expected, code):
    po = broken_copy / "ccfacil.po"
    if breaker is None:
        po.write_bytes(po.read_bytes().replace("Conseil".encode(), "Cons\xe9il".encode("latin-1")))
    else:
        original = po.read_text(encoding="utf-8")
        changed = breaker(original)
        assert changed != original, name
        po.write_text(changed, encoding="utf-8")
    exit_code, output = check_output(broken_copy.parent.parent)
    assert expected in output, output
    assert exit_code == code, output
    if code:
        line = next(row for row in output.splitlines() if expected in row)
        assert line.startswith(f"{po}:"), line


def test_check_stale_mo_and_stale_card_contexts(broken_copy):
    root = broken_copy.parent.parent
    assert run("locales", "compile", "fr", "--dir", str(root)).exit_code == 0
    assert (broken_copy / "ccfacil.mo").is_file()
    cards = broken_copy / "cards.po"
    text = cards.read_text(encoding="utf-8")
    cards.write_text(text + '\nmsgctxt "courage/self-99/question"\nmsgid "Gone"\nmsgstr "Parti"\n',
                     encoding="utf-8")
    _code, output = check_output(root)
    assert "no deck has the card text 'courage/self-99/question'" in output
    assert f"{broken_copy / 'cards.mo'}: warning: older than its .po" in output


def test_broken_catalog_falls_back_once_and_never_crashes(broken_copy):
    po = broken_copy / "ccfacil.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Conseil"', 'msgstr "Conseil'),
                  encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "fr", "draw", "--seed", "2"],
                                env={"CCFACIL_LOCALE_PATH": str(broken_copy.parent.parent)})
    assert result.exit_code == 0
    assert "Advice:" in result.stdout  # ccfacil domain fell back to English
    assert result.stderr.count("warning:") == 1 and f"{po}:" in result.stderr


def test_update_keeps_our_headers_and_marks_changed_english_fuzzy(tmp_path):
    root = tmp_path / "loc"
    shutil.copytree(paths.shipped_locales_dir() / "bm", root / "bm")
    templates = tmp_path / "templates"
    templates.mkdir()
    for name in ("ccfacil.pot", "cards.pot"):
        text = (paths.shipped_locales_dir() / name).read_text(encoding="utf-8")
        (templates / name).write_text(text.replace('msgid "Advice"', 'msgid "Advice today"'),
                                      encoding="utf-8")
    from ccfacil.i18n.locale_tools import update
    update([root], templates, "bm")
    po = root / "bm" / "LC_MESSAGES" / "ccfacil.po"
    text = po.read_text(encoding="utf-8")
    headers = raw_headers(text)
    assert headers["Plural-Forms"] == "nplurals=1; plural=0;"
    assert raw_headers((root / "bm/LC_MESSAGES/cards.po").read_text("utf-8"))[
        "X-Review-Status"] == "needs native review"
    message = read_catalog(po, "bm").get("Advice today")
    assert message is not None and message.fuzzy and message.string == "Ladilikan"


def test_templates_are_current(tmp_path):
    extract(tmp_path, [paths.shipped_decks_dir()])
    for name in ("ccfacil.pot", "cards.pot"):
        fresh = {(m.context, m.id) for m in read_catalog(tmp_path / name) if m.id}
        committed = {(m.context, m.id) for m in
                     read_catalog(paths.shipped_locales_dir() / name) if m.id}
        assert fresh - committed == set(), f"run 'ccfacil locales extract': {name} is stale"
        assert committed - fresh == set(), f"run 'ccfacil locales extract': {name} is stale"


def test_syntax_checker_and_headers():
    good = 'msgid ""\nmsgstr ""\n"Language: bm\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    assert syntax_problems(good) == []
    assert syntax_problems('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n') == [(1, "msgid without msgstr")]
    assert syntax_problems('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n')[0][0] == 4
    assert syntax_problems('msgid "a\\q"\nmsgstr ""\n') == [(1, "unknown escape '\\q'")]
    assert syntax_problems('msgid "a"\nmsgstr "b"\nfoo "x"\n') == [(3, "unknown keyword 'foo'")]
    updated = set_headers(good, {"X-Review-Status": "reviewed", "Language": "bm"})
    assert raw_headers(updated) == {"Language": "bm", "X-Review-Status": "reviewed"}
    assert updated.endswith('\n\nmsgid "a"\nmsgstr "b"\n')


@pytest.mark.parametrize("lang", ["fr", "bm", "en"])
def test_formatting_never_shows_raw_cldr_keys(lang):
    import datetime as dt
    i18n.configure(registry_=LocaleRegistry([paths.shipped_locales_dir()]))
    i18n.set_language(lang)
    texts = [fmt.duration(150), fmt.duration(45), fmt.duration(3900), fmt.duration(120),
             fmt.date(dt.date(2026, 3, 5)), fmt.month(dt.date(2026, 3, 5)),
             fmt.number(12345), fmt.join(["a", "b", "c"]), fmt.clock(125)]
    for text in texts:
        assert "duration-" not in text and "%(" not in text, text
    expected = {
        "fr": ["2 min 30 s", "45 s", "1 h 05 min", "2 min", "5 mars 2026", "mars 2026"],
        "bm": ["miniti 2 ni sekondi 30", "sekondi 45", "lɛrɛ 1 ni miniti 05", "miniti 2",
               "5 marisi 2026", "marisi 2026"],
        "en": ["2 min 30 s", "45 s", "1 h 05 min", "2 min", "March 5, 2026", "March 2026"],
    }[lang]
    assert texts[:6] == expected
    assert fmt.clock(125) == "2:05" and fmt.clock(-7) == "-0:07"
    assert fmt.join(["a", "b", "c"]) == {"fr": "a, b et c", "bm": "a, b ani c",
                                         "en": "a, b and c"}[lang]
