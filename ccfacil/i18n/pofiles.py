"""Reading and checking one ``.po`` file, and compiling it.

A ``.po`` file is read strictly (``read_catalog_text``, ``read_catalog``): every problem
is a ``CatalogProblem`` naming the file and line, raised together as ``CatalogReadError``.
The checks a translation must pass to be used (``placeholders``, ``format_problem``,
``plural_problem``, ``usable_entries``) are shared by the running app
(``ccfacil.i18n.catalogs``) and ``ccfacil locales check``; ``compile_catalog`` makes the
``.mo`` bytes.
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ccfacil.errors import CcfacilError
from ccfacil.i18n.later import N_, Later
from ccfacil.i18n.posyntax import syntax_problems

if TYPE_CHECKING:  # Babel's catalog tools are only loaded when a .po must be parsed
    from babel.messages.catalog import Catalog

_PERCENT = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[sdifr]")
_PERCENT_TYPES = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?([sdifr])")
_PLURAL_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?\s*$")
MAX_PO_BYTES = 16 << 20
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
