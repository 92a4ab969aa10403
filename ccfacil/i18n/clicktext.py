"""click's own words, and our commands' help, in the active language.

click marks its messages for gettext (``from gettext import gettext as _`` in each of its
modules) but would look for a ``messages`` catalog of its own; ``install`` points those
names at our ``_``/``ngettext`` instead, so its messages ("Invalid value for …", "Usage:",
"Show this message and exit.") come from our catalogs, with the same bm -> fr -> source
fallback as every other message. ``MESSAGES``/``PLURALS`` list them so that
``ccfacil locales extract`` puts them in ``ccfacil.pot`` (a test checks the list against
the installed click).

Help texts (command docstrings, ``help=`` of options) are extracted by
``ccfacil.i18n.babel_extract.extract_python`` and translated when ``--help`` is shown:
``prepare`` reads ``--lang``/``CCFACIL_LANG`` from the command line before click renders
anything.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import N_

MESSAGES = (
    N_("Aborted!"),
    N_("Options"),
    N_("Positional arguments"),
    N_("Commands"),
    N_("Missing command."),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("required"),
    N_("(dynamic)"),
    N_("Do you want to continue?"),
    N_("Confirm the action without prompting."),
    N_("Show the version and exit."),
    N_("Show this message and exit."),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("unknown error"),
    N_("Could not open file {filename!r}: {message}"),
    N_("Usage:"),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Repeat for confirmation"),
    N_("Error: The two entered values do not match."),
    N_("Error: invalid input"),
    N_("Press any key to continue..."),
    N_("Choose from:\n\t{choices}"),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{value!r} is not a valid UUID."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    # Translators: click's names for kinds of values, in "'x' is not a valid integer."
    # and in help (--seed INTEGER)
    N_("integer"),
    N_("float"),
    N_("integer range"),
    N_("float range"),
    N_("text"),
    N_("boolean"),
)


# Translators: placeholders in --help, in capitals (ccfacil report --from DATE --site CODE)
PLACEHOLDERS = {
    "[OPTIONS]": N_("[OPTIONS]"),
    "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
    "[COMMAND] [ARGS]...": N_("[COMMAND] [ARGS]..."),
    "DATE": N_("DATE"),
    "CODE": N_("CODE"),
    "FILE": N_("FILE"),
    "MIN": N_("MIN"),
    "SESSION_ID": N_("SESSION_ID"),
    "PATHS": N_("PATHS"),
    "LANG": N_("LANG"),
    "LANGS": N_("LANGS"),
}


def plural_messages(n: int) -> list[str]:
    """click's messages with plural forms, for ``n`` (this also marks them for extraction)."""
    ngettext = i18n.ngettext
    return [
        ngettext("Got unexpected extra argument ({args})",
                 "Got unexpected extra arguments ({args})", n),
        ngettext("Takes {nargs} values but 1 was given.",
                 "Takes {nargs} values but {len} were given.", n),
        ngettext("Did you mean {possibility}?",
                 "(Did you mean one of: {possibilities}?)", n),
        ngettext("Option {name!r} requires an argument.",
                 "Option {name!r} requires {nargs} arguments.", n),
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", n),
        ngettext("{value!r} does not match the format {format}.",
                 "{value!r} does not match the formats {formats}.", n),
        ngettext("{len_type} values are required, but {len_value} was given.",
                 "{len_type} values are required, but {len_value} were given.", n),
    ]


KINDS = {"integer", "float", "integer range", "float range", "text", "boolean", "file",
         "directory", "path"}
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui",
                 "types", "utils", "shell_completion")
_installed = False


def install() -> None:
    """click's messages through our catalogs (done once, when the command runs)."""
    global _installed
    if _installed:
        return
    import importlib

    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = i18n._
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext
    _installed = True


def early_language(args: Sequence[str], environ=os.environ,
                   fallback_for: Callable[[Path], Sequence[str]] | None = None) -> None:
    """Use ``--lang`` (or ``CCFACIL_LANG``) now, before click renders help or errors.

    Unknown languages are left for the command itself to refuse with a clear line.
    ``fallback_for``: the fallback languages of a data folder (the run environment's).
    """
    lang = environ.get(i18n.ENV_LANG) or i18n.DEFAULT_LANG
    data_dir = environ.get("CCFACIL_DATA_DIR")
    values = list(args)
    for index, arg in enumerate(values):
        if arg == "--":
            break
        for name in ("--lang", "--data-dir"):
            value = None
            if arg == name and index + 1 < len(values):
                value = values[index + 1]
            elif arg.startswith(name + "="):
                value = arg.split("=", 1)[1]
            if value is not None and name == "--lang":
                lang = value
            elif value is not None:
                data_dir = value
    from ccfacil import paths

    folder = Path(data_dir) if data_dir else paths.default_data_dir()
    i18n.configure(folder, fallback=fallback_for(folder) if fallback_for else None)
    if lang in i18n.registry().languages():
        i18n.set_language(lang)


def translate_help(command) -> None:
    """Every help text of ``command`` and its sub-commands, in the active language."""
    import click

    def tr(text):
        return i18n._(inspect.cleandoc(text)) if text else text

    sources = command.__dict__.setdefault(
        "_ccfacil_help", (command.help, command.short_help, command.epilog))
    command.help, command.short_help, command.epilog = (tr(t) for t in sources)
    command._help_option = None  # made again, in this language, when asked for
    metavars = command.__dict__.setdefault(
        "_ccfacil_metavars", (command.options_metavar,
                              getattr(command, "subcommand_metavar", None)))
    command.options_metavar = _placeholder(metavars[0])
    if isinstance(command, click.Group):
        command.subcommand_metavar = _placeholder(metavars[1])
    for param in command.params:
        source = param.__dict__.setdefault("_ccfacil_help", getattr(param, "help", None))
        if source:
            param.help = tr(source)
        metavar = param.__dict__.setdefault("_ccfacil_metavar", param.metavar)
        if isinstance(param, click.Argument) and metavar is None:
            shown = _placeholder(param.name.upper())
            shown = shown if param.required else f"[{shown}]"
            param.metavar = shown + ("..." if param.nargs != 1 else "")
        elif metavar is not None:
            param.metavar = _placeholder(metavar)
        # The kind of value ("integer", "file"), in errors and in help (--seed INTEGER).
        kind = param.type.__dict__.setdefault("_ccfacil_name", param.type.name)
        if isinstance(kind, str) and kind in KINDS:
            param.type.name = i18n._(kind)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            translate_help(sub)


def _placeholder(text):
    return i18n._(PLACEHOLDERS[text]) if text in PLACEHOLDERS else text


def prepare(command, args: Sequence[str],
            fallback_for: Callable[[Path], Sequence[str]] | None = None) -> None:
    install()
    early_language(args, fallback_for=fallback_for)
    translate_help(command)
