"""Finding and loading gettext catalogs for the two domains, ``ccfacil`` and ``cards``.

Locales are looked up in the shipped ``locales/`` folder, then
``<data dir>/locales``, then the ``CCFACIL_LOCALE_PATH`` folders; when a language
appears in several, the later folder wins, so a translator's working copy
overrides the shipped one.  A ``.po`` file newer than its ``.mo`` (or without
one) is compiled in memory, so an edit shows on the next start; so is one whose ``.mo``
cannot be read (a 0-byte file left by a full disk).  A broken catalog (bad syntax, a
``Plural-Forms`` expression that cannot be computed) is reported once and skipped: the
next language in the chain is used.  A translation that would fail when it is formatted
(placeholders that differ from the English text, a lone ``%``) is dropped with a warning,
so the next language, or the English text, is shown instead.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from ccfacil import paths
from ccfacil.i18n.later import N_, Later
from ccfacil.i18n.pofiles import (  # noqa: F401  (re-exported: one place to import them from)
    CatalogProblem,
    CatalogReadError,
    compile_catalog,
    drop_unfinished_plurals,
    format_problem,
    placeholders,
    plural_problem,
    read_catalog,
    read_catalog_text,
    usable_entries,
)
from ccfacil.i18n.posyntax import raw_headers

DOMAINS = ("ccfacil", "cards")
SOURCE_LANG = "en"
LANG_DIR_RE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*$")
MAX_MO_BYTES = 16 << 20


@dataclass
class LoadedCatalog:
    """One parsed catalog: its compiled form and its usable entries."""

    lang: str
    domain: str
    path: Path
    mo: bytes
    entries: dict[tuple[str | None, str], str] = field(default_factory=dict)
    header: dict[str, str] = field(default_factory=dict)
    compiled: GNUTranslations | None = field(default=None, repr=False)

    def translations(self) -> GNUTranslations:
        """A fresh object every time (fallbacks are chained onto it), parsed only once."""
        if self.compiled is None:
            self.compiled = GNUTranslations(io.BytesIO(self.mo))
        fresh = GNUTranslations()
        # The parsed table is shared, read-only; only the fallback differs per object.
        fresh._catalog = self.compiled._catalog
        fresh._info, fresh._charset = self.compiled._info, self.compiled._charset
        fresh.plural = self.compiled.plural
        return fresh


RUNTIME_PLURAL_CHECK = 200  # n = 0..200 at each start; 'locales check' goes to 1000


def _read_mo(path: Path) -> bytes:
    """A compiled catalog's bytes; b"" (read as stale) if it is not a regular file."""
    from ccfacil.inputs import InputError, read_capped

    try:
        return read_capped(path, MAX_MO_BYTES)
    except InputError:
        return b""


def _cache_file(po: Path, stat) -> Path | None:
    """Where the compiled form of this exact ``.po`` (path, size, time) is kept."""
    try:
        key = f"2|{po.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()  # 2: plurals fixed
        return paths.cache_dir() / "catalogs" / (paths.cache_name(key) + ".mo")
    except OSError:
        return None


