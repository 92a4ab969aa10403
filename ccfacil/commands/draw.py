"""``ccfacil draw``: print cards from a shuffled pile, as text or JSON."""

from __future__ import annotations

import json
import random
import shutil
import textwrap

import click

from ccfacil.cards.draw import DrawMode, DrawPile
from ccfacil.clienv import Env, pass_env
from ccfacil.commands.echo import echo, echo_json
from ccfacil.i18n import fmt as format_
from ccfacil.i18n.runtime import _


@click.command("draw")
@click.option("--deck", "deck_id", help="Deck id (default: courage).")
@click.option("--seed", type=int, help="Same seed, same order of cards on every machine.")
@click.option("--count", type=click.IntRange(1, 10_000), default=1, show_default=True,
              help="How many cards to draw.")
@click.option("--domain", "domains", multiple=True, help="Only this domain (repeatable).")
@click.option("--balanced", is_flag=True, help="Rotate through the domains.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@pass_env
def draw(env: Env, deck_id: str | None, seed: int | None, count: int,
         domains: tuple[str, ...], balanced: bool, fmt: str) -> None:
    """Shuffle a deck and print cards in the chosen language."""
    deck = env.localize(deck_id)
    pile = DrawPile(deck.cards, random.Random(seed), domains=domains,
                    mode=DrawMode.BALANCED if balanced else DrawMode.SHUFFLE)
    cards = pile.take(count)
    if fmt == "json":
        records = [
            {"deck": deck.id, "id": c.id, "domain": c.domain, "question": c.question,
             "advice": c.advice, "affirmation": c.affirmation, "lang": deck.lang}
            for c in cards
        ]
        echo_json(json.dumps(records, ensure_ascii=False, indent=2))
        return
    width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100) - 2)
    labels = (_("Advice"), _("Affirmation"))
    for number, card in enumerate(cards, start=1):
        if number > 1:
            echo()
        echo(f"{number}/{len(cards)} · {deck.domain(card.domain).title} ({card.id})")
        echo(textwrap.fill(card.question, width, initial_indent="  ",
                                 subsequent_indent="  "))
        for label, text in zip(labels, (card.advice, card.affirmation)):
            echo(textwrap.fill(format_.labelled(label, text), width, initial_indent="  ",
                                     subsequent_indent="    "))
