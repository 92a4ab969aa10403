"""The ``ccfacil`` command: the root group and its global options.

Sub-commands live in ``ccfacil.commands`` and are imported only when called (``COMMANDS``);
what they share (``Env``, ``pass_env``, error handling) is in ``ccfacil.clienv``, the run
environment itself (shared with the app) in ``ccfacil.runenv``.
"""

from __future__ import annotations

from pathlib import Path

import click

from ccfacil import __version__, paths
from ccfacil.clienv import Group
from ccfacil.commands.echo import echo
from ccfacil.commands.options import run_options
from ccfacil.i18n import runtime as i18n
from ccfacil.runenv import RunEnv

# Command name -> where its click command is (module.attribute), loaded when used.
COMMANDS = {
    "decks": "ccfacil.commands.decks.decks",
    "draw": "ccfacil.commands.draw.draw",
    "export": "ccfacil.commands.export.export",
    "locales": "ccfacil.commands.locales.locales",
    "merge": "ccfacil.commands.export.merge_command",
    "referral": "ccfacil.commands.referral.referral_group",
    "report": "ccfacil.commands.export.report_command",
    "run": "ccfacil.commands.run.run",
    "sessions": "ccfacil.commands.sessions.sessions",
}


def _check_lang(lang: str) -> str:
    available = i18n.registry().languages()
    if lang not in available:
        raise click.BadParameter(
            i18n._("no language '%(lang)s' (available: %(available)s)") % {
                "lang": lang, "available": ", ".join(available)}, param_hint="'--lang'")
    return lang


@click.group(cls=Group, invoke_without_command=True, lazy_subcommands=COMMANDS)
@click.version_option(__version__, "--version", prog_name="ccfacil", message="%(prog)s %(version)s")
@click.option("--lang", envvar=i18n.ENV_LANG, default=i18n.DEFAULT_LANG, show_default=True,
              help="Language of the cards and messages (e.g. fr, bm, en).")
@click.option("--deck-path", "deck_paths", multiple=True, envvar=paths.ENV_DECK_PATH,
              type=click.Path(path_type=Path, file_okay=False),
              help="Extra folder of decks (repeatable; env CCFACIL_DECK_PATH, "
                   "separated by the path separator).")
@click.option("--data-dir", envvar=paths.ENV_DATA_DIR,
              type=click.Path(path_type=Path, file_okay=False),
              help="Folder for notes, settings, user decks and locales.")
@run_options
@click.pass_context
def cli(ctx: click.Context, lang: str, deck_paths: tuple[Path, ...], data_dir: Path | None,
        **run_values):
    """Run Club Courage peer-support sessions: cards, turns and anonymous notes."""
    env = RunEnv.at(data_dir, deck_paths, lang=lang, tell=lambda detail: echo(
        i18n._("note: %(detail)s") % {"detail": detail}, err=True))
    env.start_languages()
    i18n.ensure_language(_check_lang(lang))
    for problem in i18n.registry().problems:  # a broken catalog: said once, then skipped
        echo(i18n._("warning: %(problem)s (using the next language instead)")
             % {"problem": problem}, err=True)
    i18n.reporter = lambda problem: echo(i18n._("warning: %(problem)s")
                                         % {"problem": problem}, err=True)
    ctx.obj = env
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.get_command(ctx, "run"), **run_values)
    elif any(value not in (None, False) for value in run_values.values()):
        raise click.UsageError(
            i18n._("options such as --site go with 'ccfacil' or 'ccfacil run', "
                   "not with '%(command)s'") % {"command": ctx.invoked_subcommand})


def main(argv: list[str] | None = None) -> None:
    from ccfacil.storage import bulk

    bulk.short_lived()  # the process ends with the command (the app says otherwise)
    try:
        cli.main(args=argv, prog_name="ccfacil")
    except SystemExit as exc:
        bulk.end(exc.code)  # at once, if nothing is left to do
        raise

