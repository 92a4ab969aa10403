"""``ccfacil decks list`` and ``ccfacil decks check``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ccfacil import i18n
from ccfacil.cli import Env, cli, pass_env
from ccfacil.commands.echo import echo, echo_json
from ccfacil.deck import DECK_FILE, Deck, check_deck, translatable_texts
from ccfacil.i18n import _, ngettext


@cli.group("decks")
def decks() -> None:
    """List and check discussion decks."""


def complete_languages(deck: Deck) -> list[str]:
    """Languages that translate every text of the deck themselves (no fallback)."""
    registry = i18n.registry()
    items = [(context, text) for context, text, _note in translatable_texts(deck)]
    done = []
    for lang in registry.languages():
        translated, total = registry.coverage(lang, "cards", items)
        if lang == deck.source_language or translated == total:
            done.append(lang)
    return done


@decks.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@pass_env
def list_decks(env: Env, fmt: str) -> None:
    """Every deck found, with its cards per domain and complete languages."""
    found, problems = env.library.load_all()
    for problem in problems:
        echo(_("warning: deck skipped: %(problem)s") % {"problem": problem}, err=True)
    rows = []
    for deck in found:
        local = i18n.active().localize(deck)
        rows.append({
            "id": deck.id,
            "title": local.title,
            "version": deck.version,
            "cards": len(deck.cards),
            "domains": [
                {"id": d.id, "title": d.title, "cards": len(deck.cards_in(d.id))}
                for d in local.domains
            ],
            "languages": complete_languages(deck),
            "path": str(deck.path.parent if deck.path else ""),
        })
    if fmt == "json":
        echo_json(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        echo(_("No decks found."))
    for row in rows:
        count = ngettext("%(num)d card", "%(num)d cards", row["cards"]) % {"num": row["cards"]}
        echo(f"{row['id']}  {row['title']}  ({count})")
        echo("  " + " · ".join(f"{d['title']}: {d['cards']}" for d in row["domains"]))
        echo("  " + _("Complete in: %(languages)s") % {"languages": ", ".join(row["languages"])})


def _deck_targets(path: Path) -> list[Path]:
    """A deck file, a deck folder, or a folder of deck folders."""
    if path.is_dir() and not (path / DECK_FILE).is_file():
        found = sorted(p.parent for p in path.glob(f"*/{DECK_FILE}"))
        return found or [path]
    return [path]


@decks.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check_decks(paths: tuple[Path, ...]) -> None:
    """Validate deck folders or deck.toml files: one line per problem, exit 1 if any."""
    bad = 0
    for target in (t for p in paths for t in _deck_targets(p)):
        deck, problems = check_deck(target)
        for problem in problems:
            echo(str(problem))
        if problems:
            bad += 1
        elif deck is not None:
            count = ngettext("%(num)d card", "%(num)d cards", len(deck.cards)) % {
                "num": len(deck.cards)}
            echo(_("%(path)s: ok, %(count)s") % {"path": deck.path, "count": count})
    if bad:
        raise click.exceptions.Exit(1)
