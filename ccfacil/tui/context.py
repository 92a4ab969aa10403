"""Everything the app needs from outside, gathered once by ``make_app``."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ccfacil.i18n import runtime as i18n
from ccfacil.cards.deck import Deck
from ccfacil.errors import CcfacilError
from ccfacil.cards.library import DeckLibrary
from ccfacil.sessions.runner import SessionSetup
from ccfacil.sessions.session import now
from ccfacil.storage.settings import Settings
from ccfacil.sessions.turns import Clock

PREFERRED_ORDER = ("fr", "bm")


@dataclass
class AppContext:
    data_dir: Path
    library: DeckLibrary
    setup: SessionSetup
    settings: Settings
    clock: Clock = time.monotonic
    wall: Callable[[], dt.datetime] = now
    console_safe: bool = False
    theme: str = "normal"
    bell: bool = True
    start_session: bool = False  # skip the setup screen (tests, --start)
    people_hint: int | None = None  # people present last time, to confirm (not assume)
    origin: str = ""  # the data folder's anonymous id, written into new records
    warnings: list[str] = field(default_factory=list)
    terminal_warnings: list[str] = field(default_factory=list)  # settings, privacy: also on stderr
    _decks: dict[tuple[str, str], Deck] = field(default_factory=dict, repr=False)

    def languages(self) -> list[str]:
        """Every language the app can switch to, French and Bambara first, English last."""
        found = i18n.registry().languages()
        ordered = [code for code in PREFERRED_ORDER if code in found]
        ordered += sorted(code for code in found if code not in ordered and code != "en")
        return ordered + (["en"] if "en" in found else [])

    def next_language(self, current: str) -> str:
        languages = self.languages()
        if current not in languages:
            return languages[0]
        return languages[(languages.index(current) + 1) % len(languages)]

    def deck_or_none(self, deck_id: str) -> Deck | None:
        """The deck in the active language, or None when it is not installed here."""
        try:
            return self.localized_deck(deck_id)
        except CcfacilError:
            return None

    def localized_deck(self, deck_id: str) -> Deck:
        """The deck in the active language (kept: labels ask for it on every refresh)."""
        key = (deck_id, i18n.current_language())
        if key not in self._decks:
            self._decks[key] = i18n.active().localize(self.library.load(deck_id))
        return self._decks[key]
