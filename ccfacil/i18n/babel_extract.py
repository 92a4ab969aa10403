"""A Babel extraction method for ``deck.toml`` files, so ``pybabel extract`` finds card text.

Registered as the ``ccfacil_deck`` extractor (entry point group ``babel.extractors``).
Each text becomes a ``pgettext`` message: context ``<deck>/<card>/<field>``,
the English text as msgid, the card's ``note`` as a comment for translators.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ccfacil.cards.deck import DeckError, translatable_texts
from ccfacil.cards.deckfile import load_deck

_KEY_LINE = re.compile(r"^\s*(\w+)\s*=")


def _line_numbers(text: str) -> list[tuple[int, str]]:
    """(line, key) for each ``key =`` line, in order (table headers as ``[...]``)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            found.append((number, stripped))
        elif match := _KEY_LINE.match(line):
            found.append((number, match.group(1)))
    return found


def extract_deck(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                 options: dict) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    raw = fileobj.read()
    name = getattr(fileobj, "name", None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / (Path(name).parent.name if name else "deck")
        folder.mkdir()
        (folder / "deck.toml").write_bytes(raw)
        try:
            deck = load_deck(folder)
        except DeckError as exc:
            raise ValueError(str(exc).replace(str(folder / "deck.toml"), str(name))) from None
    lines = _line_numbers(raw.decode("utf-8"))
    keys = iter(lines)
    for context, text, note in translatable_texts(deck):
        field = context.rsplit("/", 1)[1]
        lineno = 0
        for number, key in keys:
            if key == field:
                lineno = number
                break
        comments = [note] if note else []
        yield lineno, "pgettext", (context, text), comments


def extract_python(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                   options: dict) -> Iterator[tuple[int, str | None, Any, list[str]]]:
    """Babel's Python extraction, plus the command-line help click shows: the docstrings
    of ``@….command``/``@….group`` functions and every ``help="…"`` text.

    They are translated when ``--help`` is shown (``ccfacil.i18n.clicktext.translate_help``);
    the msgid is the text as click shows it (``inspect.cleandoc``).
    """
    import ast
    import inspect

    from babel.messages.extract import extract_python as babel_python

    source = fileobj.read()
    yield from babel_python(__import__("io").BytesIO(source), keywords, comment_tags, options)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    note = ["Translators: command-line help (ccfacil --help)"]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "help" and isinstance(keyword.value, ast.Constant) and \
                        isinstance(keyword.value.value, str) and keyword.value.value.strip():
                    yield keyword.value.lineno, "_", inspect.cleandoc(keyword.value.value), note
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                _is_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.body[0].lineno, "_", doc.partition("\f")[0].rstrip(), note


def _is_command(decorator) -> bool:
    """``@cli.command(...)``, ``@sessions.group()``, ``@click.group(...)``."""
    import ast

    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("command", "group")
