"""What every ``ccfacil`` sub-command shares: the run environment built from the global
options (``Env``, that is ``ccfacil.runenv.RunEnv``, handed over with ``pass_env``), and the
root group (``Group``) that loads sub-commands only when they are called and ends expected
failures in one line.

``ccfacil.cli`` builds the root command with it; ``ccfacil.commands.*`` import this module,
never ``ccfacil.cli``.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys

import click

from ccfacil.commands.echo import echo
from ccfacil.errors import CcfacilError, OutputError
from ccfacil.i18n import runtime as i18n
from ccfacil.runenv import RunEnv, fallback_languages

# The sub-commands' environment: the run environment, shared with the app.
Env = RunEnv

pass_env = click.make_pass_decorator(Env)


class Group(click.Group):
    """A click group whose expected failures end in one line and a non-zero exit, and whose
    sub-commands are imported only when used (click's "Lazily Loading Subcommands").

    ``lazy_subcommands``: command name -> "module.attribute" of the click command.
    """

    def __init__(self, *args, lazy_subcommands: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = dict(lazy_subcommands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy_subcommands:
            return super().get_command(ctx, cmd_name)
        from ccfacil.i18n import clicktext

        module_name, attribute = self.lazy_subcommands[cmd_name].rsplit(".", 1)
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.lazy_subcommands[cmd_name]} is not a click command")
        clicktext.translate_help(command)  # its help in the active language, as the root's
        return command

    def main(self, args=None, prog_name="ccfacil", complete_var=None, standalone_mode=True,
             **extra):
        from ccfacil.i18n import clicktext

        # The language is known before click says a word (help, usage errors).
        clicktext.prepare(self, sys.argv[1:] if args is None else args,
                          fallback_for=fallback_languages)
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
