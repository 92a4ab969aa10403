"""The printable deck without a browser: layout, type sizes, text widths, the command."""

from __future__ import annotations

import html
import math
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccfacil.cards import domainstyle
from ccfacil.cards.deck import Card, localized
from ccfacil.cards.guide import STEPS
from ccfacil.cards.library import DeckLibrary
from ccfacil.cli import cli
from ccfacil.i18n import runtime as i18n
from ccfacil.printing import deckhtml, fit, metrics
from ccfacil.printing.layout import GRIDS, MARK_GAP, MARK_LENGTH, PAPERS, Sheet, card_pages
from tests import fontwidths
from tests.conftest import write_deck
from tests.unit.test_formats import self_contained

TCSS = Path(__file__).resolve().parents[2] / "ccfacil" / "tui" / "ccfacil.tcss"


def run(*args, env=None):
    return CliRunner().invoke(cli, ["--lang", "en", *map(str, args)], env=env)


def courage(lang: str):
    i18n.set_language(lang)
    return localized(DeckLibrary.default().load("courage"))


# Layout --------------------------------------------------------------------------------

@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("per_page", sorted(GRIDS))
def test_every_back_lies_behind_its_front(paper, per_page):
    sheet = Sheet(PAPERS[paper], GRIDS[per_page])
    width = sheet.grid.card_width
    for slot in range(sheet.grid.per_page):
        fx, fy = sheet.slot(slot, back=False)
        bx, by = sheet.slot(slot, back=True)
        # flipped on the long edge, x becomes paper width - x - card width; y stays
        assert PAPERS[paper].width - bx - width == pytest.approx(fx) and by == fy
    assert sheet.slot(0, back=True) != sheet.slot(0, back=False)


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("per_page", sorted(GRIDS))
def test_grid_and_marks_stay_inside_a_printable_margin(paper, per_page):
    sheet = Sheet(PAPERS[paper], GRIDS[per_page])
    reach = MARK_GAP + MARK_LENGTH
    assert min(sheet.left, sheet.top) - reach >= 7.0  # printers leave ~5 mm unprinted
    for x1, y1, x2, y2 in sheet.marks():
        assert 0 < min(x1, x2) and max(x1, x2) < sheet.paper.width
        assert 0 < min(y1, y2) and max(y1, y2) < sheet.paper.height
        inside = sheet.left < x1 < sheet.right and sheet.top < y1 < sheet.bottom
        assert not inside  # marks never print on a card


def test_pages_alternate_fronts_and_backs():
    pages = card_pages(list(range(13)), GRIDS[6], first=3)
    assert [(p.number, p.back, len(p.cards)) for p in pages] == [
        (3, False, 6), (4, True, 6), (5, False, 6), (6, True, 6), (7, False, 1), (8, True, 1)]
    assert pages[0].cards == pages[1].cards


# Type sizes and widths -------------------------------------------------------------------

def test_short_text_keeps_its_size_long_text_shrinks_then_is_reported():
    grid = GRIDS[6]
    short = fit.front("How do you rest?", grid)
    assert (short.size, short.shrunk, short.fits) == (15.0, False, True)
    longer = fit.front("How do you rest after a long night on the ward? " * 6, grid)
    assert longer.fits and longer.shrunk and 10 <= longer.size < 15
    too_long = fit.front("How do you rest after a long night on the ward? " * 20, grid)
    assert not too_long.fits and too_long.size == 10.0


def test_wrapped_lines_never_run_wider_than_the_box():
    text = "Ni hami bɛ ka bonya baara caman cɛma " * 5 + "x" * 80
    for line in metrics.wrap(text, 20.0):
        assert metrics.text_width(line) <= 20.0
    assert "".join(metrics.wrap("x" * 80, 20.0)) == "x" * 80  # broken, never lost