def _store_cache(path: Path, data: bytes) -> None:
    """Best effort: a cache that cannot be written only costs time at the next start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


class LocaleRegistry:
    """Every locale folder found under the roots, and their loaded catalogs."""

    def __init__(self, roots: Sequence[Path]):
        self.roots = [Path(r) for r in roots]
        self.problems: list[CatalogProblem] = []
        self._cache: dict[tuple[str, str], LoadedCatalog | None] = {}

    @classmethod
    def default(cls, data_dir: Path | None = None) -> "LocaleRegistry":
        data_dir = data_dir if data_dir is not None else paths.default_data_dir()
        return cls([paths.shipped_locales_dir(), data_dir / "locales",
                    *paths.env_paths(paths.ENV_LOCALE_PATH)])

    def locale_dirs(self) -> dict[str, Path]:
        """Language code -> the folder that wins for it (the last root holding it)."""
        found: dict[str, Path] = {}
        for root in self.roots:
            if not root.is_dir():
                continue
            for child in sorted(root.iterdir()):
                if LANG_DIR_RE.match(child.name) and (child / "LC_MESSAGES").is_dir():
                    found[child.name] = child
        return found

    def languages(self) -> list[str]:
        """Every language the app can show: the source language and each locale folder."""
        return sorted({SOURCE_LANG, *self.locale_dirs()})

    def po_path(self, lang: str, domain: str) -> Path | None:
        folder = self.locale_dirs().get(lang)
        if folder is None:
            return None
        path = folder / "LC_MESSAGES" / f"{domain}.po"
        return path if path.is_file() else None

    def load(self, lang: str, domain: str) -> LoadedCatalog | None:
        """The catalog for a language and domain, or None (missing or broken)."""
        key = (lang, domain)
        if key not in self._cache:
            self._cache[key] = self._load(lang, domain)
        return self._cache[key]

    def _load(self, lang: str, domain: str) -> LoadedCatalog | None:
        po = self.po_path(lang, domain)
        if po is None:
            return None
        mo = po.with_suffix(".mo")
        try:
            stat = po.stat()
            if mo.is_file() and mo.stat().st_mtime >= stat.st_mtime:
                loaded = self._from_mo(lang, domain, po, _read_mo(mo))
                if loaded is not None:
                    return loaded
            cached = _cache_file(po, stat)
            if cached is not None and cached.is_file():  # ours: checked when it was made
                loaded = self._from_mo(lang, domain, po, _read_mo(cached), checked=True)
                if loaded is not None:
                    return loaded
            text = read_catalog_text(po)
            catalog = read_catalog(po, lang, text)
        except (CatalogReadError, OSError) as exc:
            problems = getattr(exc, "problems", None) or [
                CatalogProblem(po, Later(N_("this file cannot be read")))]
            self.problems.extend(problems[:1])
            return None
        headers = raw_headers(text)
        problem = plural_problem(headers.get("Plural-Forms"), RUNTIME_PLURAL_CHECK)
        if problem is not None:
            self.problems.append(CatalogProblem(po, problem))
            return None
        dropped = usable_entries(catalog)
        for msgid, why in dropped:
            self.problems.append(CatalogProblem(
                po, Later(N_("%(why)s, not used: %(msgid)s"), {"why": why,
                                                               "msgid": repr(msgid)})))
        entries = {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]):
                m.string if isinstance(m.string, str) else m.string[0]
            for m in catalog if m.id and m.string and not m.fuzzy
        }
        data = compile_catalog(catalog)
        try:
            compiled = GNUTranslations(io.BytesIO(data))
        except Exception as exc:  # noqa: BLE001 - whatever gettext makes of it, skip it
            self.problems.append(CatalogProblem(po, f"cannot be used: {exc}"))
            return None
        if not dropped and cached is not None:
            _store_cache(cached, data)
        return LoadedCatalog(lang, domain, po, data, entries, headers, compiled)

    @staticmethod
    def _from_mo(lang: str, domain: str, po: Path, data: bytes,
                 checked: bool = False) -> LoadedCatalog | None:
        """A compiled catalog that is up to date: no parsing of the ``.po`` needed.

        None when a translation's placeholders differ from its msgid (then the
        ``.po`` is parsed, so that the bad message is dropped and reported);
        ``checked`` catalogs (our own cache, made from a cleaned ``.po``) skip that.
        """
        try:  # a 0-byte or damaged file, or a bad Plural-Forms: as if it were stale
            compiled = GNUTranslations(io.BytesIO(data))
        except Exception:  # noqa: BLE001 - struct.error, OSError, ValueError, ...
            return None
        if not checked and plural_problem(compiled._info.get("plural-forms"),
                                          RUNTIME_PLURAL_CHECK):
            return None  # the .po is read, and its problem reported
        entries: dict[tuple[str | None, str], str] = {}
        for key, value in compiled._catalog.items():  # gettext's own table
            if isinstance(key, str) and key:
                context, sep, msgid = key.partition("\x04")
                msgid_key = (context, msgid) if sep else (None, key)
                if not checked and ("%" in key or "{" in key or "%" in value or "{" in value) \
                        and (placeholders(msgid_key[1]) != placeholders(value)
                             or format_problem(msgid_key[1], value)):
                    return None
                entries[msgid_key] = value
        with po.open("rb") as handle:  # the header is at the top: no need for the rest
            head = handle.read(4096).decode("utf-8", errors="replace")
        return LoadedCatalog(lang, domain, po, data, entries, raw_headers(head), compiled)

    def chain(self, lang: str, domain: str, fallback: Sequence[str]) -> NullTranslations:
        """Fresh translations for ``lang``, falling back through ``fallback`` to the source."""
        result: NullTranslations | None = None
        for code in dict.fromkeys([lang, *fallback]):
            if code == SOURCE_LANG:
                break
            loaded = self.load(code, domain)
            if loaded is None:
                continue
            translations = loaded.translations()
            if result is None:
                result = translations
            else:
                result.add_fallback(translations)
        return result if result is not None else NullTranslations()

    def coverage(self, lang: str, domain: str,
                 items: Sequence[tuple[str | None, str]]) -> tuple[int, int]:
        """How many of these (context, msgid) pairs ``lang`` itself translates."""
        loaded = self.load(lang, domain)
        if loaded is None:
            return 0, len(items)
        return sum(item in loaded.entries for item in items), len(items)

    def language_name(self, lang: str) -> str:
        """The language's own name: CLDR's, or the catalog's ``X-Language-Name`` header."""
        for domain in DOMAINS:
            loaded = self.load(lang, domain)
            if loaded is not None and loaded.header.get("X-Language-Name"):
                return loaded.header["X-Language-Name"]
        return language_display_name(lang)


# Known without loading CLDR (which costs a noticeable part of start-up).
OWN_NAMES = {"en": "English", "fr": "Français", "bm": "Bamanakan"}


def language_display_name(lang: str) -> str:
    if lang in OWN_NAMES:
        return OWN_NAMES[lang]
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(lang).get_display_name(lang)
    except (UnknownLocaleError, ValueError):
        return lang
    return name[:1].upper() + name[1:] if name else lang
