"""``ccfacil locales check``: everything that can be wrong with a catalog, one line each.

Errors (exit 1): unreadable files, syntax, a bad header, a plural header that
disagrees with CLDR or whose expression cannot be computed for every n from 0 to 1000,
placeholders that differ from the English text, a translation that cannot be formatted
(a literal ``%`` beside ``%(name)s`` placeholders must be ``%%``), French typography
(fr), a rejected variant of the language's GLOSSARY.md.
Warnings: fuzzy, missing and obsolete messages, card contexts no deck has any
more, text that looks like markup, text not in Unicode NFC, a stale or unreadable ``.mo``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from ccfacil.errors import CcfacilError
from ccfacil.i18n import glossary, typography
from ccfacil.i18n.catalogs import (
    CatalogReadError,
    format_problem,
    placeholders,
    plural_problem,
    read_catalog,
    read_catalog_text,
)
from ccfacil.i18n.locale_tools import Stats, expected_plural, stats
from ccfacil.i18n.posyntax import raw_headers
from ccfacil.i18n.runtime import N_, _, ngettext

ERROR, WARNING, INFO = "error", "warning", "info"
# Translators: the level of a problem found by 'ccfacil locales check' (path: error: ...)
LEVELS = {ERROR: N_("error"), WARNING: N_("warning"), INFO: N_("info")}
_MARKUP = re.compile(r"\[/?[a-zA-Z@$#][\w .,=:#@$/-]*\]|\[/\]")
_PLURAL = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?\s*$")


@dataclass(frozen=True)
class Finding:
    level: str
    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {_(LEVELS[self.level])}: {self.message}"


@dataclass
class Report:
    lang: str
    domain: str
    path: Path
    stats: Stats | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.level == ERROR for f in self.findings)


def _texts(value) -> list[str]:
    return list(value) if isinstance(value, (tuple, list)) else [value]


def check_catalog(lang: str, domain: str, po: Path, template: Catalog | None,
                  card_contexts: Collection[str] | None = None) -> Report:
    report = Report(lang, domain, po)
    add = report.findings.append
    try:
        text = read_catalog_text(po)
        catalog = read_catalog(po, lang, text)
    except CatalogReadError as exc:
        for problem in exc.problems:
            add(Finding(ERROR, po, problem.message, problem.line))
        return report
    _check_header(lang, po, raw_headers(text), add)
    french = typography.applies(lang)
    for message in catalog:
        if not message.id:
            continue
        ids = _texts(message.id)
        strings = [s for s in _texts(message.string) if s]
        if not strings or message.fuzzy:
            continue
        expected = placeholders(ids[0])
        allowed = [placeholders(i) for i in ids]  # a plural form may use the plural's
        for string in strings:
            if placeholders(string) not in allowed:
                add(Finding(ERROR, po, _("placeholders %(found)s differ from the English "
                                         "%(expected)s: %(msgid)s") % {
                    "found": placeholders(string), "expected": expected,
                    "msgid": repr(ids[0])}, message.lineno))
            elif format_problem(ids[0], string):
                add(Finding(ERROR, po, f"{format_problem(ids[0], string)}: {string!r}",
                            message.lineno))
            if _MARKUP.search(string) and not _MARKUP.search(ids[0]):
                add(Finding(WARNING, po, _("looks like markup (shown as plain text): "
                                           "%(markup)s") % {
                    "markup": repr(_MARKUP.search(string).group(0))}, message.lineno))
            if string != unicodedata.normalize("NFC", string):
                add(Finding(WARNING, po, _("text is not in Unicode NFC (re-save as NFC)"),
                            message.lineno))
            if french:
                for problem in typography.problems(string):
                    add(Finding(ERROR, po, f"French typography: {problem} ('ccfacil locales "
                                           "update --fix-typography' fixes it)", message.lineno))
    _check_glossary(po, catalog, add)
    report.stats = stats(catalog, template)
    s = report.stats
    if s.fuzzy:
        add(Finding(WARNING, po, ngettext(
            "%(num)d fuzzy message: check it and remove the flag",
            "%(num)d fuzzy messages: check them and remove the flag", s.fuzzy) % {
                "num": s.fuzzy}))
    if s.missing:
        add(Finding(WARNING, po, ngettext("%(num)d untranslated message",
                                          "%(num)d untranslated messages", s.missing) % {
                                              "num": s.missing}))
    if s.obsolete:
        add(Finding(WARNING, po, ngettext("%(num)d obsolete message",
                                          "%(num)d obsolete messages", s.obsolete) % {
                                              "num": s.obsolete}))
    if domain == "cards" and card_contexts is not None:
        for message in catalog:
            if message.id and message.context and message.context not in card_contexts:
                add(Finding(WARNING, po, _("no deck has the card text %(context)s any more")
                            % {"context": repr(message.context)}, message.lineno))
    mo = po.with_suffix(".mo")
    if not mo.exists():
        add(Finding(INFO, po, _("not compiled: compiled in memory at start "
                                "('ccfacil locales compile' makes it faster)")))
    elif not _mo_readable(mo):
        add(Finding(WARNING, mo, _("cannot be read (the .po is used instead): run "
                                   "'ccfacil locales compile'")))
    elif mo.stat().st_mtime < po.stat().st_mtime:
        add(Finding(WARNING, mo, _("older than its .po: run 'ccfacil locales compile'")))
    return report


def _mo_readable(mo: Path) -> bool:
    import io
    from gettext import GNUTranslations

    from ccfacil.i18n.catalogs import _read_mo

    try:
        GNUTranslations(io.BytesIO(_read_mo(mo)))
    except Exception:  # noqa: BLE001 - whatever gettext makes of a damaged file
        return False
    return True


def _check_header(lang: str, po: Path, headers: dict[str, str], add) -> None:
    content_type = headers.get("Content-Type", "")
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        add(Finding(ERROR, po, _("header Content-Type must say charset=UTF-8 (it says "
                                 "%(found)s)") % {"found": repr(content_type)}, 1))
    language = headers.get("Language", "").replace("-", "_")
    if language and language != lang:
        add(Finding(ERROR, po, _("header Language is %(language)s but the folder is %(lang)s")
                    % {"language": repr(language), "lang": repr(lang)}, 1))
    plural = headers.get("Plural-Forms")
    if plural is None:
        add(Finding(ERROR, po, _("header Plural-Forms is missing"), 1))
        return
    match = _PLURAL.match(plural)
    if not match:
        add(Finding(ERROR, po, _("header Plural-Forms cannot be read: %(found)s")
                    % {"found": repr(plural)}, 1))
        return
    problem = plural_problem(plural)
    if problem is not None:
        add(Finding(ERROR, po, f"header {problem}", 1))
    expected = expected_plural(lang)
    if expected is not None and int(match.group(1)) != expected[0]:
        add(Finding(ERROR, po, _("header Plural-Forms says nplurals=%(found)s but %(lang)s has "
                                 "%(expected)s (use 'nplurals=%(expected)s; plural=%(rule)s;')")
                    % {"found": match.group(1), "lang": lang, "expected": expected[0],
                       "rule": expected[1]}, 1))


def _check_glossary(po: Path, catalog: Catalog, add) -> None:
    """The language's GLOSSARY.md, if it has one: no rejected variant in any translation."""
    path = po.parent.parent / glossary.FILE
    if not path.is_file():
        return
    try:
        rows = glossary.parse(path)
    except CcfacilError as exc:
        add(Finding(ERROR, path, str(exc).removeprefix(f"{path}: ")))
        return
    for problem in glossary.problems_in_glossary(rows):
        add(Finding(ERROR, path, problem))
    for found in glossary.check(rows, catalog):
        add(Finding(ERROR, po, found.message(), found.lineno))
