"""``ccfacil sessions list``, ``show`` and ``delete``: the saved session notes."""

from __future__ import annotations

import json
import sys

import click

from ccfacil import fmt
from ccfacil.cli import Env, cli, pass_env
from ccfacil.errors import UsageProblem
from ccfacil.i18n import _, ngettext
from ccfacil.session import SessionRecord


@cli.group("sessions")
def sessions() -> None:
    """List, show and delete saved session notes."""


def _when(record: SessionRecord) -> str:
    if record.started_at is None:
        return _("not started")
    return fmt.datetime(record.started_at.astimezone())


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


@sessions.command("list")
@click.option("--site", help="Only this site (any case).")
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@pass_env
def list_sessions(env: Env, site: str | None, fmt_: str) -> None:
    """Saved sessions, oldest first."""
    with env.open_store() as store:
        records = store.list(site)
        unreadable = store.unreadable()
    if unreadable:
        click.echo(ngettext(
            "warning: %(num)d saved session cannot be read by this version; it is kept as it is",
            "warning: %(num)d saved sessions cannot be read by this version; they are kept as "
            "they are", unreadable) % {"num": unreadable}, err=True)
    if fmt_ == "json":
        click.echo(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2))
        return
    if not records:
        click.echo(_("No sessions saved."))
    for record in records:
        people = ngettext("%(num)d participant", "%(num)d participants",
                          record.participants) % {"num": record.participants}
        cards = ngettext("%(num)d card", "%(num)d cards", len(record.cards)) % {
            "num": len(record.cards)}
        deck = env.deck_or_none(record.deck)
        click.echo(f"{record.id[:8]}  {_when(record)}  {record.site}  "
                   f"{deck.title if deck is not None else record.deck}  {people}  {cards}")


def summary(record: SessionRecord, deck=None) -> list[str]:
    """A session as plain-text lines, in the active language (cards by their question)."""
    from ccfacil.export.plain import lines

    return lines(record, deck)


@sessions.command("show")
@click.argument("session_id")
@pass_env
def show_session(env: Env, session_id: str) -> None:
    """A readable summary of one session (its id, or the first 6+ characters of it)."""
    with env.open_store() as store:
        record = store.require(session_id)
    click.echo("\n".join(summary(record, env.deck_or_none(record.deck))))


@sessions.command("delete")
@click.argument("session_id")
@click.option("--yes", is_flag=True, help="Delete without asking.")
@pass_env
def delete_session(env: Env, session_id: str, yes: bool) -> None:
    """Delete one saved session, after asking."""
    with env.open_store() as store:
        record = store.require(session_id)
        values = {"id": record.id[:8], "site": record.site, "date": _when(record)}
        if not yes:
            if not _interactive():
                raise UsageProblem(_("not deleting session %(id)s without --yes: no one at a "
                                     "terminal to confirm") % values)
            if not click.confirm(_("Delete session %(id)s (%(site)s, %(date)s)?") % values,
                                 default=False):
                click.echo(_("Nothing deleted."))
                return
        store.delete(record.id)
    click.echo(_("Deleted session %(id)s (%(site)s, %(date)s).") % values)