def test_unknown_characters_count_wide():
    assert metrics.char_width("中") == 1.0
    assert metrics.char_width("\u0301") == 0.0  # a combining accent
    assert metrics.char_width("ɛ") < 1.0


def test_the_width_table_is_never_narrower_than_the_fonts():
    """If Debian's DejaVu Sans or Noto Sans change, regenerate: python -m tests.fontwidths."""
    fonts = [fontwidths.FONT_DIR / name for names in fontwidths.FONTS.values()
             for name in names]
    if not all(f.is_file() for f in fonts):
        if os.environ.get("CI"):
            pytest.fail("fonts-dejavu-core and fonts-noto-core are needed in CI")
        pytest.skip("DejaVu Sans or Noto Sans not installed")
    for style, bold in (("regular", False), ("bold", True)):
        for char, width in fontwidths.measure(style).items():
            assert metrics.char_width(char, bold) >= width / 1000 - 1e-9, (style, char)


# The page --------------------------------------------------------------------------------

def render(lang: str = "fr", referral: str | None = None, **kwargs):
    deck = courage(lang)
    return deckhtml.render(deck, deck.cards, lang=lang, small_print="Club Courage · v1",
                           steps=[i18n._(s) for s in STEPS], referral=referral, **kwargs)


def test_the_page_is_self_contained_and_complete():
    printed = render("bm")
    page = printed.html
    self_contained(page)
    cards = len(courage("bm").cards)
    pages = 2 + 2 * math.ceil(cards / 6)  # the guide and its back, then fronts and backs
    assert '<html lang="bm">' in page and printed.pages == pages
    assert page.count('class="card front"') == page.count('class="card back"') == cards
    assert page.count('class="sheet') == pages and "size: A4 portrait" in page
    text = html.unescape(page)
    for step in STEPS:
        assert i18n._(step) in text
    assert "Noto Sans" in page and "DejaVu Sans" in page


def test_referral_text_is_printed_when_given_and_escaped():
    assert 'class="referral"' not in render().html
    page = render(referral="CSRéf Kati: 76 00 00 00\n<b>Dr ɲɛ</b>").html
    assert "CSRéf Kati: 76 00 00 00\n&lt;b&gt;Dr ɲɛ&lt;/b&gt;" in page


def test_a_guide_too_long_for_its_sheet_is_said():
    assert render(referral="Appelez le CSRéf.").guide_fits
    assert not render(referral="Appelez le CSRéf. " * 400).guide_fits


def test_letter_paper_and_four_per_page():
    printed = render(paper="letter", per_page=4)
    sheets = math.ceil(len(courage("fr").cards) / 4)
    assert "size: letter portrait" in printed.html and printed.pages == 2 + 2 * sheets


def test_domains_differ_by_shape_and_word_not_colour_alone():
    styles = domainstyle.DOMAIN_STYLES
    assert len({s.shape for s in styles.values()}) == len(styles)
    page = render().html
    for domain in courage("fr").domains:
        assert f"{html.escape(domain.title, quote=True)}</div>" in page
    others = {domainstyle.style_for(f"other-{n}", n).shape for n in range(4)}
    assert len(others) == 4


def test_the_app_colours_domains_from_the_same_table():
    css = TCSS.read_text(encoding="utf-8")
    for name in domainstyle.DOMAIN_STYLES:
        assert f"#card-domain.-domain-{name} {{ color: $domain-{name}; }}" in css
    assert not re.search(r"#card-domain\.-domain-\w+ \{ color: ansi", css)
    assert domainstyle.css_variables()["domain-self"] == "ansi_bright_green"


# The command -------------------------------------------------------------------------------

