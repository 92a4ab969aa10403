"""``ccfacil export session``, ``ccfacil report`` and ``ccfacil merge``: for coordinators.

Thin: parse, call ``ccfacil.export``, write.  ``--lang`` on these commands sets the
language of the output only; messages stay in the global language.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

from ccfacil.clienv import Env, pass_env
from ccfacil.commands.echo import echo
from ccfacil.errors import UsageProblem
from ccfacil.export import bundle, formats, report, write_output
from ccfacil.export.formats import MAPPING, OPTION_FLAGS, Format, Options
from ccfacil.export.output import out_problem
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import _, ngettext
from ccfacil.storage.repository import require, unreadable


class Day(click.ParamType):
    """``YYYY-MM-DD``, or ``YYYY-MM``: the first day of the month (``end``: the last)."""

    name = "date"

    def __init__(self, end: bool = False):
        self.end = end

    def convert(self, value, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return report.parse_day(str(value), end=self.end)
        except ValueError:
            self.fail(_("'%(value)s' is not a date: use YYYY-MM-DD or YYYY-MM")
                      % {"value": value}, param, ctx)


def _language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and value not in i18n.registry().languages():
        raise click.BadParameter(_("no language '%(lang)s' (available: %(available)s)") % {
            "lang": value, "available": ", ".join(i18n.registry().languages())})
    return value


def _out_path(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``-`` or a regular file (or a new name): never a device, a FIFO or a link."""
    if value != "-":
        problem = out_problem(value)
        if problem is not None:
            raise click.BadParameter(f"{value!r}: {problem}" if value else problem)
    return value


def output_options(choices: list[Format]):
    def decorate(function):
        for option in reversed([
            click.option("--format", "fmt_", type=click.Choice(formats.names(choices)),
                         default="md", show_default=True, help="Output format."),
            click.option("--lang", callback=_language, metavar="LL",
                         help="Language of the output (default: the global --lang)."),
            click.option("--out", default="-", callback=_out_path, metavar="PATH",
                         show_default=True, help="File to write ('-': standard output)."),
            click.option("--min-count", type=click.IntRange(min=0), default=0,
                         show_default=True, metavar="N",
                         help="Show mood counts from 1 to N-1 as '<N' (and hide what would "
                              "reveal them)."),
            click.option("--include-notes", is_flag=True,
                         help="Include free text: notes, custom tags and the text of action "
                              "items (the file is then readable by you only)."),
        ]):
            function = option(function)
        return function
    return decorate


@contextlib.contextmanager
def output_language(lang: str | None) -> Iterator[None]:
    """Words of the output in ``lang``; the messages around it stay in the global language."""
    if lang is None:
        yield
        return
    previous = i18n.active()
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(previous.lang, previous.fallback)


def _write(data: str | bytes, out: str, fmt: str, private: bool = False) -> None:
    written = write_output(data, out, fmt=fmt, private=private)
    if written is not None:
        echo(str(written), err=True)


def _check_options(found: Format, options: Options) -> None:
    """Options the format does not take, or lacks: one line, exit 2."""
    for option in found.refused(options):
        line = _("%(option)s does not apply to --format %(format)s") % {
            "option": OPTION_FLAGS[option], "format": found.name}
        raise UsageProblem(line + (f" ({_(found.why)})" if found.why else ""))
    for option in found.missing(options):
        if option == MAPPING:
            raise UsageProblem(_("--format %(format)s needs --mapping FILE (see docs/DHIS2.md)")
                               % {"format": found.name})
        raise UsageProblem(_("--format %(format)s needs %(option)s") % {
            "format": found.name, "option": OPTION_FLAGS[option]})


@click.group("export")
def export() -> None:
    """Export saved sessions for a coordinator."""


@export.command("session")
@click.argument("session_id")
@output_options(formats.for_sessions())
@pass_env
def export_session(env: Env, session_id: str, fmt_: str, lang: str | None, out: str,
                   min_count: int, include_notes: bool) -> None:
    """One session (its id, or the first 6+ characters of it) as md, txt, csv, json or html."""
    found = formats.get(fmt_)
    options = Options(include_notes=include_notes, min_count=min_count)
    _check_options(found, options)
    with env.open_store() as store:
        record = require(store, session_id)
        # json: the session with its conflict copies, so that merging it gives the same
        versions = ([r for r in store.list() if r.session_id == record.session_id]
                    if fmt_ == "json" else [record])
    if fmt_ == "json":
        _write(bundle.dumps(bundle.envelope(versions, include_notes=include_notes)), out,
               fmt_, private=include_notes)
        return
    with output_language(lang):
        options = dataclasses.replace(options, deck=env.deck_or_none(record.deck))
        data = formats.render_session(fmt_, record, options)
    _write(data, out, fmt_, private=include_notes)


@click.command("report")
@click.option("--from", "start", type=Day(), required=True, metavar="DATE",
              help="First day (YYYY-MM-DD; YYYY-MM: the month's first day).")
@click.option("--to", "end", type=Day(end=True), required=True, metavar="DATE",
              help="Last day, included (YYYY-MM-DD; YYYY-MM: the month's last day).")
