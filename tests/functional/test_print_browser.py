"""The printable deck and the HTML report, opened and printed by a real browser.

Headless Chromium prints each file to PDF; poppler reads the PDF back: page count and
size, each card's text in its place (fronts, and backs mirrored for long-edge duplex),
Bambara letters intact.  A script run in a copy of the page checks that nothing spills
out of its card, and the report's first page is compared with a stored picture.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ccfacil.cards.deck import localized
from ccfacil.cards.library import DeckLibrary
from ccfacil.i18n import runtime as i18n
from ccfacil.printing.layout import GRIDS, PAPERS, Sheet
from tests import browser
from tests.golden import records

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
UPDATE = os.environ.get("CCFACIL_UPDATE_GOLDEN") == "1"
BAMBARA = "ɛɔɲŋ"

OVERFLOW_CHECK = """
const problems = [];
const inside = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5
    && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
const cards = document.querySelectorAll('.card');
for (const card of cards) {
  const box = card.getBoundingClientRect();
  const name = card.dataset.card + (card.classList.contains('back') ? ' back' : ' front');
  for (const el of card.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if ((r.width || r.height) && !inside(r, box)) problems.push(name + ': ' + el.className);
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline')
      problems.push(name + ': ' + el.className + ' too wide');
  }
  for (const text of card.querySelectorAll('.text')) {
    const limit = text.getBoundingClientRect();
    for (const p of text.children)
      if (!inside(p.getBoundingClientRect(), limit)) problems.push(name + ': text runs over');
  }
}
report({cards: cards.length, problems: problems});
"""


def ccfacil(*args: str, data: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "CCFACIL_DATA_DIR": str(data), "CCFACIL_LANG": "en",
           "HOME": str(data.parent / "home")}
    for name in ("CCFACIL_DECK_PATH", "CCFACIL_LOCALE_PATH", "CCFACIL_FALLBACK"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-m", "ccfacil", *args], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=120)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def deck_cards(lang: str, deck: str = "courage", domain: str | None = None):
    i18n.set_language(lang)
    found = localized(DeckLibrary.default().load(deck))
    return [c for c in found.cards if domain is None or c.domain == domain]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Decks printed once for the whole module: (lang, paper, per page, domain) -> paths."""
    browser.chromium()
    root = tmp_path_factory.mktemp("print")
    made = {}
    for lang, paper, per_page, domain in (("fr", "a4", "6", None), ("bm", "a4", "6", None),
                                          ("bm", "letter", "4", "family")):
        html = root / f"cards-{lang}-{paper}-{per_page}.html"
        args = ["decks", "print", "--lang", lang, "--paper", paper, "--per-page", per_page,
                "--out", str(html)]
        if domain:
            args += ["--domain", domain]
        done = ccfacil(*args, data=root / "data")
        made[lang, paper, per_page, domain] = (html, browser.print_pdf(html, html.with_suffix(
            ".pdf")), done.stderr)
    return made


CASES = [("fr", "a4", "6", None), ("bm", "a4", "6", None), ("bm", "letter", "4", "family")]


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(filter(None, c)))
def test_pages_and_paper(printed, case):
    lang, paper, per_page, domain = case
    _html, pdf, stderr = printed[case]
    cards = deck_cards(lang, domain=domain)
    sheets = -(-len(cards) // int(per_page))
    assert browser.pages(pdf) == 2 + 2 * sheets  # guide, how to print, fronts and backs
    width, height = browser.page_size(pdf)
    assert abs(width - PAPERS[paper].width) < 1 and abs(height - PAPERS[paper].height) < 1
    summary = stderr.strip().splitlines()[-2]  # then the file's path
    assert f"{len(cards)} " in summary and f"{2 + 2 * sheets} " in summary


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(filter(None, c)))
def test_each_card_front_and_mirrored_back(printed, case):
    """Page 3 + 2k holds sheet k's questions in reading order; the next page its advice
    and affirmations, columns swapped so each back lies behind its front."""
    lang, paper, per_page, domain = case
    _html, pdf, _stderr = printed[case]
    cards = deck_cards(lang, domain=domain)
    sheet = Sheet(PAPERS[paper], GRIDS[int(per_page)])
    grid = sheet.grid
    for index, card in enumerate(cards):
        number, slot = divmod(index, grid.per_page)
        front_page = 3 + 2 * number
        x, y = sheet.slot(slot, back=False)
        front = browser.text(pdf, front_page, (x, y, grid.card_width, grid.card_height))
        assert browser.squash(card.question) in browser.squash(front), (card.id, front)
        assert f"· {card.id}" in front
        x, y = sheet.slot(slot, back=True)
        back = browser.text(pdf, front_page + 1, (x, y, grid.card_width, grid.card_height))
        assert browser.squash(card.affirmation) in browser.squash(back), (card.id, back)
        assert browser.squash(card.advice) in browser.squash(back)
        assert f"· {card.id}" in back
        # the mirror: the back's slot is the front's, seen through the paper
        assert abs((PAPERS[paper].width - x - grid.card_width) - sheet.slot(slot, False)[0]) \
            < 0.01


