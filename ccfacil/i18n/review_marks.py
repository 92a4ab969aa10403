"""Review marks: ``#. REVIEW: ...`` comments on the entries a native speaker should check.

``<locale>/REVIEW.md`` lists them, one item per entry, under a heading that names the
catalog (a path relative to REVIEW.md)::

    ## `LC_MESSAGES/cards.po`

    - `courage/self-01/advice`: "ninakili dɔɔnin dɔɔnin": is this natural for paced breathing?

    ## `LC_MESSAGES/ccfacil.po`

    - `Scroll`: "Yɛlɛn/jigin" (go up / go down) for scrolling a text.

A card text is named by its context, a program message by its English text. The mark
goes at the end of the entry's automatic comments (``#.``), which Poedit and Weblate show
as notes for translators. Babel's update replaces those comments from the template, so
``locales update`` carries the marks over and adds the ones REVIEW.md names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ccfacil.errors import CcfacilError

PREFIX = "REVIEW:"
FILE = "REVIEW.md"
_HEADING = re.compile(r"^#{2,6}\s+`?([^`\s]+\.po)`?\s*$")
_ITEM = re.compile(r"^[-*]\s+`([^`]+)`\s*[:—–-]\s*(.+)$")


@dataclass(frozen=True)
class Item:
    catalog: str  # path relative to REVIEW.md, e.g. LC_MESSAGES/cards.po
    key: str  # a card context, or a program message's English text
    text: str
    line: int


def parse(path: Path) -> list[Item]:
    """The items of a REVIEW.md; raises CcfacilError naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CcfacilError(f"{path}: cannot read: {exc}") from None
    items, catalog = [], None
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        heading = _HEADING.match(line)
        if heading:
            catalog = heading.group(1)
            continue
        if line.startswith("#"):
            catalog = None  # a heading that names no catalog: prose until the next one
            continue
        item = _ITEM.match(line)
        if item and catalog is not None:
            text = [item.group(2).strip()]
            while index < len(lines) and lines[index].startswith("  ") and lines[index].strip():
                text.append(lines[index].strip())  # a continuation line of the item
                index += 1
            items.append(Item(catalog, item.group(1), " ".join(text), index))
    return items


def for_catalog(items: Iterable[Item], domain: str) -> list[Item]:
    return [i for i in items if Path(i.catalog).name == f"{domain}.po"]


def block(message: Message) -> list[str]:
    """The mark's comment lines: from the first ``REVIEW:`` line to the end."""
    comments = message.auto_comments
    for index, line in enumerate(comments):
        if line.startswith(PREFIX):
            return list(comments[index:])
    return []


def text_of(message: Message) -> str:
    """The mark as one line of text, without the prefix ('' when there is none)."""
    return " ".join(" ".join(block(message)).removeprefix(PREFIX).split())


def set_block(message: Message, lines: list[str]) -> bool:
    """Replace the message's mark; True when something changed."""
    old = block(message)
    kept = message.auto_comments[: len(message.auto_comments) - len(old)]
    new = kept + lines
    if new == message.auto_comments:
        return False
    message.auto_comments = new
    return True


def find(catalog: Catalog, key: str) -> Message | None:
    """The entry named by a card context or by a program message's English text."""
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        if message.context == key or (message.context is None and msgid == key):
            return message
    return None


def carried(catalog: Catalog) -> dict[tuple[str | None, str], list[str]]:
    """Every mark of a catalog, by (context, English text), to carry over an update."""
    marks = {}
    for message in catalog:
        lines = block(message) if message.id else []
        if lines:
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            marks[(message.context, msgid)] = lines
    return marks


def restore(catalog: Catalog, marks: dict[tuple[str | None, str], list[str]],
            items: Iterable[Item] = ()) -> list[str]:
    """Put carried marks back, then REVIEW.md's own; returns the keys REVIEW.md names but
    the catalog lacks (stale items)."""
    by_context = {m.context: m for m in catalog if m.id and m.context}
    for (context, msgid), lines in marks.items():
        message = by_context.get(context) if context else catalog.get(msgid)
        if message is not None and not block(message):
            set_block(message, lines)
    missing = []
    for item in items:
        message = find(catalog, item.key)
        if message is None:
            missing.append(item.key)
        elif text_of(message) != " ".join(item.text.split()):
            set_block(message, [f"{PREFIX} {item.text}"])
    return missing


def unmarked(catalog: Catalog, items: Iterable[Item]) -> Iterator[Item]:
    """REVIEW.md items whose entry is missing or carries no mark (for tests and checks)."""
    for item in items:
        message = find(catalog, item.key)
        if message is None or not text_of(message):
            yield item