@click.option("--site", "sites", multiple=True, metavar="CODE",
              help="Only this site, any case (repeatable; default: every site).")
@output_options(formats.for_reports())
@click.option("--mapping", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="DHIS2 mapping file (TOML) for the dhis2 formats.")
@click.option("--skip-unmapped", is_flag=True,
              help="Leave out sites the mapping file does not know (dhis2 formats).")
@pass_env
def report_command(env: Env, start: dt.date, end: dt.date, sites: tuple[str, ...], fmt_: str,
                   lang: str | None, out: str, min_count: int, include_notes: bool,
                   mapping: Path | None, skip_unmapped: bool) -> None:
    """Sessions, participants, cards, moods and action items over a period, by site and month."""
    if start > end:
        raise click.UsageError(_("empty range: --from %(start)s is after --to %(end)s") % {
            "start": start.isoformat(), "end": end.isoformat()})
    found = formats.get(fmt_)
    options = Options(min_count=min_count, include_notes=include_notes, mapping=mapping,
                      skip_unmapped=skip_unmapped)
    _check_options(found, options)
    if mapping is not None:
        from ccfacil.export.mapping import load_mapping

        options = dataclasses.replace(options, mapping=load_mapping(mapping))
    with env.open_store() as store:
        records = store.list()
        damaged = unreadable(store)
    if damaged:
        echo(ngettext("note: %(num)d saved session cannot be read and is left out (see "
                      "'ccfacil sessions list')",
                      "note: %(num)d saved sessions cannot be read and are left out (see "
                      "'ccfacil sessions list')", damaged) % {"num": damaged}, err=True)
    built = report.build(records, sites, start, end)
    if not built.records:
        echo(_("note: no sessions in this period"), err=True)
    with output_language(lang):
        decks = {deck_id: deck for deck_id in built.decks
                 if (deck := env.deck_or_none(deck_id)) is not None}
        data = formats.render_report(fmt_, built, dataclasses.replace(options, decks=decks))
    for line in found.notes(built, options) if found.notes else ():  # once it rendered
        echo(line, err=True)
    _write(data, out, fmt_, private=include_notes)


def _counts(counts: Counter) -> str:
    from ccfacil.export import merge

    new, updated, conflicts = (counts[merge.Outcome.NEW], counts[merge.Outcome.UPDATED],
                               counts[merge.Outcome.CONFLICT])
    same = counts[merge.Outcome.SAME] + counts[merge.Outcome.OLDER]
    return ", ".join([
        ngettext("%(num)d new", "%(num)d new", new) % {"num": new},
        # Translators: sessions replaced by a newer version of themselves
        ngettext("%(num)d updated", "%(num)d updated", updated) % {"num": updated},
        ngettext("%(num)d already present", "%(num)d already present", same) % {"num": same},
        ngettext("%(num)d conflict", "%(num)d conflicts", conflicts) % {"num": conflicts},
    ])


@click.command("merge")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--recursive", is_flag=True, help="Also look for .json files in sub-folders.")
@click.option("--dry-run", is_flag=True, help="Say what would happen; save nothing.")
@pass_env
def merge_command(env: Env, paths: tuple[Path, ...], recursive: bool, dry_run: bool) -> None:
    """Bring json exports (files, or folders of .json files) into this data folder.

    Sessions already here are skipped, newer versions of them replace them, and a session
    changed on two devices is kept in both versions (see 'sessions conflicts').  Exit 1 if
    any file could not be read.
    """
    from ccfacil.export import merge  # only for merging

    files, empty, missing = merge.collect(paths, recursive=recursive)
    refused = 0
    for path in missing:
        echo(f"{path}: " + _("no such file or folder"), err=True)
        refused += 1
    for path in empty:
        echo(_("note: no .json files in %(path)s") % {"path": path}, err=True)
    totals: Counter = Counter()
    read = 0
    with env.open_store(write=not dry_run) as store:
        merger = merge.Merger(store)
        for path in files:
            try:
                found = bundle.load(path)
            except bundle.BundleError as exc:
                echo(f"{path}: {exc}", err=True)
                refused += 1
                continue
            plan = merger.plan(found.records, notes_included=found.notes_included)
            if not dry_run:
                merger.apply(plan)
            read += 1
            totals.update(plan.counts)
            echo(f"{path}: {_counts(plan.counts)}")
            for step in plan.conflicts:
                echo(f"{path}: " + _("session %(id)s was changed on two devices: both "
                                     "versions kept (%(rev)s came in)") % {
                    "id": step.record.id, "rev": step.record.rev})
    files_text = ngettext("%(num)d file", "%(num)d files", read) % {"num": read}
    line = (_("Dry run, nothing saved: %(files)s: %(counts)s") if dry_run
            else _("Merged %(files)s: %(counts)s"))
    echo(line % {"files": files_text, "counts": _counts(totals)})
    if totals[merge.Outcome.CONFLICT]:
        echo(_("Reports count each session once (the version with the longer "
               "history). See the conflicts with 'ccfacil sessions conflicts' and "
               "settle each with 'ccfacil sessions resolve ID --keep REV'."))
    if refused:
        raise click.exceptions.Exit(1)