def test_bambara_letters_survive_printing(printed):
    _html, pdf, _stderr = printed["bm", "a4", "6", None]
    cards = deck_cards("bm")
    text = " ".join(browser.text(pdf, page) for page in range(1, browser.pages(pdf) + 1))
    used = {letter for letter in BAMBARA
            if any(letter in c.question + c.advice + c.affirmation for c in cards)}
    assert used >= set("ɛɔɲ")  # the shipped Bambara has no ŋ: see the next test
    for letter in used:
        assert letter in text, letter
    assert "needs native review" not in text  # said in words
    assert "Bamanakan" in browser.text(pdf, 3)  # the small print, on every page


def test_all_four_letters_from_a_deck_of_ones_own(tmp_path):
    browser.chromium()
    folder = tmp_path / "decks" / "sigi"
    folder.mkdir(parents=True)
    folder.joinpath("deck.toml").write_text(
        '[deck]\nid = "sigi"\ntitle = "Sigi ɲɔgɔn fɛ"\nversion = 1\nsource_language = "bm"\n'
        '[[deck.domains]]\nid = "self"\ntitle = "I yɛrɛ ladon"\n'
        '[[cards]]\nid = "self-01"\ndomain = "self"\nquestion = "Ŋaniya jumɛn bɛ i la bi?"\n'
        'advice = "Aw ka ɲɔgɔn dɛmɛ, ka ŋunuma kɛ."\naffirmation = "N bɛ ŋɔni bɔ."\n',
        encoding="utf-8")
    html = tmp_path / "sigi.html"
    ccfacil("--deck-path", str(tmp_path / "decks"), "decks", "print", "--deck", "sigi",
            "--lang", "bm", "--out", str(html), data=tmp_path / "data")
    pdf = browser.print_pdf(html, tmp_path / "sigi.pdf")
    assert "Ŋaniya jumɛn bɛ i la bi?" in browser.text(pdf, 3)
    back = browser.text(pdf, 4)
    assert "Aw ka ɲɔgɔn dɛmɛ, ka ŋunuma kɛ." in back and "N bɛ ŋɔni bɔ." in back


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(filter(None, c)))
def test_nothing_spills_out_of_a_card(printed, case):
    html, _pdf, stderr = printed[case]
    found = browser.check_in_page(html, OVERFLOW_CHECK)
    cards = deck_cards(case[0], domain=case[3])
    assert found["cards"] == 2 * len(cards)
    assert found["problems"] == []
    assert "warning:" not in stderr


def test_longest_texts_fit_in_the_widest_font_too(tmp_path):
    """The error deck in French has the longest texts: they are set smaller, and fit,
    in the fonts the page names and in DejaVu Sans alone (the widest of them)."""
    browser.chromium()
    html = tmp_path / "error.html"
    done = ccfacil("decks", "print", "--deck", "error", "--lang", "fr", "--out", str(html),
                   data=tmp_path / "data")
    assert "set smaller" in done.stderr and "warning:" not in done.stderr
    cards = html.read_text(encoding="utf-8").count('class="card front"')
    assert cards >= 16  # every card of the deck, each with its front and its back
    wide = tmp_path / "error-dejavu.html"
    wide.write_text(html.read_text(encoding="utf-8").replace(
        "</style>", 'body { font-family: "DejaVu Sans" !important; }</style>'),
        encoding="utf-8")
    for page in (html, wide):
        found = browser.check_in_page(page, OVERFLOW_CHECK)
        assert found["cards"] == 2 * cards and found["problems"] == [], page.name