def test_print_to_stdout_by_default_in_the_chosen_language():
    result = run("decks", "print", "--lang", "bm", "--domain", "self", "--domain", "self")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and '<html lang="bm">' in result.stdout
    assert set(re.findall(r'data-card="([a-z]+)-', result.stdout)) == {"self"}
    cards = sum(1 for c in courage("bm").cards if c.domain == "self")
    assert result.stdout.count('class="card front"') == cards
    summary = result.stderr.strip().splitlines()[-1]
    pages = 2 + 2 * math.ceil(cards / 6)
    assert summary.startswith(f"{cards} cards, {pages} pages")  # messages stay in the global language
    # the small print: the review status of the Bambara catalog, in Bambara
    assert "Bamanakan · bayɛlɛmani ka kan ka lajɛ kan in fɔbaga dɔ fɛ" in result.stdout


def test_print_to_a_file_says_its_path(tmp_path):
    out = tmp_path / "cartes.html"
    result = run("decks", "print", "--paper", "letter", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-1] == str(out)
    assert "size: letter portrait" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (("--domain", "nope"), "unknown domain: nope (known: self, clients, family, colleagues)"),
    (("--deck", "nope"), "no deck named 'nope'"),
    (("--paper", "a3"), "'a3' is not one of"),
    (("--lang", "xx"), "no language 'xx'"),
    (("--per-page", "8"), "'8' is not one of"),
])
def test_bad_arguments_are_one_line(args, message):
    result = run("decks", "print", *args)
    assert result.exit_code in (1, 2), result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_out_into_a_missing_folder_is_one_line(tmp_path):
    result = run("decks", "print", "--out", tmp_path / "no" / "such" / "cards.html")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("ccfacil: error: cannot write")


def test_shrunk_and_too_long_cards_are_reported_and_exit_1(tmp_path):
    long = "Pourquoi le travail de nuit est-il si lourd ? " * 6
    deck = write_deck(tmp_path / "decks", f"""\
        [deck]
        id = "long"
        title = "Long"
        version = 3
        source_language = "en"
        [[deck.domains]]
        id = "self"
        title = "Care for self"
        [[cards]]
        id = "self-01"
        domain = "self"
        question = "{long.strip()}"
        advice = "Rest."
        affirmation = "I rest."
        [[cards]]
        id = "self-02"
        domain = "self"
        question = "{(long * 5).strip()}"
        advice = "Rest."
        affirmation = "I rest."
        """, "long")
    result = run("--deck-path", deck.parent, "decks", "print", "--deck", "long")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("note: long/self-01 (front): text set smaller to fit")
    assert lines[1].startswith("warning: long/self-02 (front): text too long for a card even "
                               "at 10 pt") and str(deck / "deck.toml") in lines[1]
    assert lines[2] == "2 cards, 4 pages, 1 side set smaller, 1 too long"
    assert html.escape(long * 5, quote=True).strip() in result.stdout  # never cut


def test_printed_cards_are_those_of_the_deck():
    printed = render("fr")
    deck = courage("fr")
    assert [s.card for s in printed.sides if not s.back] == list(deck.cards)
    assert all(isinstance(s.card, Card) for s in printed.sides)


def test_deck_text_is_escaped_and_the_source_language_says_so(tmp_path):
    deck = write_deck(tmp_path / "decks", """\
        [deck]
        id = "marks"
        title = "Signs & <marks>"
        version = 1
        source_language = "en"
        [[deck.domains]]
        id = "self"
        title = "Care <for> self"
        [[cards]]
        id = "self-01"
        domain = "self"
        question = "Is 3 < 5 & <b>bold</b>?"
        advice = "Breathe </p><script>x</script>"
        affirmation = "I rest."
        """, "marks")
    result = run("--deck-path", deck.parent, "decks", "print", "--deck", "marks", "--lang",
                 "en")
    assert result.exit_code == 0, result.output
    page = result.stdout
    self_contained(page)
    assert "Is 3 &lt; 5 &amp; &lt;b&gt;bold&lt;/b&gt;?" in page
    assert "Breathe &lt;/p&gt;&lt;script&gt;x&lt;/script&gt;" in page
    assert "Signs &amp; &lt;marks&gt; · version 1 · English · source text" in page
