"""``ccfacil`` / ``ccfacil run``: open the facilitator's screen."""

from __future__ import annotations

import click

from ccfacil.cli import Env, cli, pass_env
from ccfacil.errors import UsageProblem
from ccfacil.commands.options import run_options
from ccfacil.runner import SessionSetup, parse_turn


@cli.command("run")
@run_options
@pass_env
def run(env: Env, deck_id, participants, turn, length, mode, seed, site, theme,
        console_safe, no_bell, start) -> None:
    """Open the app (also what plain 'ccfacil' does)."""
    from ccfacil.filelock import DataLock
    from ccfacil.tui.app import make_app  # textual is only loaded for the app

    env.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    DataLock(env.data_dir).release()  # another window has it: one clear line, now

    app = make_app(data_dir=env.data_dir, deck_paths=env.deck_paths,
                   console_safe=console_safe, theme=theme, bell=False if no_bell else None,
                   start_session=start)
    setup: SessionSetup = app.ctx.setup
    setup.lang = env.lang
    if deck_id:
        env.library.path(deck_id)  # unknown deck: one clear line
        setup.deck = deck_id
    if participants:
        setup.participants = participants
        app.ctx.people_hint = None  # given: confirmed
    if turn:
        setup.turn_seconds = parse_turn(turn)
    if length:
        setup.length_minutes = length
    if mode:
        setup.mode = mode
    if site is not None:
        setup.site = site
    setup.seed = seed
    try:
        setup.check(env.localize(setup.deck))
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
    app.run()
