"""Reading a ``deck.toml`` file: parsed (and cached), checked field by field, every problem
said with its file and line.  The deck it gives is ``ccfacil.cards.deck``'s model.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from ccfacil.cards.deck import (
    CARD_FIELDS,
    CARD_KEYS,
    DECK_FILE,
    DECK_KEYS,
    DOMAIN_KEYS,
    ID_RE,
    LANG_RE,
    TOP_KEYS,
    Card,
    Deck,
    DeckError,
    DeckProblem,
    Domain,
)
from ccfacil.i18n.later import N_, Later


def deck_file(path: Path) -> Path:
    path = Path(path)
    return path / DECK_FILE if path.is_dir() else path


MAX_DECK_BYTES = 8 << 20  # a deck of thousands of cards; anything bigger is refused
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_CARD_ID_LINE = re.compile(r"""^\s*id\s*=\s*["']([^"']*)["']""")


def _card_lines(text: str) -> dict[str, int]:
    """Line number of each card's ``id = ...`` (first occurrence)."""
    lines: dict[str, int] = {}
    in_cards = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_cards = stripped.replace(" ", "") == "[[cards]]"
            continue
        match = _CARD_ID_LINE.match(line)
        if in_cards and match:
            lines.setdefault(match.group(1), number)
    return lines


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value.strip())


CARD = Later(N_("card"))