def test_overflow_check_sees_a_card_too_long(tmp_path):
    """The check above can fail: a question no size can fit is printed whole, runs over,
    is reported, and the command exits 1."""
    browser.chromium()
    folder = tmp_path / "decks" / "long"
    folder.mkdir(parents=True)
    words = "Pourquoi le travail de nuit est-il si lourd pour nous toutes ? " * 12
    folder.joinpath("deck.toml").write_text(
        '[deck]\nid = "long"\ntitle = "Long"\nversion = 2\nsource_language = "en"\n'
        '[[deck.domains]]\nid = "self"\ntitle = "Care for self"\n'
        f'[[cards]]\nid = "self-01"\ndomain = "self"\nquestion = "{words.strip()}"\n'
        'advice = "Rest."\naffirmation = "I rest."\n', encoding="utf-8")
    html = tmp_path / "long.html"
    done = ccfacil("--deck-path", str(tmp_path / "decks"), "decks", "print", "--deck", "long",
                   "--out", str(html), data=tmp_path / "data", check=False)
    assert done.returncode == 1
    assert "long/self-01 (front)" in done.stderr and "too long" in done.stderr
    found = browser.check_in_page(html, OVERFLOW_CHECK)
    assert any(p.startswith("self-01 front") for p in found["problems"])
    pdf = browser.print_pdf(html, tmp_path / "long.pdf")
    front = browser.squash(browser.text(pdf, 3))  # never cut (it runs over other text)
    assert front.count("letravaildenuitestilsilourdpournous") == 12


# The report ---------------------------------------------------------------------------

def year_of_sessions() -> list:
    """Monthly sessions at six more sites through 2026: a report of several pages."""
    import datetime as dt
    import random

    from ccfacil.sessions.session import CardRecord, SessionRecord

    rng = random.Random(14)
    found = []
    for month in range(1, 13):
        for number, site in enumerate(("KOULIKORO", "SIKASSO", "MOPTI", "KAYES", "GAO",
                                       "TOMBOUCTOU")):
            start = dt.datetime(2026, month, 3 + number, 9, tzinfo=dt.timezone.utc)
            record = SessionRecord(
                site=site, deck="courage", lang="fr", participants=rng.randint(6, 12),
                id=f"{month:02d}{number:06d}-0000-4000-8000-{rng.getrandbits(48):012x}",
                started_at=start, ended_at=start + dt.timedelta(minutes=rng.randint(50, 70)))
            for _card in range(rng.randint(3, 6)):
                domain = rng.choice(("self", "clients", "family", "colleagues"))
                record.cards.append(CardRecord(f"{domain}-{rng.randint(1, 12):02d}", domain,
                                               seconds=rng.uniform(200, 600)))
            for _person in range(record.participants):
                record.checkin.add(rng.randint(1, 5))
                record.checkout.add(rng.randint(2, 5))
            record.strategies = rng.sample(["breathing", "music", "prayer", "ɲɔgɔn dɛmɛ"], 2)
            found.append(record)
    return found


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    browser.chromium()
    from ccfacil.storage.store import SessionStore

    root = tmp_path_factory.mktemp("report")
    with SessionStore.open(root / "data") as store:
        store.save_many(records.all_records() + year_of_sessions())
    html = root / "rapport.html"
    # with the notes: a custom tag in Bambara (free text) is in the report then
    ccfacil("report", "--from", "2026-01", "--to", "2026-12", "--format", "html", "--lang",
            "fr", "--include-notes", "--out", str(html), data=root / "data")
    return html, browser.print_pdf(html, root / "rapport.pdf")


def test_report_prints_on_a4_with_its_figures(report_pdf):
    html, pdf = report_pdf
    assert browser.page_size(pdf) == pytest.approx((210, 297), abs=1)
    count = browser.pages(pdf)
    assert 3 <= count <= 6
    text = " ".join(browser.text(pdf, page) for page in range(1, count + 1))
    for expected in ("Rapport Club Courage", "Séances tenues", "Tour d'arrivée", "ɲɔgɔn dɛmɛ",
                     "mars 2026", "KATI", "SEGOU"):
        assert expected in text, expected


