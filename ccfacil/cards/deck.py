"""Discussion decks: the model of a deck (domains, cards, their texts) and its translation.
Reading and checking a ``deck.toml`` file is ``ccfacil.cards.deckfile``'s job.

A deck file holds structure and the source-language (English) text only; every
translation lives in the ``cards`` gettext domain, keyed by the context
``<deck>/<card>/<field>`` with the source text as msgid (see ``decks/README.md``).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ccfacil.errors import CcfacilError
from ccfacil.i18n.later import N_, Later

DECK_FILE = "deck.toml"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
LANG_RE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*$")
CARD_FIELDS = ("question", "advice", "affirmation")
TOP_KEYS = {"deck", "cards"}
DECK_KEYS = {"id", "title", "version", "source_language", "domains"}
DOMAIN_KEYS = {"id", "title"}
CARD_KEYS = {"id", "domain", *CARD_FIELDS, "note"}


@dataclass(frozen=True)
class Domain:
    id: str
    title: str


@dataclass(frozen=True)
class Card:
    id: str
    domain: str
    question: str
    advice: str
    affirmation: str
    note: str = ""

    def text(self, field: str) -> str:
        if field not in CARD_FIELDS:
            raise KeyError(field)
        return getattr(self, field)


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    version: int
    source_language: str
    domains: tuple[Domain, ...]
    cards: tuple[Card, ...]
    path: Path | None = None
    lang: str = "en"

    def domain(self, domain_id: str) -> Domain:
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(domain_id)

    def card(self, card_id: str) -> Card:
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def cards_in(self, domain_id: str) -> tuple[Card, ...]:
        return tuple(c for c in self.cards if c.domain == domain_id)

    @property
    def domain_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.domains)


@dataclass(frozen=True)
class DeckProblem:
    """One thing wrong with a deck file, printed as a single line."""

    path: Path
    message: str
    line: int | None = None
    card: str | None = None

    def __str__(self) -> str:  # said in the language in force when it is shown
        if self.card is not None:
            params = {"path": str(self.path), "card": self.card, "problem": self.message,
                      "line": self.line}
            return str(Later(N_("%(path)s: card %(card)s: %(problem)s (line %(line)s)"), params)
                       if self.line else Later(N_("%(path)s: card %(card)s: %(problem)s"),
                                               params))
        if self.line is not None:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"


class DeckError(CcfacilError):
    def __init__(self, problems: list[DeckProblem]):
        self.problems = problems
        super().__init__()

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class Translator(Protocol):
    def pgettext(self, context: str, message: str) -> str: ...


# -- translation contexts ---------------------------------------------------

def card_context(deck_id: str, card_id: str, field: str) -> str:
    return f"{deck_id}/{card_id}/{field}"


def deck_title_context(deck_id: str) -> str:
    return f"{deck_id}/@deck/title"


def domain_title_context(deck_id: str, domain_id: str) -> str:
    return f"{deck_id}/@domain-{domain_id}/title"


def translatable_texts(deck: Deck) -> list[tuple[str, str, str]]:
    """Every (context, source text, translator note) of a deck, in file order."""
    items = [(deck_title_context(deck.id), deck.title, "Deck title")]
    items += [
        (domain_title_context(deck.id, d.id), d.title, "Domain title")
        for d in deck.domains
    ]
    for card in deck.cards:
        for field in CARD_FIELDS:
            items.append((card_context(deck.id, card.id, field), card.text(field), card.note))
    return items


def localize_deck(deck: Deck, translator: Translator, lang: str) -> Deck:
    """The same deck with every text looked up through ``translator``."""

    def tr(context: str, text: str) -> str:
        return unicodedata.normalize("NFC", translator.pgettext(context, text))

    domains = tuple(
        Domain(d.id, tr(domain_title_context(deck.id, d.id), d.title)) for d in deck.domains
    )
    cards = tuple(
        dataclasses.replace(
            card,
            **{f: tr(card_context(deck.id, card.id, f), card.text(f)) for f in CARD_FIELDS},
        )
        for card in deck.cards
    )
    return dataclasses.replace(
        deck,
        title=tr(deck_title_context(deck.id), deck.title),
        domains=domains,
        cards=cards,
        lang=lang,
    )


class Localizer(Protocol):
    """A language with its card translations (``ccfacil.i18n.runtime.Localizer``)."""

    lang: str
    cards: Translator


def localized(deck: Deck, localizer: Localizer | None = None) -> Deck:
    """``deck`` in the active language (or in ``localizer``'s), each text falling back as
    that language's chain says."""
    if localizer is None:
        from ccfacil.i18n import runtime

        localizer = runtime.active()
    return localize_deck(deck, localizer.cards, localizer.lang)
