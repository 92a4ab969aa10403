"""The draw pile: a reproducible shuffle with skip, back, domain filters and balance.

Everything random comes from the ``random.Random`` passed in, so the same seed
gives the same order of cards on every machine.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from ccfacil.cards.deck import Card
from ccfacil.errors import UsageProblem
from ccfacil.i18n.translation import _


class DrawMode(str, Enum):
    SHUFFLE = "shuffle"
    BALANCED = "balanced"


@dataclass(frozen=True)
class PileState:
    """What the pile looks like now (for the screen)."""

    current: Card | None
    position: int  # 1-based position of the current card among those drawn
    drawn: int  # cards drawn so far (without skipped ones)
    remaining: int  # cards left before a reshuffle


class DrawPile:
    """Cards are drawn from the top; no card repeats before the pile runs out.

    *history* holds the cards drawn so far, *cursor* points at the one shown:
    ``back`` moves the cursor, ``next`` moves it forward again before drawing
    anything new, like a browser's history.  In balanced mode each domain has
    its own pile and the draw rotates through the domains, a new shuffled round
    of domains each time every domain has had a turn.
    """

    def __init__(
        self,
        cards: Sequence[Card],
        rng: random.Random,
        *,
        domains: Collection[str] = (),
        mode: DrawMode | str = DrawMode.SHUFFLE,
        avoid: Collection[str] = (),
    ):
        self._all = tuple(cards)
        self._rng = rng
        self.mode = DrawMode(mode)
        self._avoid = set(avoid)
        self.history: list[Card] = []
        self.cursor = -1
        self._round: list[str] = []
        self._last_domain: str | None = None
        self._domain_order = list(dict.fromkeys(c.domain for c in self._all))
        self.set_domains(domains)

    # -- configuration ------------------------------------------------------
    def set_domains(self, domains: Collection[str] = ()) -> None:
        """Draw only from these domains (all when empty); keeps what was drawn."""
        unknown = set(domains) - set(self._domain_order)
        if unknown:
            raise UsageProblem(_("unknown domain: %(domains)s (known: %(known)s)") % {
                "domains": ", ".join(sorted(unknown)), "known": ", ".join(self._domain_order)})
        self.domains = tuple(d for d in self._domain_order if not domains or d in domains)
        pool = [c for c in self._all if c.domain in self.domains]
        if not pool:
            raise UsageProblem(_("the deck has no cards in the chosen domains"))
        seen = {c.id for c in self.history}
        fresh = [c for c in pool if c.id not in seen] or pool
        self._piles: dict[str | None, list[Card]] = {}
        for key in self._pile_keys():
            self._piles[key] = self._shuffled([c for c in fresh if self._key(c) == key])
        self._round = []

    def _pile_keys(self) -> list[str | None]:
        return list(self.domains) if self.mode is DrawMode.BALANCED else [None]

    def _key(self, card: Card) -> str | None:
        return card.domain if self.mode is DrawMode.BALANCED else None

    def _shuffled(self, cards: Iterable[Card]) -> list[Card]:
        pile = list(cards)
        self._rng.shuffle(pile)
        # Cards to avoid (discussed recently) go to the bottom, in shuffled order.
        pile.sort(key=lambda c: c.id in self._avoid)
        return pile

    # -- state --------------------------------------------------------------
    @property
    def current(self) -> Card | None:
        return self.history[self.cursor] if self.cursor >= 0 else None

    @property
    def remaining(self) -> int:
        return sum(len(p) for p in self._piles.values())

    def state(self) -> PileState:
        return PileState(self.current, self.cursor + 1, len(self.history), self.remaining)

    # -- saving and resuming (after a power cut) -----------------------------------
    def position(self) -> dict:
        """The pile as card ids: what was drawn, the card shown, what comes next."""
        return {
            "history": [c.id for c in self.history],
            "card_index": self.cursor,
            "pile": [c.id for key in self._pile_keys() for c in self._piles.get(key, [])],
            "domains": list(self.domains),
            "round": list(self._round),
            "last_domain": self._last_domain,
        }

    def restore(self, position: dict) -> None:
        """Back to a saved ``position``; ValueError if it does not fit this deck."""
        by_id = {c.id: c for c in self._all}
        try:
            history = [by_id[i] for i in position["history"]]
            pile = [by_id[i] for i in position["pile"]]
        except KeyError as exc:
            raise ValueError(f"card {exc.args[0]!r} is not in this deck") from None
        cursor = int(position["card_index"])
        if not -1 <= cursor < len(history):
            raise ValueError(f"card index {cursor} out of range")
        self.set_domains(position.get("domains") or ())
        self.history, self.cursor = history, cursor
        self._piles = {key: [c for c in pile if self._key(c) == key] for key in self._pile_keys()}
        self._round = [d for d in position.get("round") or [] if d in self.domains]
        last = position.get("last_domain")
        self._last_domain = last if last in self.domains else None

    # -- moves ----------------------------------------------------------------
    def next(self) -> Card:
        """Show the next card: forward in history, else draw a new one."""
        if self.cursor < len(self.history) - 1:
            self.cursor += 1
        else:
            self.history.append(self._draw())
            self.cursor = len(self.history) - 1
        return self.history[self.cursor]

    def skip(self) -> Card:
        """Put the current card at the bottom of its pile and show the next one."""
        card = self.current
        if card is None:
            return self.next()
        del self.history[self.cursor]
        self.cursor -= 1
        if card.domain in self.domains:
            self._piles[self._key(card)].append(card)
        return self.next()

    def back(self) -> Card | None:
        """Show the previous card again (stays on the first one)."""
        if self.cursor > 0:
            self.cursor -= 1
        return self.current

    def take(self, count: int) -> list[Card]:
        return [self.next() for _ in range(count)]

    def _draw(self) -> Card:
        key = self._next_key()
        pile = self._piles[key]
        if not pile:
            pool = [c for c in self._all if c.domain in self.domains and self._key(c) == key]
            pile.extend(self._shuffled(pool))
            # A reshuffle should not show the card just discussed again straight away.
            last = self.history[-1] if self.history else None
            if last is not None and len(pile) > 1 and pile[0].id == last.id:
                pile.append(pile.pop(0))
        return pile.pop(0)

    def _next_key(self) -> str | None:
        if self.mode is not DrawMode.BALANCED:
            return None
        if not self._round:
            order = list(self.domains)
            self._rng.shuffle(order)
            if len(order) > 1 and order[0] == self._last_domain:
                order.append(order.pop(0))
            self._round = order
        self._last_domain = self._round.pop(0)
        return self._last_domain
