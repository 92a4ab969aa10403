"""Translators' tools: create, extract, update, compile and count catalogs.

``extract``, ``update`` and ``compile`` run Babel's own ``pybabel`` front end, so
they give the same files as ``pybabel``; ``init`` writes the header Babel gets
wrong for languages its plural table lacks (Bambara has one plural form).
Checks live in ``ccfacil.locale_check``.
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
from ccfacil.catalogs import DOMAINS, LANG_DIR_RE, read_catalog, read_catalog_text
from ccfacil.errors import CcfacilError, UsageProblem
from ccfacil.posyntax import raw_headers, set_headers

KEYWORDS = ["_", "N_", "ngettext:1,2", "pgettext:1c,2"]
MAPPING = """\
[[mappings]]
method = "ccfacil.babel_extract:extract_python"
pattern = "**.py"

[[mappings]]
method = "ccfacil_deck"
pattern = "**/deck.toml"

[extractors]
ccfacil_deck = "ccfacil.babel_extract:extract_deck"
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
    with tempfile.TemporaryDirectory() as tmp:
        mapping = Path(tmp) / "mapping.toml"
        mapping.write_text(MAPPING, encoding="utf-8")
        keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
        pot = output_dir / "ccfacil.pot"
        with _chdir(package.parent):
            _run_pybabel("extract", "-F", str(mapping), "--no-default-keywords", *keywords,
                         "--add-comments", "Translators:", *common,
                         "--ignore-dirs", "_data", "-o", str(pot), package.name)
        written.append(pot)
        roots = [r for r in deck_roots if r.is_dir()]
        if roots:
            pot = output_dir / "cards.pot"
            with _chdir(roots[0].parent):
                _run_pybabel("extract", "-F", str(mapping), *common, "-o", str(pot),
                             *(os.path.relpath(r, roots[0].parent) for r in roots))
            written.append(pot)
    return written


def _check_lang(lang: str) -> str:
    if not LANG_DIR_RE.match(lang):
        from ccfacil.i18n import _

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
        if target.exists() and not overwrite:
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
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
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


def update(roots: Sequence[Path], templates_dir: Path, lang: str | None = None) -> list[Path]:
    """Merge the templates into each catalog (``pybabel update``), keeping our headers."""
    done = []
    for code, domain, po in catalogs_of(roots, lang):
        before = raw_headers(read_catalog_text(po))
        keep = {k: v for k, v in before.items()
                if k.startswith("X-") or k in ("Plural-Forms", "Language")}
        _run_pybabel("update", "-i", str(templates_dir / f"{domain}.pot"), "-o", str(po),
                     "-l", code, "-D", domain, "--width", "76")
        po.write_text(set_headers(po.read_text(encoding="utf-8"), keep), encoding="utf-8")
        done.append(po)
    return done


def _without_fuzzy(catalog):
    for message in list(catalog):
        if message.id and message.fuzzy:
            catalog.delete(message.id, context=message.context)
    return catalog


def compile_catalogs(roots: Sequence[Path], lang: str | None = None) -> list[Path]:
    """Compile every catalog to ``.mo`` beside its ``.po`` (``pybabel compile``)."""
    done = []
    from ccfacil.catalogs import compile_catalog
    from ccfacil.fsutil import atomic_write

    for code, domain, po in catalogs_of(roots, lang):
        catalog = read_catalog(po, code)  # a broken file stops here with its line number
        # Our own compiler, not pybabel's: an unfinished plural falls back to the next
        # language, as singular messages do (see catalogs.drop_unfinished_plurals).
        catalog = _without_fuzzy(catalog)
        atomic_write(po.with_suffix(".mo"), compile_catalog(catalog), mode=0o644)
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
