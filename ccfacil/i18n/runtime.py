"""The active language, behind our own ``_()``, so it can switch at run time.

Use ``_("text")`` for strings shown now and ``N_("text")`` for module-level
constants, translated with ``_()`` when they are shown.  Each switch builds a
fresh fallback chain (``LL -> fr -> en`` by default) from the catalogs that
``ccfacil.i18n.catalogs`` found.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from gettext import NullTranslations

from ccfacil.i18n import translation
from ccfacil.i18n.catalogs import LocaleRegistry
from ccfacil.cards.deck import Deck, localize_deck
from ccfacil.i18n.translation import N_, _, ngettext, pgettext  # noqa: F401  (the API)

DEFAULT_LANG = "fr"
DEFAULT_FALLBACK = ("fr",)
ENV_LANG = "CCFACIL_LANG"
ENV_FALLBACK = "CCFACIL_FALLBACK"


def configured_fallback() -> tuple[str, ...]:
    """The install's fallback languages: ``CCFACIL_FALLBACK`` (e.g. ``fr`` or ``fr:en``),
    else ``"fallback"`` in the data folder's ``settings.json``, else French."""
    raw = os.environ.get(ENV_FALLBACK)
    if raw is None and _data_dir is not None:
        from ccfacil.storage.settings import peek

        value = peek(_data_dir, "fallback")
        raw = value if isinstance(value, str) and value.strip() else None
    if raw is None:
        return DEFAULT_FALLBACK
    return tuple(code.strip() for code in raw.replace(",", ":").split(":") if code.strip())


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

    def localize(self, deck: Deck) -> Deck:
        return localize_deck(deck, self.cards, self.lang)


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


def registry() -> LocaleRegistry:
    global _registry
    if _registry is None:
        _registry = LocaleRegistry.default()
    return _registry


def configure(data_dir: Path | None = None, registry_: LocaleRegistry | None = None) -> None:
    """Choose where catalogs are found (call before ``set_language``)."""
    global _registry, _active, _data_dir
    _registry = registry_ if registry_ is not None else LocaleRegistry.default(data_dir)
    _data_dir = data_dir
    _active = None
    translation.use(None)


def ensure_configured(data_dir: Path) -> None:
    """``configure(data_dir)`` unless the catalogs already come from there (the command
    line configures early, for ``--help``, and again for the command itself)."""
    if _registry is None or _data_dir != data_dir:
        configure(data_dir)


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
