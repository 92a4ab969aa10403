"""Translators' tools: create, extract, update, compile and count catalogs.

``extract``, ``update`` and ``compile`` run Babel's own ``pybabel`` front end, so
they give the same files as ``pybabel``; ``init`` writes the header Babel gets
wrong for languages its plural table lacks (Bambara has one plural form).
Every file is written atomically: ``pybabel`` writes into a temporary folder and the
result replaces the catalog in one step, so a full disk leaves the old file, never a
0-byte or half-written one.  Checks live in ``ccfacil.i18n.locale_check``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages import frontend
from babel.messages.catalog import Catalog
from babel.messages.plurals import PLURALS
from babel.messages.pofile import write_po

import ccfacil
from ccfacil import __version__
from ccfacil.errors import CcfacilError, UsageProblem
from ccfacil.i18n import review_marks, typography
from ccfacil.i18n.catalogs import DOMAINS, LANG_DIR_RE, read_catalog, read_catalog_text
from ccfacil.i18n.posyntax import raw_headers, set_headers
from ccfacil.storage.fsutil import atomic_write

CATALOG_MODE = 0o644  # catalogs are published files, not private notes

KEYWORDS = ["_", "N_", "ngettext:1,2", "pgettext:1c,2"]
MAPPING = """\
[[mappings]]
method = "ccfacil.i18n.babel_extract:extract_python"
pattern = "**.py"

[[mappings]]
method = "ccfacil_deck"
pattern = "**/deck.toml"

[extractors]
ccfacil_deck = "ccfacil.i18n.babel_extract:extract_deck"
"""


def expected_plural(lang: str) -> tuple[int, str] | None:
    """gettext's plural forms for a language: Babel's table, else from CLDR rules."""
    base = lang.split("_")[0]
    for code in (lang, base):
        if code in PLURALS:
            return PLURALS[code]
    try:
        rules = Locale.parse(lang).plural_form.rules
    except (UnknownLocaleError, ValueError):
        return None
    if not rules:  # only "other": one form for every number (Bambara, Yoruba, ...)
        return 1, "0"
    if set(rules) == {"one"}:
        return 2, "(n != 1)"
    return None


def plural_header(lang: str) -> str:
    count, expr = expected_plural(lang) or (2, "(n != 1)")
    return f"nplurals={count}; plural={expr};"


def _run_pybabel(*args: str) -> None:
    """Run one ``pybabel`` command in-process; its problems become one-line errors."""
    log = logging.getLogger("babel")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    log.addHandler(handler)
    try:
        frontend.CommandLineInterface().run(["pybabel", "-q", *args])
    except frontend.BaseError as exc:
        raise CcfacilError(f"pybabel {args[0]}: {exc}") from None
    except SystemExit as exc:
        if exc.code:
            raise CcfacilError(f"pybabel {args[0]} failed: {stream.getvalue().strip()}") from None
    finally:
        log.removeHandler(handler)


def _replace(target: Path, data: bytes) -> None:
    """Put ``data`` in place of ``target`` in one step; a failure is one clear line."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data, mode=CATALOG_MODE)
    except OSError as exc:
        raise CcfacilError(f"{target}: cannot write: {exc.strerror or exc} "
                           "(the old file is unchanged)") from None


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="ccfacil-locales-") as tmp:
        yield Path(tmp)


@contextlib.contextmanager
def _chdir(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def extract(output_dir: Path, deck_roots: Sequence[Path]) -> list[Path]:
    """Write ``ccfacil.pot`` (program strings) and ``cards.pot`` (deck text)."""
    output_dir.mkdir(parents=True, exist_ok=True)
    package = Path(ccfacil.__file__).resolve().parent
    common = ["--project", "ccfacil", "--version", __version__, "--msgid-bugs-address", "",
              "--copyright-holder", "ccfacil developers", "--sort-by-file", "--width", "76"]
    written = []
    with _scratch() as tmp:
        mapping = tmp / "mapping.toml"
        mapping.write_text(MAPPING, encoding="utf-8")
        keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
        made = tmp / "ccfacil.pot"
        with _chdir(package.parent):
            _run_pybabel("extract", "-F", str(mapping), "--no-default-keywords", *keywords,
                         "--add-comments", "Translators:", *common,
                         "--ignore-dirs", "_data", "-o", str(made), package.name)
        _replace(output_dir / "ccfacil.pot", made.read_bytes())
        written.append(output_dir / "ccfacil.pot")
        roots = [r for r in deck_roots if r.is_dir()]
        if roots:
            made = tmp / "cards.pot"
            with _chdir(roots[0].parent):
                _run_pybabel("extract", "-F", str(mapping), *common, "-o", str(made),
                             *(os.path.relpath(r, roots[0].parent) for r in roots))
            _replace(output_dir / "cards.pot", made.read_bytes())
            written.append(output_dir / "cards.pot")
    return written


def _check_lang(lang: str) -> str:
    if not LANG_DIR_RE.match(lang):
        from ccfacil.i18n.runtime import _

        raise UsageProblem(_("'%(lang)s' is not a language code such as 'ff' or 'pt_BR'")
                           % {"lang": lang})
    return lang


def init(lang: str, target_root: Path, templates_dir: Path, name: str | None = None,
         overwrite: bool = False) -> list[Path]:
    """Create ``ccfacil.po`` and ``cards.po`` for a new language from the templates."""
    _check_lang(lang)
    try:
        Locale.parse(lang)
        known = True
    except (UnknownLocaleError, ValueError):
        known = False
    if not known and not name:
        raise UsageProblem(f"CLDR does not know '{lang}': give its own name with --name")
    plural_count = (expected_plural(lang) or (2, ""))[0]
    targets = {d: target_root / lang / "LC_MESSAGES" / f"{d}.po" for d in DOMAINS}
    for target in targets.values():
        # An empty file holds nothing (what a full disk left before writes were atomic).
        if target.exists() and not overwrite and target.stat().st_size > 0:
            raise CcfacilError(f"{target}: already exists (use 'locales update' to refresh it)")
    written = []
    for domain, target in targets.items():
        template = templates_dir / f"{domain}.pot"
        source = read_catalog(template)
        catalog = Catalog(locale=lang if known else None, domain=domain, project="ccfacil",
                          version=__version__, fuzzy=False, msgid_bugs_address="",
                          header_comment=f"# {domain} catalog for {name or lang}.")
        catalog.mime_headers = [("Plural-Forms", plural_header(lang))]  # Babel's own is 2
        for message in source:
            if message.id:
                empty = "" if isinstance(message.id, str) else ("",) * plural_count
                catalog.add(message.id, empty,
                            locations=message.locations, flags=message.flags - {"fuzzy"},
                            auto_comments=message.auto_comments, context=message.context)
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=76)
        fields = {"Language": lang, "Plural-Forms": plural_header(lang),
                  "Content-Type": "text/plain; charset=UTF-8"}
        if name:
            fields["X-Language-Name"] = name
        text = set_headers(buffer.getvalue().decode("utf-8"), fields)
        _replace(target, text.encode("utf-8"))
        written.append(target)
    return written


