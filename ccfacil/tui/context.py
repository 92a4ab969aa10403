"""What the app works with: the run environment (``ccfacil.runenv.RunEnv``, shared with the
command line) and what only the app needs (the setup on screen, clocks, display choices,
warnings to show), gathered once by ``make_app``."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ccfacil.cards.deck import Deck
from ccfacil.cards.library import DeckLibrary
from ccfacil.runenv import RunEnv
from ccfacil.sessions.runner import SessionSetup
from ccfacil.sessions.session import now
from ccfacil.sessions.turns import Clock
from ccfacil.storage.settings import Settings


@dataclass
class AppContext:
    env: RunEnv
    setup: SessionSetup
    clock: Clock = time.monotonic
    wall: Callable[[], dt.datetime] = now
    console_safe: bool = False
    theme: str = "normal"
    bell: bool = True
    start_session: bool = False  # skip the setup screen (tests, --start)
    people_hint: int | None = None  # a number to confirm at the start (not assume)
    people_last: int | None = None  # people present at the last session here (None: none yet)
    warnings: list[str] = field(default_factory=list)
    terminal_warnings: list[str] = field(default_factory=list)  # settings, privacy: also on stderr

    # -- the run environment's, by their usual names -----------------------------------
    @property
    def data_dir(self) -> Path:
        return self.env.data_dir

    @property
    def library(self) -> DeckLibrary:
        return self.env.library

    @property
    def settings(self) -> Settings:
        return self.env.settings

    @property
    def origin(self) -> str:
        return self.env.origin

    def languages(self) -> list[str]:
        return self.env.languages()

    def next_language(self, current: str) -> str:
        return self.env.next_language(current)

    def deck_or_none(self, deck_id: str) -> Deck | None:
        return self.env.deck_or_none(deck_id)

    def localized_deck(self, deck_id: str) -> Deck:
        return self.env.localized_deck(deck_id)

    def remember(self, setup: SessionSetup | None = None) -> None:
        """Save ``setup`` and the display choices for next time (``OSError`` if it cannot)."""
        self.env.remember(setup, theme=self.theme, bell=self.bell)
