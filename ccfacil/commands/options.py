"""The options that pre-fill the app's setup: on ``ccfacil run`` and on plain ``ccfacil``."""

from __future__ import annotations

import click

from ccfacil.sessions.limits import LENGTH_MINUTES, PARTICIPANTS
from ccfacil.storage.settings import THEMES

RUN_OPTIONS = [
    click.option("--deck", "deck_id", help="Deck id (default: the last one used, or courage)."),
    click.option("--participants", type=click.IntRange(*PARTICIPANTS),
                 help="Number of seats, 2 to 20 (default 10)."),
    click.option("--turn", "turn", metavar="M:SS", help="Turn length (default 2:00)."),
    click.option("--length", "length", type=click.IntRange(*LENGTH_MINUTES), metavar="MIN",
                 help="Planned session length in minutes (default 60)."),
    click.option("--mode", metavar="shuffle|balanced|domain:<d>",
                 help="How cards are drawn (default shuffle)."),
    click.option("--seed", type=int, help="Same seed and deck, same order of cards as 'draw'."),
    click.option("--site", help="Site code (remembered)."),
    click.option("--theme", type=click.Choice(THEMES),
                 help="normal, or projector (high contrast)."),
    click.option("--console-safe/--no-console-safe", default=None,
                 help="ASCII borders and glyphs only (automatic when TERM=linux)."),
    click.option("--no-bell", is_flag=True, help="No terminal bell when a turn runs over."),
    click.option("--start", is_flag=True, help="Skip the setup screen and start at once."),
]
RUN_OPTION_NAMES = ("deck_id", "participants", "turn", "length", "mode", "seed", "site", "theme",
                    "console_safe", "no_bell", "start")


def run_options(function):
    for option in reversed(RUN_OPTIONS):
        function = option(function)
    return function