def catalogs_of(roots: Sequence[Path], lang: str | None) -> list[tuple[str, str, Path]]:
    """(lang, domain, po) for every catalog under the roots, or only ``lang``'s."""
    found = []
    for root in roots:
        for po in sorted(root.glob("*/LC_MESSAGES/*.po")):
            code, domain = po.parent.parent.name, po.stem
            if domain in DOMAINS and (lang is None or code == lang):
                found.append((code, domain, po))
    return found


def update(roots: Sequence[Path], templates_dir: Path, lang: str | None = None,
           fix_typography: bool = False, problems: list[str] | None = None) -> list[Path]:
    """Merge the templates into each catalog (``pybabel update``), keeping our headers.

    Review marks (``#. REVIEW: ...``) are carried over, and those ``<lang>/REVIEW.md``
    names are added; with ``fix_typography`` French catalogs get their no-break spaces.
    REVIEW.md items naming no entry of the catalog are added to ``problems``.
    """
    done = []
    for code, domain, po in catalogs_of(roots, lang):
        text = read_catalog_text(po)  # a broken file stops here with its line number
        before = raw_headers(text)
        keep = {k: v for k, v in before.items()
                if k.startswith("X-") or k in ("Plural-Forms", "Language")}
        marks = review_marks.carried(read_catalog(po, code, text))
        review = po.parent.parent / review_marks.FILE
        items = review_marks.for_catalog(review_marks.parse(review), domain) \
            if review.is_file() else []
        with _scratch() as tmp:
            work = tmp / po.name
            work.write_text(text, encoding="utf-8")
            _run_pybabel("update", "-i", str(templates_dir / f"{domain}.pot"), "-o", str(work),
                         "-l", code, "-D", domain, "--width", "76")
            catalog = read_catalog(work, code)
        for key in review_marks.restore(catalog, marks, items):
            if problems is not None:
                problems.append(f"{review}: {key!r} is not an entry of {po}")
        if fix_typography and typography.applies(code):
            fix_catalog_typography(catalog)
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=76)  # as pybabel update writes it
        _replace(po, set_headers(buffer.getvalue().decode("utf-8"), keep).encode("utf-8"))
        done.append(po)
    return done


def fix_catalog_typography(catalog: Catalog) -> int:
    """French spacing in every translation of the catalog; returns how many changed."""
    changed = 0
    for message in catalog:
        if not message.id or not message.string:
            continue
        if isinstance(message.string, str):
            fixed = typography.fix(message.string)
        else:
            fixed = tuple(typography.fix(s) for s in message.string)
        if fixed != message.string:
            message.string = fixed
            changed += 1
    return changed
def _without_fuzzy(catalog):
    for message in list(catalog):
        if message.id and message.fuzzy:
            catalog.delete(message.id, context=message.context)
    return catalog


def compile_catalogs(roots: Sequence[Path], lang: str | None = None) -> list[Path]:
    """Compile every catalog to ``.mo`` beside its ``.po`` (``pybabel compile``)."""
    done = []
    from ccfacil.i18n.catalogs import compile_catalog

    for code, domain, po in catalogs_of(roots, lang):
        catalog = read_catalog(po, code)  # a broken file stops here with its line number
        # Our own compiler, not pybabel's: an unfinished plural falls back to the next
        # language, as singular messages do (see catalogs.drop_unfinished_plurals).
        catalog = _without_fuzzy(catalog)
        _replace(po.with_suffix(".mo"), compile_catalog(catalog))
        done.append(po.with_suffix(".mo"))
    return done


@dataclass(frozen=True)
class Stats:
    translated: int
    fuzzy: int
    missing: int
    obsolete: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.missing

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def stats(po: Catalog, template: Catalog | None) -> Stats:
    """Counts against the template's messages (or the catalog's own if no template)."""
    keys = ([(m.context, m.id) for m in template if m.id] if template is not None
            else [(m.context, m.id) for m in po if m.id])
    translated = fuzzy = missing = 0
    for context, msgid in keys:
        message = po.get(msgid, context=context)
        strings = ((message.string if isinstance(message.string, (tuple, list))
                    else (message.string,)) if message is not None else ("",))
        if message is None or not all(strings):
            missing += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    known = set(keys)
    obsolete = len(po.obsolete) + sum(1 for m in po if m.id and (m.context, m.id) not in known)
    return Stats(translated, fuzzy, missing, obsolete)
