"""Finding decks: the shipped ones, the user's own, and any extra folders."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ccfacil import paths
from ccfacil.cards.deck import DECK_FILE, Deck, DeckProblem
from ccfacil.cards.deckfile import check_deck, load_deck
from ccfacil.errors import CcfacilError

DEFAULT_DECK = "courage"


class DeckLibrary:
    """Deck folders found under a list of roots; a later root overrides an earlier one.

    A root is either a folder of deck folders (``<root>/<id>/deck.toml``) or a
    single deck folder (``<root>/deck.toml``).
    """

    def __init__(self, roots: Sequence[Path]):
        self.roots = [Path(r) for r in roots]
        self._paths: dict[str, Path] = {}
        for root in self.roots:
            if (root / DECK_FILE).is_file():
                self._paths[root.name] = root
            elif root.is_dir():
                for child in sorted(root.iterdir()):
                    if (child / DECK_FILE).is_file():
                        self._paths[child.name] = child
        self._loaded: dict[str, Deck] = {}

    @classmethod
    def default(cls, data_dir: Path | None = None, extra: Iterable[Path] = ()) -> "DeckLibrary":
        data_dir = data_dir if data_dir is not None else paths.default_data_dir()
        return cls([paths.shipped_decks_dir(), data_dir / "decks", *extra])

    def ids(self) -> list[str]:
        """Deck ids, the default deck first."""
        return sorted(self._paths, key=lambda i: (i != DEFAULT_DECK, i))

    def default_id(self) -> str:
        ids = self.ids()
        if not ids:
            raise CcfacilError("no decks found (looked in: "
                               + ", ".join(str(r) for r in self.roots) + ")")
        return ids[0]

    def path(self, deck_id: str) -> Path:
        try:
            return self._paths[deck_id]
        except KeyError:
            from ccfacil.i18n.runtime import _

            known = ", ".join(f"'{i}'" for i in self.ids()) or "—"
            raise CcfacilError(_("no deck named '%(deck)s' (known decks: %(known)s)") % {
                "deck": deck_id, "known": known}) from None

    def load(self, deck_id: str | None = None) -> Deck:
        deck_id = deck_id or self.default_id()
        if deck_id not in self._loaded:
            self._loaded[deck_id] = load_deck(self.path(deck_id))
        return self._loaded[deck_id]

    def load_all(self) -> tuple[list[Deck], list[DeckProblem]]:
        """Every deck that loads, and the problems of those that do not."""
        decks: list[Deck] = []
        problems: list[DeckProblem] = []
        for deck_id in self.ids():
            if deck_id in self._loaded:
                decks.append(self._loaded[deck_id])
                continue
            deck, found = check_deck(self._paths[deck_id])
            if deck is None:
                problems.extend(found)
            else:
                self._loaded[deck_id] = deck
                decks.append(deck)
        return decks, problems
