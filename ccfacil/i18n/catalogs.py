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

import gettext
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from gettext import GNUTranslations, NullTranslations
from pathlib import Path
from typing import TYPE_CHECKING

from ccfacil import paths
from ccfacil.errors import CcfacilError
from ccfacil.i18n.later import N_, Later
from ccfacil.i18n.posyntax import raw_headers, syntax_problems

if TYPE_CHECKING:  # Babel's catalog tools are only loaded when a .po must be parsed
    from babel.messages.catalog import Catalog

DOMAINS = ("ccfacil", "cards")
SOURCE_LANG = "en"
LANG_DIR_RE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*$")
_PERCENT = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[sdifr]")
_PERCENT_TYPES = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?([sdifr])")
_PLURAL_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?\s*$")
MAX_PO_BYTES = MAX_MO_BYTES = 16 << 20
_BRACES = re.compile(r"\{(\w*)(?:![rsa])?(?::[^{}]*)?\}")


def placeholders(text: str) -> list[str]:
    """The ``%(name)s`` and ``{name}`` placeholders in a text, sorted."""
    return sorted(_PERCENT.findall(text)) + sorted("{" + n + "}" for n in _BRACES.findall(text))


def format_problem(msgid: str, translation: str) -> str | None:
    """Why formatting ``translation`` as the program formats ``msgid`` would fail, or None.

    Each ``%(name)x`` of the English text gets a value of its type; the translation must
    take them (a literal ``%`` beside placeholders must be written ``%%``).
    """
    found = _PERCENT_TYPES.findall(msgid)
    if not found:
        return None
    values = {name: "x" if kind in "sr" else 1 for name, kind in found}
    try:
        msgid % values
    except (KeyError, TypeError, ValueError):
        return None  # not a format string for the program either
    try:
        translation % values
    except (KeyError, TypeError, ValueError) as exc:
        return f"cannot be formatted ({exc}; a literal % must be written %%)"
    return None


def plural_problem(header: str | None, up_to: int = 1000) -> str | None:
    """Why a ``Plural-Forms`` header cannot be used, or None: the expression must compile
    (as Python's ``gettext`` compiles it) and give 0 to nplurals-1 for n = 0 to ``up_to``."""
    if header is None:
        return None
    match = _PLURAL_HEADER.match(header)
    if not match:
        return f"Plural-Forms cannot be read: {header!r}"
    count, expression = int(match.group(1)), match.group(2).strip()
    if not 1 <= count <= 10:
        return f"Plural-Forms: nplurals={count} is not 1 to 10"
    try:
        plural = gettext.c2py(expression)
    except (ValueError, RecursionError, SyntaxError) as exc:
        return f"Plural-Forms: plural={expression} cannot be computed ({exc})"
    for n in range(up_to + 1):
        try:
            index = plural(n)
        except (ArithmeticError, RecursionError, TypeError, ValueError) as exc:
            return f"Plural-Forms: plural={expression} fails for n={n} ({exc})"
        if not 0 <= index < count:
            return (f"Plural-Forms: plural={expression} gives {index} for n={n}, "
                    f"not 0 to {count - 1}")
    return None


@dataclass
class CatalogProblem:
    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


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


def _po_line(exc: Exception) -> int | None:
    line = getattr(exc, "lineno", None)
    if isinstance(line, int):
        return line
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


class CatalogReadError(CcfacilError):
    """A ``.po`` file that cannot be read: every problem, each naming the file and line."""

    def __init__(self, problems: list[CatalogProblem]):
        self.problems = problems
        super().__init__()

    def __str__(self) -> str:  # said when shown, in the language then in force
        return "\n".join(str(p) for p in self.problems)


def read_catalog_text(path: Path) -> str:
    """The text of a ``.po`` file; raises ``CatalogReadError`` naming file and line."""
    from ccfacil.inputs import InputError, read_capped

    try:
        raw = read_capped(path, MAX_PO_BYTES)
    except InputError as exc:
        raise CatalogReadError([CatalogProblem(path, str(exc))]) from None
    except OSError:
        raise CatalogReadError([CatalogProblem(path, Later(N_("this file cannot be read")))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CatalogReadError([CatalogProblem(path, Later(N_("not UTF-8 text")), line)]) \
            from None
    problems = [CatalogProblem(path, message, line) for line, message in syntax_problems(text)]
    if problems:
        raise CatalogReadError(problems)
    return text.removeprefix("\ufeff")


def read_catalog(path: Path, lang: str | None = None, text: str | None = None) -> Catalog:
    """Parse a ``.po`` file strictly; raises ``CatalogReadError`` naming file and line."""
    from babel.messages.pofile import PoFileError, read_po

    text = read_catalog_text(path) if text is None else text
    try:
        return read_po(io.StringIO(text), locale=lang, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeError) as exc:
        raise CatalogReadError([CatalogProblem(
            path, Later(N_("this catalog cannot be read (check its quotes and headers)")),
            _po_line(exc))]) from None


def usable_entries(catalog: Catalog) -> list[tuple[str, str]]:
    """Remove messages whose placeholders differ from the English text, or that cannot be
    formatted as the English text is (a lone ``%``).

    Works in place on a freshly read catalog and returns the msgids removed,
    so that a bad translation falls back to the next language instead of
    crashing when it is formatted.  (Fuzzy and empty entries never reach a
    compiled catalog anyway.)  Returns ``(msgid, why)`` for each message removed.
    """
    dropped: list[tuple[str, str]] = []
    for message in list(catalog):
        if not message.id or not message.string or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        # A plural form may use the singular's placeholders or the plural's
        # ("… but 1 was given" / "… but {len} were given").
        allowed = [placeholders(i) for i in ids]
        for string in filter(None, strings):
            why = (Later(N_("placeholders differ from the English text"))
                   if placeholders(string) not in allowed else format_problem(ids[0], string))
            if why:
                dropped.append((ids[0], why))
                catalog.delete(message.id, context=message.context)
                break
    return dropped


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


def drop_unfinished_plurals(catalog: Catalog) -> None:
    """Remove plural messages with an empty form, in place.

    Babel's ``write_mo`` fills an empty plural form with the English msgid, so an
    untranslated "%(num)d cards discussed" would show in English instead of falling
    back to the next language as singular messages do.
    """
    for message in list(catalog):
        if message.id and isinstance(message.string, (tuple, list)) and \
                not all(message.string):
            catalog.delete(message.id, context=message.context)


def compile_catalog(catalog: Catalog) -> bytes:
    from babel.messages.mofile import write_mo

    drop_unfinished_plurals(catalog)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


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
