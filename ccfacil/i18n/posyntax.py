"""A strict look at ``.po`` file syntax, and the header fields Babel does not keep.

Babel's reader forgives a lot (an unterminated string loses its last letter),
and its ``Catalog`` drops header fields it does not know, such as our
``X-Language-Name`` and ``X-Review-Status``.  This module reads the raw text
so that translators get a line number for every mistake and those fields survive.
"""

from __future__ import annotations

import re

from ccfacil.i18n.later import N_, Later

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(.*)$")
_ESCAPES = set('ntr"\\abfv01234567x')


def _string_problem(rest: str) -> str | None:
    rest = rest.strip()
    match = _STRING.fullmatch(rest)
    if not match:
        if rest.startswith('"') and not re.fullmatch(r'"(?:[^"\\]|\\.)*"\s*', rest):
            return Later(N_("unterminated or malformed string"))
        return Later(N_("expected a quoted string"))
    body = match.group(1)
    for escape in re.finditer(r"\\(.)", body):
        if escape.group(1) not in _ESCAPES:
            return Later(N_("unknown escape '%(escape)s'"), {"escape": "\\" + escape.group(1)})
    return None


def _unescape(body: str) -> str:
    return (body.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t")
            .replace("\\\\", "\\"))


def syntax_problems(text: str) -> list[tuple[int, str]]:
    """(line, message) for every syntax error: bad strings, missing msgstr, duplicates."""
    problems: list[tuple[int, str]] = []
    entries: set[tuple[str | None, str]] = set()
    current: dict[str, object] = {}
    last: str | None = None

    def finish(line_no: int) -> None:
        if not current:
            return
        start = int(current["line"])  # type: ignore[arg-type]
        if "msgid" not in current:
            problems.append((start, Later(N_("msgstr or msgctxt without msgid"))))
        elif not current.get("msgstr"):
            problems.append((start, Later(N_("msgid without msgstr"))))
        else:
            key = (current.get("msgctxt"), str(current["msgid"]))  # type: ignore[arg-type]
            if key in entries:
                problems.append((start, Later(N_("duplicate message (same msgctxt and msgid)"))))
            entries.add(key)  # type: ignore[arg-type]
        current.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and current:
                finish(number)
                last = None
            continue
        if line.startswith('"'):
            problem = _string_problem(line)
            if problem:
                problems.append((number, problem))
            elif last is None:
                problems.append((number, Later(N_("string outside an entry"))))
            elif last in ("msgid", "msgctxt"):
                current[last] = str(current[last]) + _unescape(_STRING.fullmatch(line).group(1))
            continue
        match = _KEYWORD.match(line)
        if not match:
            problems.append((number, Later(N_("unknown keyword '%(word)s'"),
                                           {"word": line.split()[0]})))
            continue
        keyword, _index, rest = match.groups()
        base = "msgstr" if keyword.startswith("msgstr") else keyword
        if base in ("msgctxt", "msgid") and current.get("msgstr"):
            finish(number)
        if base == "msgctxt" and "msgid" in current:
            finish(number)
        if not current:
            current["line"] = number
        problem = _string_problem(rest)
        if problem:
            problems.append((number, problem))
            value = ""
        else:
            value = _unescape(_STRING.fullmatch(rest.strip()).group(1))
        if base == "msgstr":
            current["msgstr"] = True
        elif base != "msgid_plural":
            current[base] = value
        last = base
    finish(len(text.splitlines()) + 1)
    return problems


def raw_headers(text: str) -> dict[str, str]:
    """The ``Name: value`` fields of the header entry (``msgid ""``), all of them."""
    match = re.search(r'^msgid ""\s*\nmsgstr ((?:"(?:[^"\\]|\\.)*"\s*\n?)+)', text, re.M)
    if not match:
        return {}
    body = "".join(_unescape(s) for s in _STRING.findall(match.group(1)))
    headers: dict[str, str] = {}
    for field in body.split("\n"):
        name, sep, value = field.partition(":")
        if sep and name.strip():
            headers[name.strip()] = value.strip()
    return headers


def set_headers(text: str, fields: dict[str, str]) -> str:
    """Add or replace header fields in a ``.po`` text (keeps everything else as it is)."""
    match = re.search(r'^msgid ""\s*\nmsgstr ((?:"(?:[^"\\]|\\.)*"\s*\n?)+)', text, re.M)
    if not match:
        return text
    block = match.group(1)
    body = block.rstrip("\n")
    trailing = block[len(body):]
    lines = body.split("\n")
    for name, value in fields.items():
        entry = f'"{name}: {value}\\n"'
        for i, line in enumerate(lines):
            if line.startswith(f'"{name}:'):
                lines[i] = entry
                break
        else:
            lines.append(entry)
    new_block = "\n".join(lines) + trailing
    return text[: match.start(1)] + new_block + text[match.end(1):]
