"""The run environment: what the command line and the app share, gathered in one place.

One ``RunEnv`` per run: the data folder, the deck folders, the deck library, the
remembered settings (``settings.json``) and the setup they propose, the data folder's
anonymous origin, the languages and their fallback, the decks in the active language,
and the way into the saved sessions with the folder's lock.

The command line builds it from its global options (``ccfacil.cli``) and hands it to every
sub-command (``ccfacil.clienv.pass_env``); ``ccfacil run`` hands the same object to the app
(``ccfacil.tui.app.make_app``), which wraps it with what only a screen needs (theme, bell,
clocks).  Plain Python: never imports Textual, and imports nothing heavy before it is used.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ccfacil import paths
from ccfacil.errors import CcfacilError
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import N_, _

if TYPE_CHECKING:
    from ccfacil.cards.deck import Deck
    from ccfacil.cards.library import DeckLibrary
    from ccfacil.sessions.runner import SessionSetup
    from ccfacil.storage.filelock import DataLock
    from ccfacil.storage.repository import SessionRepository
    from ccfacil.storage.settings import Settings

ENV_FALLBACK = "CCFACIL_FALLBACK"
PREFERRED_ORDER = ("fr", "bm")  # the languages offered first, English last


def fallback_languages(data_dir: Path) -> tuple[str, ...] | None:
    """The install's fallback languages: ``CCFACIL_FALLBACK`` (e.g. ``fr`` or ``fr:en``),
    else ``"fallback"`` in the data folder's ``settings.json``; None: i18n's own (French)."""
    raw = os.environ.get(ENV_FALLBACK)
    if raw is None:
        from ccfacil.storage.settings import peek

        value = peek(data_dir, "fallback")
        raw = value if isinstance(value, str) and value.strip() else None
    return None if raw is None else i18n.parse_fallback(raw)


def start_languages(data_dir: Path) -> None:
    """The catalogs of ``data_dir`` (and the shipped ones), with the install's fallback."""
    i18n.ensure_configured(data_dir, fallback_languages(data_dir))


def privacy_warning(label: str, code: str, found) -> str:
    """A warning about a code (a ``privacy.Findings`` in it) that has no field to ask in."""
    return _("The %(field)s %(code)s: %(problem)s") % {
        "field": _(label), "code": code, "problem": found.message()}


