"""``ccfacil export session``, ``ccfacil report`` and ``ccfacil merge``: for coordinators.

Thin: parse, call ``ccfacil.export``, write.  ``--lang`` on these commands sets the
language of the output only; messages stay in the global language.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

from ccfacil import i18n
from ccfacil.cli import Env, cli, pass_env
from ccfacil.errors import UsageProblem
from ccfacil.export import bundle, dhis2, merge, report, summary, write_output
from ccfacil.export.mapping import load_mapping
from ccfacil.i18n import _, ngettext

REPORT_FORMATS = (*report.FORMATS, *dhis2.FORMATS)


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


def output_options(formats: tuple[str, ...]):
    def decorate(function):
        for option in reversed([
            click.option("--format", "fmt_", type=click.Choice(formats), default="md",
                         show_default=True, help="Output format."),
            click.option("--lang", callback=_language, metavar="LL",
                         help="Language of the output (default: the global --lang)."),
            click.option("--out", type=click.Path(dir_okay=False, allow_dash=True,
                                                  path_type=str), default="-",
                         show_default=True, help="File to write ('-': standard output)."),
            click.option("--min-count", type=click.IntRange(min=0), default=0,
                         show_default=True, metavar="N",
                         help="Show mood counts from 1 to N-1 as '<N' (and hide what would "
                              "reveal them)."),
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


def _write(data: str | bytes, out: str) -> None:
    written = write_output(data, out)
    if written is not None:
        click.echo(str(written), err=True)


def _no_json_with_min_count(fmt_: str, min_count: int) -> None:
    if fmt_ == "json" and min_count:
        raise UsageProblem(_("--min-count does not apply to --format json, which is the "
                             "complete record for 'ccfacil merge'"))


@cli.group("export")
def export() -> None:
    """Export saved sessions for a coordinator."""


@export.command("session")
@click.argument("session_id")
@output_options(summary.FORMATS)
@click.option("--include-notes", is_flag=True,
              help="Include free-text notes (card notes and the general note).")
@pass_env
def export_session(env: Env, session_id: str, fmt_: str, lang: str | None, out: str,
                   min_count: int, include_notes: bool) -> None:
    """One session (its id, or the first 6+ characters of it) as md, txt, csv or json."""
    _no_json_with_min_count(fmt_, min_count)
    with env.open_store() as store:
        record = store.require(session_id)
        # json: the session with its conflict copies, so that merging it gives the same
        versions = ([r for r in store.list() if r.session_id == record.session_id]
                    if fmt_ == "json" else [record])
    if fmt_ == "json":
        _write(bundle.dumps(bundle.envelope(versions, include_notes=include_notes)), out)
        return
    with output_language(lang):
        data = summary.render(record, fmt_, include_notes=include_notes, min_count=min_count,
                              deck=env.deck_or_none(record.deck))
    _write(data, out)


@cli.command("report")
@click.option("--from", "start", type=Day(), required=True, metavar="DATE",
              help="First day (YYYY-MM-DD; YYYY-MM: the month's first day).")
@click.option("--to", "end", type=Day(end=True), required=True, metavar="DATE",
              help="Last day, included (YYYY-MM-DD; YYYY-MM: the month's last day).")
@click.option("--site", "sites", multiple=True, metavar="CODE",
              help="Only this site, any case (repeatable; default: every site).")
@output_options(REPORT_FORMATS)
@click.option("--mapping", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="DHIS2 mapping file (TOML) for the dhis2 formats.")
@click.option("--skip-unmapped", is_flag=True,
              help="Leave out sites the mapping file does not know (dhis2 formats).")
@pass_env
def report_command(env: Env, start: dt.date, end: dt.date, sites: tuple[str, ...], fmt_: str,
                   lang: str | None, out: str, min_count: int, mapping: Path | None,
                   skip_unmapped: bool) -> None:
    """Sessions, participants, cards, moods and action items over a period, by site and month."""
    if start > end:
        raise click.UsageError(_("empty range: --from %(start)s is after --to %(end)s") % {
            "start": start.isoformat(), "end": end.isoformat()})
    _no_json_with_min_count(fmt_, min_count)
    if fmt_ in dhis2.FORMATS and mapping is None:
        raise UsageProblem(_("--format %(format)s needs --mapping FILE (see docs/DHIS2.md)")
                           % {"format": fmt_})
    dhis2_mapping = load_mapping(mapping) if fmt_ in dhis2.FORMATS else None
    with env.open_store() as store:
        records = store.list()
    built = report.build(records, sites, start, end)
    if not built.records:
        click.echo(_("note: no sessions in this period"), err=True)
    if dhis2_mapping is not None:
        skipped = dhis2.unmapped(built, dhis2_mapping)
        payload = dhis2.payload(built, dhis2_mapping, min_count=min_count,
                                skip_unmapped=skip_unmapped)
        if skipped:
            click.echo(ngettext("note: site %(sites)s left out (not in %(path)s)",
                                "note: sites %(sites)s left out (not in %(path)s)",
                                len(skipped)) % {"sites": ", ".join(skipped),
                                                 "path": dhis2_mapping.path}, err=True)
        _write(dhis2.render(payload, fmt_), out)
        return
    with output_language(lang):
        decks = {deck_id: found for deck_id in built.decks
                 if (found := env.deck_or_none(deck_id)) is not None}
        data = report.render(built, fmt_, min_count=min_count, decks=decks)
    _write(data, out)


def _counts(counts: Counter) -> str:
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


@cli.command("merge")
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
    files, empty, missing = merge.collect(paths, recursive=recursive)
    refused = 0
    for path in missing:
        click.echo(f"{path}: " + _("no such file or folder"), err=True)
        refused += 1
    for path in empty:
        click.echo(_("note: no .json files in %(path)s") % {"path": path}, err=True)
    totals: Counter = Counter()
    read = 0
    with env.open_store() as store:
        merger = merge.Merger(store)
        for path in files:
            try:
                found = bundle.load(path)
            except bundle.BundleError as exc:
                click.echo(f"{path}: {exc}", err=True)
                refused += 1
                continue
            plan = merger.plan(found.records, notes_included=found.notes_included)
            if not dry_run:
                merger.apply(plan)
            read += 1
            totals.update(plan.counts)
            click.echo(f"{path}: {_counts(plan.counts)}")
            for step in plan.conflicts:
                click.echo(f"{path}: " + _("session %(id)s was changed on two devices: both "
                                           "versions kept (%(rev)s came in)") % {
                    "id": step.record.id, "rev": step.record.rev})
    files_text = ngettext("%(num)d file", "%(num)d files", read) % {"num": read}
    line = (_("Dry run, nothing saved: %(files)s: %(counts)s") if dry_run
            else _("Merged %(files)s: %(counts)s"))
    click.echo(line % {"files": files_text, "counts": _counts(totals)})
    if totals[merge.Outcome.CONFLICT]:
        click.echo(_("Reports count each session once (the version with the longer "
                     "history). See the conflicts with 'ccfacil sessions conflicts' and "
                     "settle each with 'ccfacil sessions resolve ID --keep REV'."))
    if refused:
        raise click.exceptions.Exit(1)
