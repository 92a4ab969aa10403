"""Loading and validating deck.toml files."""

from __future__ import annotations

import unicodedata

import pytest

from ccfacil.cards.deck import DeckError, localize_deck
from ccfacil.cards.deckfile import check_deck, load_deck
from tests.conftest import DEMO_DECK, write_deck


def problems_of(tmp_path, text, name="demo"):
    folder = write_deck(tmp_path, text, name)
    deck, problems = check_deck(folder)
    assert deck is None
    return [str(p) for p in problems]


def test_loads_frozen_dataclasses(demo_deck):
    deck = load_deck(demo_deck)
    assert deck.id == "demo" and deck.version == 1 and deck.source_language == "en"
    assert deck.domain_ids == ("self", "clients")
    assert [c.id for c in deck.cards_in("self")] == ["self-01", "self-02"]
    assert deck.card("self-01").question == "How do you rest [really]?"
    with pytest.raises(AttributeError):
        deck.cards[0].question = "changed"  # type: ignore[misc]


def test_text_is_nfc_normalised(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Café ɛ")
    deck = load_deck(write_deck(tmp_path, DEMO_DECK.replace("Breathe out slowly.", decomposed)))
    assert deck.card("self-01").advice == unicodedata.normalize("NFC", decomposed)


def test_toml_syntax_error_names_file_and_line(tmp_path):
    text = DEMO_DECK.replace('title = "Demo deck"', 'title = "Demo deck')
    lines = problems_of(tmp_path, text)
    assert len(lines) == 1
    assert lines[0].startswith(f"{tmp_path / 'demo' / 'deck.toml'}:3: not valid TOML")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('advice = "Breathe out slowly."\n', ""), "card self-01: missing field 'advice'"),
        (('advice = "Breathe out slowly."', 'advice = "  "'), "card self-01: empty text in 'advice'"),
        (('id = "self-02"', 'id = "self-01"'), "card self-01: duplicate card id"),
        (('domain = "clients"\nquestion', 'domain = "family"\nquestion'),
         "card clients-01: unknown domain 'family'"),
        (('affirmation = "I rest."', 'affirmation = "I rest."\nafirmation = "x"'),
         "card self-01: unknown key 'afirmation'"),
        (('version = 1', 'version = 1\ncolour = "red"'), "unknown key 'colour' in [deck]"),
        (('id = "demo"', 'id = "other"'), "deck id 'other' does not match its folder name 'demo'"),
        (('version = 1', 'version = 0'), "'version' in [deck] must be a whole number"),
        (('id = "self-01"', 'id = "Self 01"'), "card Self 01: id 'Self 01' must be lower-case"),
    ],
)
def test_each_content_problem_is_one_line(tmp_path, change, expected):
    old, new = change
    assert old in DEMO_DECK
    lines = problems_of(tmp_path, DEMO_DECK.replace(old, new, 1))
    assert any(expected in line for line in lines), lines
    assert all(line.startswith(str(tmp_path / "demo" / "deck.toml") + ":") for line in lines)


def test_card_problem_names_the_line(tmp_path):
    lines = problems_of(tmp_path, DEMO_DECK.replace('affirmation = "I listen."',
                                                    'affirmation = ""'))
    assert lines == [f"{tmp_path / 'demo' / 'deck.toml'}: card self-02: empty text in "
                     f"'affirmation' (line 23)"]


def test_several_problems_are_all_reported(tmp_path):
    text = DEMO_DECK.replace(
        'domain = "self"\nquestion = "What music', 'domain = "nope"\nquestion = "What music'
    ).replace('affirmation = "I am kind."', "")
    lines = problems_of(tmp_path, text)
    assert len(lines) == 2
    assert "card self-02: unknown domain 'nope'" in lines[0]
    assert "card clients-01: missing field 'affirmation'" in lines[1]


def test_missing_tables(tmp_path):
    lines = problems_of(tmp_path, 'title = "x"\n')
    assert any("unknown key 'title' in the file" in line for line in lines)
    assert any("missing [deck] table" in line for line in lines)


def test_not_utf8_and_missing_file(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "deck.toml").write_bytes(b'[deck]\nid = "d\xe9mo"\n')
    deck, problems = check_deck(folder)
    assert deck is None and str(problems[0]).endswith(":2: not UTF-8 text")
    deck, problems = check_deck(tmp_path / "nothing")
    assert "no such deck file" in str(problems[0])


def test_load_deck_raises_with_every_problem(tmp_path):
    folder = write_deck(tmp_path, DEMO_DECK.replace(
        'question = "What music helps you?"', 'question = ""'))
    with pytest.raises(DeckError) as info:
        load_deck(folder)
    assert "card self-02: empty text in 'question'" in str(info.value)


class Upper:
    def pgettext(self, context, message):
        return f"{context}={message.upper()}"


def test_localize_uses_contexts(demo_deck):
    deck = localize_deck(load_deck(demo_deck), Upper(), "xx")
    assert deck.lang == "xx"
    assert deck.title == "demo/@deck/title=DEMO DECK"
    assert deck.domain("self").title == "demo/@domain-self/title=CARE FOR SELF"
    assert deck.card("self-01").advice == "demo/self-01/advice=BREATHE OUT SLOWLY."
