"""Issue 13: safe and complete decks, French typography, the Bambara glossary, review marks."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccfacil import paths
from ccfacil.cards import guide, tags
from ccfacil.cards.deck import CARD_FIELDS, card_context, translatable_texts
from ccfacil.cards.library import DeckLibrary
from ccfacil.cli import cli
from ccfacil.i18n import glossary, review_marks, typography
from ccfacil.i18n.catalogs import read_catalog
from ccfacil.i18n.locale_tools import update
from ccfacil.i18n.posyntax import raw_headers

LOCALES = paths.shipped_locales_dir()
BM = LOCALES / "bm"
NEW_CARDS = {
    "courage": ["self-13", "self-14", "clients-13", "clients-14", "family-13", "family-14",
                "colleagues-13", "colleagues-14"],
    "error": ["self-05", "clients-05", "family-05", "colleagues-05"],
    "mentor": ["self-04", "clients-04", "family-04", "colleagues-04"],
}


def run(*args, env=None):
    return CliRunner().invoke(cli, ["--lang", "en", *map(str, args)], env=env)


def catalog(lang: str, domain: str):
    return read_catalog(LOCALES / lang / "LC_MESSAGES" / f"{domain}.po", lang)


def strings(cat):
    for message in cat:
        if message.id:
            values = message.string if isinstance(message.string, (tuple, list)) \
                else (message.string,)
            yield from ((message, s) for s in values if s)


@pytest.fixture(scope="module")
def library():
    return DeckLibrary([paths.shipped_decks_dir()])


# the decks --------------------------------------------------------------------------------

def test_every_deck_is_balanced_and_has_its_new_cards_in_three_languages(library):
    fr, bm = catalog("fr", "cards"), catalog("bm", "cards")
    for deck_id, new in NEW_CARDS.items():
        deck = library.load(deck_id)
        sizes = {len(deck.cards_in(d)) for d in deck.domain_ids}
        assert len(sizes) == 1, (deck_id, sizes)  # the same number in every domain
        ids = {card.id for card in deck.cards}
        for card_id in new:
            assert card_id in ids, (deck_id, card_id)
            card = deck.card(card_id) if hasattr(deck, "card") else \
                next(c for c in deck.cards if c.id == card_id)
            for field in CARD_FIELDS:
                context, source = card_context(deck_id, card_id, field), card.text(field)
                for cat in (fr, bm):
                    message = cat.get(source, context=context)
                    assert message is not None and message.string and not message.fuzzy, \
                        (context, cat.locale)
    assert library.load("error").title == "Preparing to cope with error"


def test_the_safety_card_and_the_risky_advice(library):
    courage = {c.id: c for c in library.load("courage").cards}
    safety = courage["self-13"]
    assert safety.domain == "self"
    for words in ("harming themselves", "Do not leave them alone", "go together",
                  "the person your site has named"):
        assert words in safety.advice
    refusal = courage["clients-07"].advice
    assert "If she still refuses, respect her choice and call the in-charge or the doctor" \
        in refusal and "If she cannot answer, explain what you are doing while you act" in refusal
    disclosure = {c.id: c for c in library.load("error").cards}["clients-01"].advice
    assert disclosure.startswith("First agree with the in-charge")
    assert "follow your facility's procedure" in disclosure
    for deck_id, card_id in (("courage", "self-12"), ("error", "self-04")):
        card = {c.id: c for c in library.load(deck_id).cards}[card_id]
        assert "the person your site has named" in card.advice, card_id


def test_the_guide_has_the_safety_step_and_the_tags_the_programmes_use():
    step = " ".join(guide.STEPS[-1].split())
    assert step.startswith("6. If someone speaks of death or of harming themselves")
    assert "do not leave them alone" in step and "go together" in step
    assert tags.STRATEGIES["tv"] == "watching TV"
    assert "laughter" in tags.STRATEGIES["humour"]


# French ---------------------------------------------------------------------------------

@pytest.mark.parametrize("domain", ["ccfacil", "cards"])
def test_every_french_string_has_french_typography(domain):
    bad = [(m.context or m.id, typography.problems(s)) for m, s in strings(catalog("fr", domain))
           if typography.problems(s)]
    assert bad == []
    ordinary = re.compile(r" [:;?!]|« | »")
    assert not [s for _m, s in strings(catalog("fr", domain)) if ordinary.search(s)]


def test_french_follows_the_conventions_of_translating_md():
    text = " ".join(s for domain in ("ccfacil", "cards") for _m, s in strings(catalog("fr", domain)))
    for wrong in ("un·e", "·e", "celles et ceux", "toutes et tous", "message téléphone",
                  "YYYY-MM-DD", "observer, écouter, orienter", "vos patients", "mes patients"):
        assert wrong.casefold() not in text.casefold(), wrong
    assert "Observer, écouter, mettre en lien" in text and "AAAA-MM-JJ" in text and "SMS" in text


@pytest.mark.parametrize(("text", "fixed"), [
    ("remarque : %(x)s", "remarque\u00a0: %(x)s"),
    ("Date: 5", "Date\u00a0: 5"),
    ("Quoi ?!", "Quoi\u00a0?!"),
    ("«Bonjour»", "«\u00a0Bonjour\u00a0»"),
    ("« Oui »", "«\u00a0Oui\u00a0»"),
    ("2:00, M:SS, domain:<d>, https://x.org, (?)", "2:00, M:SS, domain:<d>, https://x.org, (?)"),
    ('pas de "format": "x"', 'pas de "format": "x"'),
    ("Déjà\u202f: bon\u00a0!", "Déjà\u202f: bon\u00a0!"),
])
def test_typography_fixer(text, fixed):
    assert typography.fix(text) == fixed
    assert typography.problems(fixed) == []
    assert bool(typography.problems(text)) == (text != fixed)


def test_check_fails_on_french_typography_and_update_fixes_it(tmp_path):
    root = tmp_path / "loc"
    shutil.copytree(LOCALES / "fr", root / "fr")
    po = root / "fr" / "LC_MESSAGES" / "ccfacil.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("Quitter maintenant\u00a0?", "Quitter maintenant ?")
                  .replace('msgstr "Conseil"', 'msgstr "Conseil:"'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "locales", "check", "fr"],
                                env={"CCFACIL_LOCALE_PATH": str(root)})
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "French typography" in line]
    assert len(lines) == 2 and all(line.startswith(f"{po}:") for line in lines)
    assert run("locales", "update", "fr", "--dir", root, "--fix-typography").exit_code == 0
    fixed = po.read_text(encoding="utf-8")
    assert "Quitter maintenant\u00a0?" in fixed and 'msgstr "Conseil\u00a0:"' in fixed
    result = CliRunner().invoke(cli, ["--lang", "en", "locales", "check", "fr", "-q"],
                                env={"CCFACIL_LOCALE_PATH": str(root)})
    assert result.exit_code == 0, result.output


def test_separators_built_in_code_come_from_the_catalog():
    drawn = run("--lang", "fr", "draw", "--seed", "3").stdout
    assert "Conseil\u00a0:" in drawn and "Affirmation\u00a0:" in drawn
    listed = run("--lang", "fr", "decks", "list").stdout
    assert "Prendre soin de soi\u00a0: 14" in listed
    assert "Care for self: 14" in run("decks", "list").stdout


# Bambara: the glossary -----------------------------------------------------------------------

def test_glossary_parses_and_no_rejected_variant_is_in_any_bambara_catalog():
    rows = glossary.parse(BM / glossary.FILE)
    assert len([r for r in rows if r.table == glossary.TERMS]) >= 20
    assert glossary.problems_in_glossary(rows) == []
    concepts = " ".join(r.concept for r in rows)
    for concept in ("night shift", "look, listen, link", "group", "song", "Scroll", "Export"):
        assert concept in concepts
    for domain in ("cards", "ccfacil"):
        found = [f.message() for f in glossary.check(rows, catalog("bm", domain))]
        assert found == []


def test_glossary_check_finds_variants_whole_words_any_case_nfc_and_plural(tmp_path):
    path = tmp_path / glossary.FILE
    path.write_text(
        "## Terms\n\n| concept | chosen term | rejected variants | note |\n|---|---|---|---|\n"
        "| a little | dɔɔnin | dɔɔni | |\n| group | jɛkulu | kulu | |\n"
        "| deck | karti kulu | — | |\n| sign | taamasiyɛn | taamasiɲɛ | |\n"
        "| new | n | ne | |\n\n## Program words\n\n| English | chosen term | rejected variants "
        "| note |\n|---|---|---|---|\n| `Export` | labɔ | bɔ | |\n", encoding="utf-8")
    rows = glossary.parse(path)
    from babel.messages.catalog import Catalog
    cat = Catalog(locale="bm")
    cat.add("a", "Dɔɔni dɔɔnin")  # capital, first word
    cat.add("b", "karti kulu kɔnɔ, kulubu")  # a chosen term and another word: fine
    cat.add("c", "jɛkulu ni kulu tɔw")  # kulu alone
    cat.add("d", "taamasi\u0272e\u0300w")  # plural, decomposed: NFC makes it ɲɛ? no: stays
    cat.add("e", "TAAMASIƝƐW")  # plural, capitals
    cat.add("f", "%(new)s ye")  # a placeholder is not a word
    cat.add("Export", "A bɔ")
    cat.add("Quit", "Bɔ")  # not a program word of this glossary
    found = sorted((f.key, f.variant) for f in glossary.check(rows, cat))
    assert found == [("Export", ""), ("Export", "bɔ"), ("a", "dɔɔni"), ("c", "kulu"),
                     ("e", "taamasiɲɛ")]


def test_locales_check_reports_a_rejected_variant_with_file_and_line(tmp_path):
    root = tmp_path / "loc"
    shutil.copytree(BM, root / "bm")
    po = root / "bm" / "LC_MESSAGES" / "cards.po"
    text = po.read_text(encoding="utf-8")
    old = 'msgstr "I yɛrɛ ladon"'
    assert old in text
    po.write_text(text.replace(old, 'msgstr "I yɛrɛ ladon dɔɔni"', 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "locales", "check", "bm", "-q"],
                                env={"CCFACIL_LOCALE_PATH": str(root)})
    assert result.exit_code == 1
    line = next(row for row in result.output.splitlines() if "glossary" in row)
    assert line.startswith(f"{po}:") and "'dɔɔni'" in line and "'dɔɔnin'" in line


# Bambara: review marks ------------------------------------------------------------------------

def test_review_md_names_only_files_that_exist():
    text = (BM / review_marks.FILE).read_text(encoding="utf-8")
    named = set(re.findall(r"[\w./-]+\.(?:po|pot|md|toml|en|txt|csv)\b", text))
    assert named
    for name in named:
        assert (BM / name).exists() or (REPO_ROOT / name).exists(), name


REPO_ROOT = Path(__file__).resolve().parents[2]


def test_every_review_item_has_its_comment_in_the_catalog():
    items = review_marks.parse(BM / review_marks.FILE)
    assert len(items) >= 60
    for domain in ("cards", "ccfacil"):
        mine = review_marks.for_catalog(items, domain)
        assert mine, domain
        cat = catalog("bm", domain)
        assert list(review_marks.unmarked(cat, mine)) == []
        for item in mine:
            message = review_marks.find(cat, item.key)
            assert review_marks.text_of(message) == " ".join(item.text.split()), item.key
    text = (BM / "LC_MESSAGES" / "cards.po").read_text(encoding="utf-8")
    assert "#. REVIEW: " in text  # where Poedit and Weblate show it


def test_both_bambara_catalogs_need_review_and_list_says_so(tmp_path):
    for domain in ("cards", "ccfacil"):
        headers = raw_headers((BM / "LC_MESSAGES" / f"{domain}.po").read_text("utf-8"))
        assert headers["X-Review-Status"] == "needs native review", domain
    row = next(r for r in run("locales", "list").stdout.splitlines() if r.startswith("bm "))
    assert row.endswith("(needs native review)")
    root = tmp_path / "loc"
    shutil.copytree(BM, root / "bm")
    po = root / "bm" / "LC_MESSAGES" / "ccfacil.po"
    po.write_text(po.read_text("utf-8").replace(
        "X-Review-Status: needs native review", "X-Review-Status: reviewed by DNAFLA"), "utf-8")
    from ccfacil.i18n import runtime as i18n
    i18n.configure()
    row = next(r for r in run("locales", "list", env={"CCFACIL_LOCALE_PATH": str(root)})
               .stdout.splitlines() if r.startswith("bm "))
    assert "ccfacil: reviewed by DNAFLA" in row and "cards: needs native review" in row


def test_update_keeps_review_marks_and_adds_review_md_items(tmp_path):
    root = tmp_path / "loc"
    shutil.copytree(BM, root / "bm")
    templates = tmp_path / "templates"
    templates.mkdir()
    for name in ("ccfacil.pot", "cards.pot"):  # the template's own comments change too
        text = (LOCALES / name).read_text(encoding="utf-8")
        (templates / name).write_text(
            text.replace("#. Domain title", "#. Domain title (changed)"), encoding="utf-8")
    review = root / "bm" / review_marks.FILE
    review.write_text(review.read_text("utf-8") + "- `Close`: \"A datugu\" for closing a "
                      "window.\n- `Gone away`: no such message.\n", encoding="utf-8")
    po = root / "bm" / "LC_MESSAGES" / "cards.po"
    po.write_text(po.read_text("utf-8").replace(
        '#: decks/courage/deck.toml:3\nmsgctxt "courage/@deck/title"',
        '#. REVIEW: only in the catalog, not in REVIEW.md\n#: decks/courage/deck.toml:3\n'
        'msgctxt "courage/@deck/title"'), encoding="utf-8")
    before = {d: review_marks.carried(read_catalog(root / "bm/LC_MESSAGES" / f"{d}.po", "bm"))
              for d in ("cards", "ccfacil")}
    assert before["cards"]
    stale: list[str] = []
    update([root], templates, "bm", problems=stale)
    assert stale == [f"{review}: 'Gone away' is not an entry of {root / 'bm/LC_MESSAGES/ccfacil.po'}"]
    update([root], templates, "bm")  # twice: nothing doubles
    for domain in ("cards", "ccfacil"):
        after = review_marks.carried(read_catalog(root / "bm/LC_MESSAGES" / f"{domain}.po", "bm"))
        for key, lines in before[domain].items():
            assert after.get(key) == lines, key
    cat = read_catalog(root / "bm/LC_MESSAGES/ccfacil.po", "bm")
    assert review_marks.text_of(review_marks.find(cat, "Close")) == '"A datugu" for closing a window.'
    cards = read_catalog(po, "bm")
    title = review_marks.find(cards, "courage/@deck/title")
    assert review_marks.text_of(title) == "only in the catalog, not in REVIEW.md"
    domain_title = review_marks.find(cards, "courage/@domain-self/title")
    assert domain_title.auto_comments == ["Domain title (changed)"]  # the template's own
    assert po.read_text("utf-8").count("#. REVIEW: only in the catalog") == 1


# the review sheet ----------------------------------------------------------------------------

def test_review_sheet_has_every_entry_side_by_side(tmp_path, library):
    out = tmp_path / "bm-review.html"
    result = run("locales", "review", "bm", "--out", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "<script" not in html and "http" not in html and "url(" not in html
    assert '"Noto Sans", "DejaVu Sans"' in html
    import html as htmllib
    bm_cards, fr_cards = catalog("bm", "cards"), catalog("fr", "cards")
    rows = 0
    for deck_id in library.ids():
        for context, source, _note in translatable_texts(library.load(deck_id)):
            rows += 1
            assert f">{rows}. {context}<" in html, context
            for text in (source, fr_cards.get(source, context=context).string,
                         bm_cards.get(source, context=context).string):
                assert htmllib.escape(text) in html, context
    ui = [m for m in read_catalog(LOCALES / "ccfacil.pot") if m.id]
    assert html.count('<td class="check">') == rows + len(ui)
    marks = len(review_marks.parse(BM / review_marks.FILE))
    assert html.count('<span class="mark">') == marks
    assert html.count('<span class="box"></span>') == rows + len(ui)
    assert "ɛ" in html and "ɔ" in html and "ɲ" in html


def test_review_sheet_for_one_deck_escapes_text_and_fails_cleanly(tmp_path):
    root = tmp_path / "loc"
    shutil.copytree(BM, root / "bm")
    po = root / "bm" / "LC_MESSAGES" / "cards.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "I yɛrɛ ladon"',
                                                'msgstr "I yɛrɛ <b>ladon</b> & \\"so\\""', 1),
                  encoding="utf-8")
    out = tmp_path / "mentor.html"
    env = {"CCFACIL_LOCALE_PATH": str(root)}
    result = run("locales", "review", "bm", "--deck", "courage", "--out", out, env=env)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "I yɛrɛ &lt;b&gt;ladon&lt;/b&gt; &amp; &quot;so&quot;" in html and "<b>" not in html
    assert "mentor/" not in html and "Program messages" not in html
    bad = run("locales", "review", "xx", "--out", out)
    assert bad.exit_code == 1 and bad.stderr.startswith("ccfacil: error: ")
    missing = run("locales", "review", "bm", "--out", tmp_path / "no" / "dir" / "x.html")
    assert missing.exit_code == 1 and "Traceback" not in missing.output
    assert len(missing.stderr.splitlines()) == 1


def test_review_sheet_for_french_has_two_text_columns(tmp_path):
    out = tmp_path / "fr.html"
    assert run("locales", "review", "fr", "--deck", "mentor", "--out", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert html.count("<th>") == 3 and "<th>Français</th>" in html


def test_all_text_is_nfc():
    for lang in ("fr", "bm"):
        for domain in ("ccfacil", "cards"):
            for _m, s in strings(catalog(lang, domain)):
                assert s == unicodedata.normalize("NFC", s)
