"""How a card is named to people: its question, shortened, in the active language.

Card ids (``self-12``) are for machines: json and csv exports keep them; everything
a facilitator or coordinator reads names a card by the start of its question.
"""

from __future__ import annotations

from ccfacil.cards.deck import Deck

LIMIT = 60


def shorten(text: str, limit: int = LIMIT) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters (with "…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def card_name(deck: Deck | None, card_id: str, limit: int = LIMIT) -> str:
    """The card's question, shortened; its id only when the deck is not installed here."""
    if deck is None:
        return card_id
    try:
        return shorten(deck.card(card_id).question, limit)
    except KeyError:
        return card_id


def domain_name(deck: Deck | None, domain_id: str) -> str:
    if deck is not None:
        for domain in deck.domains:
            if domain.id == domain_id:
                return domain.title
    return domain_id