@dataclass
class RunEnv:
    """What one run of ``ccfacil`` works with, read when first needed."""

    data_dir: Path
    deck_paths: tuple[Path, ...] = ()
    lang: str = i18n.DEFAULT_LANG  # the language asked for (``--lang``)
    # Says one line to the user (what was repaired when the store was opened).
    tell: Callable[[str], object] | None = field(default=None, repr=False)
    _library: DeckLibrary | None = field(default=None, repr=False)
    _settings: Settings | None = field(default=None, repr=False)
    _settings_warning: str | None = field(default=None, repr=False)
    _lock: DataLock | None = field(default=None, repr=False)
    _decks: dict[tuple[str, str], Deck] = field(default_factory=dict, repr=False)

    @classmethod
    def at(cls, data_dir: Path | None = None, deck_paths: Sequence[Path] = (), *,
           library: DeckLibrary | None = None, **values) -> RunEnv:
        """The environment of ``data_dir`` (default: the user's data folder); ``library``:
        one already read (else made from the folders when first used)."""
        data_dir = data_dir if data_dir is not None else paths.default_data_dir()
        return cls(data_dir=Path(data_dir), deck_paths=tuple(deck_paths), _library=library,
                   **values)

    # -- decks ------------------------------------------------------------------------
    @property
    def library(self) -> DeckLibrary:
        if self._library is None:
            from ccfacil.cards.library import DeckLibrary

            self._library = DeckLibrary.default(self.data_dir, self.deck_paths)
        return self._library

    def localized_deck(self, deck_id: str | None = None) -> Deck:
        """The deck (default: the library's first) in the active language; kept, as the
        app's labels ask for it on every refresh."""
        from ccfacil.cards.deck import localized

        deck_id = deck_id or self.library.default_id()
        key = (deck_id, i18n.current_language())
        if key not in self._decks:
            self._decks[key] = localized(self.library.load(deck_id))
        return self._decks[key]

    localize = localized_deck  # the sub-commands' name for it

    def deck_or_none(self, deck_id: str) -> Deck | None:
        """The deck in the active language, or None when it is not installed here."""
        try:
            return self.localized_deck(deck_id)
        except CcfacilError:
            return None

    # -- languages --------------------------------------------------------------------
    def start_languages(self) -> None:
        start_languages(self.data_dir)

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

    # -- settings ---------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        """``settings.json``, read once (values it cannot use: ``settings_warning``)."""
        if self._settings is None:
            from ccfacil.storage import settings

            self._settings, self._settings_warning = settings.load(self.data_dir)
        return self._settings

    def remembered_site(self) -> str:
        """The site code ``settings.json`` holds ("" if none), read without changing
        anything (a command that only reads never moves a damaged settings file aside)."""
        from ccfacil.storage.settings import peek

        site = peek(self.data_dir, "site") if self._settings is None else self._settings.site
        return site.strip() if isinstance(site, str) else ""

    @property
    def settings_warning(self) -> str | None:
        self.settings
        return self._settings_warning

    @property
    def origin(self) -> str:
        """The data folder's anonymous id, written into new records (made on first use,
        saved with the settings when the first session starts)."""
        if not self.settings.origin:
            from ccfacil.sessions.session import new_origin

            self.settings.origin = new_origin()
        return self.settings.origin

    def setting_warnings(self, facilitator: str | None = None) -> list[str]:
        """What is wrong in ``settings.json``: values it cannot use, and a facilitator
        code (``facilitator``, default: the remembered one) that looks like a name: there
        is no field to ask it in."""
        found = [self.settings_warning] if self.settings_warning else []
        code = self.settings.facilitator if facilitator is None else facilitator
        if code:
            from ccfacil.sessions import privacy

            problem = privacy.check(code)
            if problem:
                found.append(privacy_warning(N_("facilitator code"), code, problem))
        return found

    def proposed_setup(self) -> SessionSetup:
        """The setup the remembered settings propose, in the active language, with a deck
        that is installed here."""
        setup = self.settings.to_setup(i18n.current_language())
        if setup.deck not in self.library.ids():
            setup.deck = self.library.default_id()
        return setup

    def remember(self, setup: SessionSetup | None = None, **display) -> None:
        """Save the settings: ``setup`` (site code first of all) and display choices
        (``theme``, ``bell``) for next time.  Raises ``OSError`` if it cannot be written."""
        from ccfacil.storage import settings

        if setup is not None:
            self.settings.remember(setup)
        for name, value in display.items():
            setattr(self.settings, name, value)
        settings.save(self.data_dir, self.settings)

    # -- saved sessions and the folder's lock -----------------------------------------
    def hold_folder(self, lock: DataLock | None = None) -> None:
        """Take the data folder's lock for writing now (or keep ``lock``, already taken):
        a second window, even one started at the same instant, or a read-only folder gets
        one line.  The store opened next takes it over (``open_store``)."""
        if lock is None:
            from ccfacil.storage.filelock import lock_for_writing

            lock = lock_for_writing(self.data_dir)
        self._lock = lock

    def release_folder(self) -> None:
        """Let the lock go if no store took it over (the app ended before opening one)."""
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    def open_store(self, *, write: bool = False,
                   tell: Callable[[str], object] | None = None) -> SessionRepository:
        """The saved sessions (locked while open); what was recovered is told (``tell``,
        else the environment's).

        The one place that decides about the folder's lock: a lock held (``hold_folder``)
        goes to the store.  Without it, ``write``: the caller will save; a read-only data
        folder, or one another window has open, stops here with one line.  A caller that
        only reads works in both: while the app has the folder open it reads what the app
        has saved.
        """
        from ccfacil.storage.store import open_store

        lock, self._lock = self._lock, None
        return open_store(self.data_dir, lock, write=write,
                          tell=tell if tell is not None else self.tell)