FIGURE_LABELS = """
report([...document.querySelectorAll('figure.chart')].map(f =>
  [...f.querySelectorAll('svg text, td')].map(t => t.textContent.trim()).filter(t => t)));
"""


def cut_figures(html: Path, pdf: Path) -> list[list[str]]:
    """Figures whose labels (a month's name in the chart and again in its table...) are
    not all found, as many times as the figure has them, on one same page."""
    labels = browser.check_in_page(html, FIGURE_LABELS)
    assert len(labels) >= 6
    texts = [browser.squash(browser.text(pdf, page))
             for page in range(1, browser.pages(pdf) + 1)]
    cut = []
    for figure in labels:
        # word by word: a long label in a chart wraps onto two lines
        needed = Counter(browser.squash(word) for label in figure for word in label.split())
        if not any(all(text.count(label) >= n for label, n in needed.items())
                   for text in texts):
            cut.append(figure)
    return cut


def test_no_chart_is_cut_by_a_page_break(report_pdf):
    html, pdf = report_pdf
    assert browser.pages(pdf) >= 3
    assert cut_figures(html, pdf) == []


def test_a_chart_cut_from_its_table_is_seen(report_pdf, tmp_path):
    """The check above can fail: here each table is pushed onto the next page."""
    html, _pdf = report_pdf
    copy = tmp_path / "cut.html"
    copy.write_text(html.read_text(encoding="utf-8").replace(
        "</style>", "figure.chart { display: block !important; }"
        " figure.chart table { break-before: page; }</style>"),
        encoding="utf-8")
    pdf = browser.print_pdf(copy, tmp_path / "cut.pdf")
    assert len(cut_figures(copy, pdf)) >= 6


def picture_differs(new, old) -> str:
    """Why two pictures of a page differ more than anti-aliasing between machines does
    ("" when they do not): a moved block or a lost chart does."""
    from PIL import ImageChops, ImageStat

    if new.size != old.size:
        return f"size {new.size} != {old.size}"
    diff = ImageChops.difference(new.convert("L"), old.convert("L"))
    mean = ImageStat.Stat(diff).mean[0]
    changed = diff.point(lambda v: 255 if v > 96 else 0).histogram()[255]
    if mean >= 2.5 or changed >= 0.01 * new.size[0] * new.size[1]:
        return f"mean difference {mean:.2f}, {changed} pixels changed"
    return ""


def test_report_first_page_looks_as_stored(report_pdf, tmp_path):
    from PIL import Image

    _html, pdf = report_pdf
    shot = browser.png(pdf, 1, tmp_path / "page1")
    reference = GOLDEN / "report-page1.fr.png"
    if UPDATE:
        reference.write_bytes(shot.read_bytes())
    with Image.open(shot) as new, Image.open(reference) as old:
        assert picture_differs(new, old) == ""
        # the comparison sees a chart gone (its area left white)
        blank = new.copy()
        blank.paste((255, 255, 255), (30, 150, 250, 290))
        assert picture_differs(blank, old)


def test_session_page_prints(tmp_path):
    browser.chromium()
    from ccfacil.storage.store import SessionStore

    with SessionStore.open(tmp_path / "data") as store:
        store.save_many([records.kati_march()])
    html = tmp_path / "seance.html"
    ccfacil("export", "session", "11111111", "--format", "html", "--lang", "bm", "--out",
            str(html), data=tmp_path / "data")
    pdf = browser.print_pdf(html, tmp_path / "seance.pdf")
    assert browser.pages(pdf) == 1
    text = browser.text(pdf, 1)
    assert "KATI" in text
    # free text (notes, the text of action items) stays out unless asked for
    assert "Respirer avant la garde" not in text
    assert "Afficher le planning des gardes" not in text
    ccfacil("export", "session", "11111111", "--format", "html", "--lang", "bm",
            "--include-notes", "--out", str(html), data=tmp_path / "data")
    text = browser.text(browser.print_pdf(html, tmp_path / "notes.pdf"), 1)
    assert "Afficher le planning des gardes, côté ŋ" in text