class _Checker:
    """Collects every problem of one deck file instead of stopping at the first."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.problems: list[DeckProblem] = []
        self.card_lines = _card_lines(text)

    def problem(self, message: str, card: str | None = None) -> None:
        line = self.card_lines.get(card) if card is not None else None
        self.problems.append(DeckProblem(self.path, message, line=line, card=card))

    def unknown_keys(self, table: dict, allowed: set[str], where: str, card: str | None = None):
        for key in sorted(set(table) - allowed):
            self.problem(Later(N_("unknown key '%(key)s' in %(where)s"),
                               {"key": key, "where": where}), card=card)

    def text(self, table: dict, key: str, where: str, card: str | None = None,
             required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(Later(N_("missing field '%(key)s'"), {"key": key}) if card else
                             Later(N_("missing field '%(key)s' in %(where)s"),
                                   {"key": key, "where": where}), card=card)
            return ""
        if not isinstance(value, str):
            self.problem(Later(N_("field '%(key)s' must be text"), {"key": key}), card=card)
            return ""
        value = _nfc(value)
        if required and not value:
            self.problem(Later(N_("empty text in '%(key)s'"), {"key": key}), card=card)
        return value

    def identifier(self, table: dict, where: str, card: str | None = None) -> str:
        value = self.text(table, "id", where, card=card)
        if value and not ID_RE.match(value):
            self.problem(Later(N_("id '%(id)s' must be lower-case letters, digits, '-' or '_'"),
                               {"id": value}), card=card)
        return value

    def deck(self, data: dict[str, Any], folder_name: str | None) -> Deck | None:
        self.unknown_keys(data, TOP_KEYS, Later(N_("the file")))
        meta = data.get("deck")
        if not isinstance(meta, dict):
            self.problem(Later(N_("missing [deck] table")))
            return None
        self.unknown_keys(meta, DECK_KEYS, "[deck]")
        deck_id = self.identifier(meta, "[deck]")
        if deck_id and folder_name is not None and deck_id != folder_name:
            self.problem(Later(N_("deck id '%(id)s' does not match its folder name '%(folder)s'"),
                               {"id": deck_id, "folder": folder_name}))
        title = self.text(meta, "title", "[deck]")
        version = meta.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.problem(Later(N_("field 'version' in [deck] must be a whole number from 1 up")))
            version = 1
        source = self.text(meta, "source_language", "[deck]")
        if source and not LANG_RE.match(source):
            self.problem(Later(N_("source_language '%(lang)s' is not a language code such as "
                                  "'en'"), {"lang": source}))
        domains = self.domains(meta.get("domains"))
        cards = self.cards(data.get("cards"), {d.id for d in domains})
        if self.problems:
            return None
        return Deck(deck_id, title, version, source, domains, cards, path=self.path, lang=source)

    def domains(self, raw: Any) -> tuple[Domain, ...]:
        if not isinstance(raw, list) or not raw:
            self.problem(Later(N_("no [[deck.domains]] tables: a deck needs at least one "
                                  "domain")))
            return ()
        domains: list[Domain] = []
        for number, table in enumerate(raw, start=1):
            where = Later(N_("domain #%(num)d"), {"num": number})
            if not isinstance(table, dict):
                self.problem(Later(N_("%(where)s must be a table"), {"where": where}))
                continue
            self.unknown_keys(table, DOMAIN_KEYS, where)
            domain_id = self.identifier(table, where)
            title = self.text(table, "title", where)
            if domain_id in {d.id for d in domains}:
                self.problem(Later(N_("duplicate domain id '%(id)s'"), {"id": domain_id}))
            elif domain_id:
                domains.append(Domain(domain_id, title))
        return tuple(domains)

    def cards(self, raw: Any, domain_ids: set[str]) -> tuple[Card, ...]:
        if not isinstance(raw, list) or not raw:
            self.problem(Later(N_("no [[cards]] tables: a deck needs at least one card")))
            return ()
        cards: list[Card] = []
        seen: set[str] = set()
        for number, table in enumerate(raw, start=1):
            if not isinstance(table, dict):
                self.problem(Later(N_("card #%(num)d must be a table"), {"num": number}))
                continue
            label = table.get("id") if isinstance(table.get("id"), str) else f"#{number}"
            card_id = self.identifier(table, CARD, card=label)
            if card_id in seen:
                self.problem(Later(N_("duplicate card id")), card=label)
            seen.add(card_id)
            self.unknown_keys(table, CARD_KEYS, CARD, card=label)
            domain = self.text(table, "domain", CARD, card=label)
            if domain and domain_ids and domain not in domain_ids:
                self.problem(Later(N_("unknown domain '%(domain)s' (known: %(known)s)"), {
                    "domain": domain, "known": ", ".join(sorted(domain_ids))}), card=label)
            texts = {f: self.text(table, f, CARD, card=label) for f in CARD_FIELDS}
            note = self.text(table, "note", CARD, card=label, required=False)
            cards.append(Card(card_id, domain, note=note, **texts))
        return tuple(cards)


def _parse(text: str, raw: bytes) -> dict[str, Any]:
    """``tomllib.loads``, remembered by content in the cache folder.

    Python's TOML parser is slow next to its JSON one; the app parses the same decks
    at every start, on machines as slow as a Raspberry Pi.  A cache that cannot be
    read or written only costs the parse.
    """
    import json

    from ccfacil.paths import cache_dir, cache_name

    cached = cache_dir() / "decks" / (cache_name(raw) + ".json")
    try:
        return json.loads(cached.read_bytes())
    except (OSError, ValueError):
        pass
    import tomllib  # only when the cache does not have it

    data = tomllib.loads(text)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cached)
    except (OSError, TypeError, ValueError, RecursionError):
        pass
    return data


def check_deck(path: Path) -> tuple[Deck | None, list[DeckProblem]]:
    """Load a deck folder or file; return the deck (if valid) and every problem found."""
    from ccfacil.inputs import InputError, read_capped

    file = deck_file(Path(path))
    try:
        raw = read_capped(file, MAX_DECK_BYTES)
    except FileNotFoundError:
        return None, [DeckProblem(file, Later(N_("no such deck file")))]
    except InputError as exc:
        return None, [DeckProblem(file, str(exc))]
    except OSError:
        return None, [DeckProblem(file, Later(N_("this file cannot be read")))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [DeckProblem(file, Later(N_("not UTF-8 text")), line=line)]
    try:
        data = _parse(text, raw)
    except ValueError as exc:  # tomllib.TOMLDecodeError (tomllib is loaded only to parse)
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        return None, [DeckProblem(
            file, Later(N_("not valid TOML: check the quotes, brackets and '=' signs")),
            line=line)]
    except RecursionError:  # tomllib recurses once per level of nesting
        return None, [DeckProblem(file, Later(N_(
            "TOML nested too deeply (arrays or tables inside each other hundreds of times)")))]
    folder = file.parent.name if file.name == DECK_FILE else None
    checker = _Checker(file, text)
    deck = checker.deck(data, folder)
    return deck, checker.problems


def load_deck(path: Path) -> Deck:
    deck, problems = check_deck(path)
    if deck is None:
        raise DeckError(problems)
    return deck
