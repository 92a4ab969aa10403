"""The ``ccfacil`` command: parse, call the core, print.  Sub-commands live in ``ccfacil.commands``."""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from ccfacil import __version__, i18n, paths
from ccfacil.commands.echo import echo
from ccfacil.commands.options import run_options
from ccfacil.errors import CcfacilError, OutputError
from ccfacil.library import DeckLibrary


@dataclass
class Env:
    """What every sub-command needs, built from the global options."""

    lang: str
    data_dir: Path
    deck_paths: tuple[Path, ...] = ()
    _library: DeckLibrary | None = field(default=None, repr=False)

    @property
    def library(self) -> DeckLibrary:
        if self._library is None:
            self._library = DeckLibrary.default(self.data_dir, self.deck_paths)
        return self._library

    def localize(self, deck_id: str | None = None):
        return i18n.active().localize(self.library.load(deck_id))

    def deck_or_none(self, deck_id: str):
        """The deck in the active language, or None when it is not installed here."""
        try:
            return self.localize(deck_id)
        except CcfacilError:
            return None

    def open_store(self, *, write: bool = False):
        """The saved sessions (locked while open); what was recovered is said on stderr.

        ``write``: the command will save; in a read-only data folder, or one another window
        has open, it stops here with one line.  Commands that only read work in both: while
        the app has the folder open they read what it has saved.
        """
        from ccfacil.repository import open_store

        return open_store(self.data_dir, write=write, tell=lambda detail: echo(
            i18n._("note: %(detail)s") % {"detail": detail}, err=True))


pass_env = click.make_pass_decorator(Env)


class Group(click.Group):
    """A click group whose expected failures end in one line and a non-zero exit."""

    def main(self, args=None, prog_name="ccfacil", complete_var=None, standalone_mode=True,
             **extra):
        from ccfacil import clicktext

        # The language is known before click says a word (help, usage errors).
        clicktext.prepare(self, sys.argv[1:] if args is None else args)
        try:
            result = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                  standalone_mode=False, **extra)
        except click.UsageError as exc:
            hint = (" " + i18n._("(see '%(command)s --help')") % {
                "command": exc.ctx.command_path}) if exc.ctx else ""
            _die(f"{exc.format_message()}{hint}", exc.exit_code)
        except click.ClickException as exc:
            _die(exc.format_message(), exc.exit_code)
        except click.exceptions.Abort:
            _die(i18n._("stopped"), 1)
        except OutputError as exc:
            _silence_stdout()
            if exc.errno == errno.EPIPE:
                sys.exit(0)
            _die(str(exc), 1)
        except CcfacilError as exc:
            _die(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _die(i18n._("interrupted"), 130)
        except BrokenPipeError:  # e.g. '| head': the reader has what it wanted
            _silence_stdout()
            sys.exit(0)
        except RecursionError:
            _die(i18n._("input nested too deeply"), 1)
        code = result if isinstance(result, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _die(message: str, code: int) -> None:
    lines = message.splitlines() or [message]
    try:
        if len(lines) == 1:
            echo(i18n._("ccfacil: error: %(message)s") % {"message": lines[0]}, err=True)
        else:  # several problems, one per line (each already names its file)
            for line in lines:
                echo(line, err=True)
    except (OSError, CcfacilError):  # standard error is gone too: the exit code says it
        pass
    sys.exit(code)


def _silence_stdout() -> None:
    """Standard output failed: point it at /dev/null, so that Python's own flush at exit
    does not print a second error."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _check_lang(lang: str) -> str:
    available = i18n.registry().languages()
    if lang not in available:
        raise click.BadParameter(
            i18n._("no language '%(lang)s' (available: %(available)s)") % {
                "lang": lang, "available": ", ".join(available)}, param_hint="'--lang'")
    return lang


@click.group(cls=Group, invoke_without_command=True)
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
    data_dir = data_dir if data_dir is not None else paths.default_data_dir()
    i18n.configure(data_dir)
    i18n.set_language(_check_lang(lang))
    for problem in i18n.registry().problems:  # a broken catalog: said once, then skipped
        echo(i18n._("warning: %(problem)s (using the next language instead)")
             % {"problem": problem}, err=True)
    i18n.reporter = lambda problem: echo(i18n._("warning: %(problem)s")
                                         % {"problem": problem}, err=True)
    ctx.obj = Env(lang=lang, data_dir=data_dir, deck_paths=deck_paths)
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.get_command(ctx, "run"), **run_values)
    elif any(value not in (None, False) for value in run_values.values()):
        raise click.UsageError(
            i18n._("options such as --site go with 'ccfacil' or 'ccfacil run', "
                   "not with '%(command)s'") % {"command": ctx.invoked_subcommand})


def main(argv: list[str] | None = None) -> None:
    from ccfacil import bulk

    bulk.short_lived()  # the process ends with the command (the app says otherwise)
    try:
        cli.main(args=argv, prog_name="ccfacil")
    except SystemExit as exc:
        bulk.end(exc.code)  # at once, if nothing is left to do
        raise


from ccfacil.commands import decks as _decks  # noqa: E402,F401  (registers sub-commands)
from ccfacil.commands import draw as _draw  # noqa: E402,F401
from ccfacil.commands import locales as _locales  # noqa: E402,F401
from ccfacil.commands import run as _run  # noqa: E402,F401
from ccfacil.commands import sessions as _sessions  # noqa: E402,F401
from ccfacil.commands import export as _export  # noqa: E402,F401
from ccfacil.commands import referral as _referral  # noqa: E402,F401
