"""The shipped decks and their French and Bambara catalogs are complete and sound."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

from ccfacil import paths
from ccfacil.cards.deck import CARD_FIELDS, card_context, localized
from ccfacil.cards.library import DeckLibrary
from ccfacil.i18n.catalogs import LocaleRegistry, placeholders
from ccfacil.i18n.posyntax import raw_headers
from ccfacil.i18n.runtime import Localizer

MINIMUM = {"courage": (48, 12), "error": (16, 4), "mentor": (12, 3)}


@pytest.fixture(scope="module")
def library():
    return DeckLibrary([paths.shipped_decks_dir()])


@pytest.fixture(scope="module")
def registry():
    return LocaleRegistry([paths.shipped_locales_dir()])


def test_shipped_decks_and_sizes(library):
    assert library.ids() == ["courage", "error", "mentor"]
    for deck_id, (cards, per_domain) in MINIMUM.items():
        deck = library.load(deck_id)
        assert len(deck.cards) >= cards
        assert deck.domain_ids == ("self", "clients", "family", "colleagues")
        for domain in deck.domain_ids:
            assert len(deck.cards_in(domain)) >= per_domain, (deck_id, domain)


@pytest.mark.parametrize("lang", ["fr", "bm"])
def test_every_card_field_is_translated(library, registry, lang):
    loaded = registry.load(lang, "cards")
    assert loaded is not None and not registry.problems
    for deck_id in library.ids():
        deck = library.load(deck_id)
        for card in deck.cards:
            for field in CARD_FIELDS:
                source = card.text(field)
                key = (card_context(deck.id, card.id, field), source)
                text = loaded.entries.get(key, "")
                assert text.strip(), f"{lang}: {key[0]} is not translated"
                assert placeholders(text) == placeholders(source), key[0]
                assert text == unicodedata.normalize("NFC", text), key[0]


def test_bambara_uses_its_own_letters_and_is_marked_for_review(library, registry):
    deck = localized(library.load("courage"), Localizer(registry, "bm", ()))
    text = " ".join(c.question + c.advice + c.affirmation for c in deck.cards)
    for letter in "ɛɔɲ":
        assert letter in text
    for substitute in ("è", "ò", "e`", "o`"):
        assert substitute not in text
    po = registry.po_path("bm", "cards")
    headers = raw_headers(po.read_text(encoding="utf-8"))
    assert headers["Plural-Forms"] == "nplurals=1; plural=0;"
    assert headers["X-Review-Status"] == "needs native review"


def test_card_text_has_no_markup_or_line_breaks(library):
    for deck_id in library.ids():
        for card in library.load(deck_id).cards:
            for field in CARD_FIELDS:
                assert "\n" not in card.text(field), (deck_id, card.id)


def test_seeded_bambara_draw_is_the_same_in_every_process(tmp_path):
    args = [sys.executable, "-m", "ccfacil", "--lang", "bm", "draw", "--seed", "7", "--count",
            "5", "--format", "json"]
    env = {"CCFACIL_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    outputs = {subprocess.run(args, capture_output=True, text=True, check=True,
                              env={**env, "PYTHONHASHSEED": seed}).stdout for seed in "123"}
    assert len(outputs) == 1
    import json
    cards = json.loads(outputs.pop())
    assert len(cards) == 5 and all(c["lang"] == "bm" for c in cards)
    assert len({c["id"] for c in cards}) == 5
