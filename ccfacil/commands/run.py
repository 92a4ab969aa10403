"""``ccfacil`` / ``ccfacil run``: open the facilitator's screen."""

from __future__ import annotations

import gc

import click

from ccfacil.clienv import Env, pass_env
from ccfacil.commands.echo import echo
from ccfacil.commands.options import run_options
from ccfacil.errors import UsageProblem
from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions.runner import SessionSetup, parse_turn


@click.command("run")
@run_options
@pass_env
def run(env: Env, deck_id, participants, turn, length, mode, seed, site, theme,
        console_safe, no_bell, start) -> None:
    """Open the app (also what plain 'ccfacil' does)."""
    for name, value in (("--deck", deck_id), ("--turn", turn), ("--mode", mode)):
        if value is not None and not value.strip():
            raise click.UsageError(_("%(option)s is empty") % {"option": name})
    # First thing, and held until the app's store takes it over: a second window (even
    # one started at the same instant) or a read-only folder gets one line, exit 1.
    env.hold_folder()
    try:
        code = _run_app(env, deck_id, participants, turn, length, mode, seed, site,
                        theme, console_safe, no_bell, start)
    finally:
        env.release_folder()  # if the app did not get as far as opening its store
    if code:
        raise click.exceptions.Exit(code)


def _run_app(env: Env, *options) -> int:
    # Loading Textual and building the app make objects that live as long as the app: the
    # garbage collector's rounds over them, again and again, are a good part of the wait
    # for the first frame.  None while building (the app's run freezes them out of its
    # rounds).
    collecting = gc.isenabled()
    gc.disable()
    try:
        app = _build_app(env, *options)
    finally:
        if collecting:
            gc.enable()
    app.run()
    return app.return_code or 0


def _build_app(env: Env, deck_id, participants, turn, length, mode, seed, site, theme,
               console_safe, no_bell, start):
    from ccfacil.runenv import privacy_warning
    from ccfacil.tui.app import make_app  # textual: only for the app

    app = make_app(env=env, console_safe=console_safe, theme=theme,
                   bell=False if no_bell else None, start_session=start)
    for warning in app.ctx.terminal_warnings:  # still there once the app is gone
        echo(_("warning: %(problem)s") % {"problem": warning}, err=True)
    setup: SessionSetup = app.ctx.setup
    setup.lang = env.lang
    if deck_id is not None:
        app.ctx.library.path(deck_id)  # unknown deck: one clear line
        setup.deck = deck_id
    if participants:
        setup.participants = participants
        app.ctx.people_hint = None  # given: confirmed
    if turn is not None:
        setup.turn_seconds = parse_turn(turn)
    if length:
        setup.length_minutes = length
    if mode is not None:
        setup.mode = mode
    if site is not None:
        setup.site = site
    setup.seed = seed
    if start and setup.site:  # no setup screen to ask about the site code
        from ccfacil.sessions import privacy

        found = privacy.check(setup.site)
        if found:
            warning = privacy_warning(N_("site code"), setup.site, found)
            app.ctx.warnings.append(warning)
            echo(_("warning: %(problem)s") % {"problem": warning}, err=True)
    deck = app.ctx.localized_deck(setup.deck)  # kept: the first screen shows it
    if mode is None:  # the remembered mode may not fit this deck
        try:
            SessionSetup(mode=setup.mode).check(deck)
        except UsageProblem as exc:
            echo(_("warning: %(file)s: %(problem)s: shuffling instead") % {
                "file": "settings.json", "problem": exc}, err=True)
            setup.mode = "shuffle"
    try:
        setup.check(deck)
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
    return app
