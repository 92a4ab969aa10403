"""The active language, behind our own ``_()``, so it can switch at run time.

Use ``_("text")`` for strings shown now and ``N_("text")`` for module-level
constants, translated with ``_()`` when they are shown.  Each switch builds a
fresh fallback chain (``LL -> fr -> en`` by default) from the catalogs that
``ccfacil.i18n.catalogs`` found.

The fallback languages are given (``configure(fallback=...)``): the run environment
(``ccfacil.runenv``) reads them from ``CCFACIL_FALLBACK`` or ``settings.json``.  A deck is
put in a language by the cards layer (``ccfacil.cards.deck.localized``) with a ``Localizer``'s
``cards`` translations: this module knows nothing of decks, sessions or storage.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from gettext import NullTranslations
from pathlib import Path

from ccfacil.i18n import translation
from ccfacil.i18n.catalogs import LocaleRegistry
from ccfacil.i18n.translation import N_, _, ngettext, pgettext  # noqa: F401  (the API)

DEFAULT_LANG = "fr"
DEFAULT_FALLBACK = ("fr",)
ENV_LANG = "CCFACIL_LANG"


def parse_fallback(text: str) -> tuple[str, ...]:
    """``"fr:en"`` (or ``"fr,en"``) as language codes, in order."""
    return tuple(code.strip() for code in text.replace(",", ":").split(":") if code.strip())


def configured_fallback() -> tuple[str, ...]:
    """The fallback languages given to ``configure`` (French if none were)."""
    return _fallback if _fallback is not None else DEFAULT_FALLBACK


class Localizer:
    """One language with its fallback chain, for both domains."""

    def __init__(self, registry: LocaleRegistry, lang: str = DEFAULT_LANG,
                 fallback: Sequence[str] | None = None):
        self.registry = registry
        self.fallback = tuple(fallback) if fallback is not None else configured_fallback()
        self.lang = lang
        self.messages: NullTranslations = registry.chain(lang, "ccfacil", self.fallback)
        self.cards: NullTranslations = registry.chain(lang, "cards", self.fallback)

    def gettext(self, message: str) -> str:
        return self.messages.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        try:
            return self.messages.ngettext(singular, plural, n)
        except Exception as exc:  # noqa: BLE001 - a catalog's plural rule failing here
            problem(f"{self.lang}: the plural rule fails for n={n} ({exc}); "
                    f"showing the English text")
            return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        return self.messages.pgettext(context, message)


# Where problems found at run time go (the command line prints them; default: kept).
reporter: Callable[[str], None] | None = None
_reported: set[str] = set()


def problem(message: str) -> None:
    """Say once that a translation failed and the English text is shown instead."""
    if message in _reported:
        return
    _reported.add(message)
    if reporter is not None:
        reporter(message)


_registry: LocaleRegistry | None = None
_active: Localizer | None = None
_data_dir: Path | None = None
_fallback: tuple[str, ...] | None = None


def registry() -> LocaleRegistry:
    global _registry
    if _registry is None:
        _registry = LocaleRegistry.default()
    return _registry


def configure(data_dir: Path | None = None, registry_: LocaleRegistry | None = None,
              fallback: Sequence[str] | None = None) -> None:
    """Choose where catalogs are found and the languages to fall back on (default:
    French); call before ``set_language``."""
    global _registry, _active, _data_dir, _fallback
    _registry = registry_ if registry_ is not None else LocaleRegistry.default(data_dir)
    _data_dir = data_dir
    _fallback = tuple(fallback) if fallback is not None else None
    _active = None
    translation.use(None)


def ensure_configured(data_dir: Path, fallback: Sequence[str] | None = None) -> None:
    """``configure(data_dir, fallback=fallback)`` unless the catalogs already come from
    there with that fallback (the command line configures early, for ``--help``, and again
    for the command itself)."""
    wanted = tuple(fallback) if fallback is not None else None
    if _registry is None or _data_dir != data_dir or _fallback != wanted:
        configure(data_dir, fallback=fallback)


def ensure_language(lang: str) -> Localizer:
    """``set_language(lang)`` unless it is already the active language."""
    if _active is None or _active.lang != lang:
        return set_language(lang)
    return _active


def set_language(lang: str, fallback: Sequence[str] | None = None) -> Localizer:
    global _active
    _active = Localizer(registry(), lang, fallback)
    translation.use(_active)
    return _active


def active() -> Localizer:
    if _active is None:
        return set_language(os.environ.get(ENV_LANG) or DEFAULT_LANG)
    return _active


def current_language() -> str:
    return active().lang


translation.start = active  # a message asked for before any set_language
