"""The command line's only way out: every line printed goes through here.

``echo`` makes text safe for a terminal (``ccfacil.safetext``), ``echo_json`` does the
same for JSON without changing its data, and ``confirm`` asks a safe question.  A test
checks that no command calls ``click.echo`` itself.  Standard output that cannot be
written (``> /dev/full``, a full disk) is an ``OutputError``: one line, exit 1.
"""

from __future__ import annotations

import click

from ccfacil.errors import OutputError
from ccfacil.safetext import for_terminal, json_for_terminal


def _write(text: str, err: bool, nl: bool) -> None:
    try:
        click.echo(text, err=err, nl=nl)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc, err) from None


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    _write(for_terminal(str(message)), err, nl)


def echo_json(text: str, *, err: bool = False) -> None:
    _write(json_for_terminal(text), err, True)


def confirm(question: str, default: bool = False) -> bool:
    return click.confirm(for_terminal(question), default=default)


