"""Hermetic tests: data, decks and locales never come from the developer's home."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ccfacil.i18n import runtime as i18n

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def hermetic(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("CCFACIL_DATA_DIR", str(data))
    for name in ("CCFACIL_DECK_PATH", "CCFACIL_LOCALE_PATH", "CCFACIL_FALLBACK"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CCFACIL_LANG", "en")  # tests that need fr or bm say so
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    i18n.configure(data)
    i18n.set_language("en")
    yield data
    i18n.configure(data)


DEMO_DECK = """\
[deck]
id = "demo"
title = "Demo deck"
version = 1
source_language = "en"

[[deck.domains]]
id = "self"
title = "Care for self"

[[deck.domains]]
id = "clients"
title = "Care for clients"

[[cards]]
id = "self-01"
domain = "self"
question = "How do you rest [really]?"
advice = "Breathe out slowly."
affirmation = "I rest."

[[cards]]
id = "self-02"
domain = "self"
question = "What music helps you?"
advice = "Five minutes of music lowers stress."
affirmation = "I listen."

[[cards]]
id = "clients-01"
domain = "clients"
question = "How do you greet a woman in labour?"
advice = "Say your name and what you will do."
affirmation = "I am kind."
"""


def write_deck(root: Path, text: str = DEMO_DECK, name: str = "demo") -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.toml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def demo_deck(tmp_path) -> Path:
    return write_deck(tmp_path / "decks")


@pytest.fixture(params=("memory", "disk"))  # = tests.store_helpers.KINDS
def place(request, tmp_path):
    """Where a session repository is kept: each test runs in memory and on disk."""
    from tests.store_helpers import Place

    return Place(request.param, tmp_path / "repository")


@pytest.fixture
def repo(place):
    """An open session repository, in memory and on disk."""
    store = place.open()
    yield store
    store.close()
