"""``ccfacil sessions list``, ``show``, ``delete``, ``conflicts`` and ``resolve``: the saved
session notes."""

from __future__ import annotations

import json
import sys

import click

from ccfacil.clienv import Env, pass_env
from ccfacil.commands.echo import confirm, echo, echo_json
from ccfacil.errors import UsageProblem
from ccfacil.export.plain import when as _when
from ccfacil.i18n.runtime import _, ngettext
from ccfacil.safetext import one_line
from ccfacil.sessions.session import SessionRecord, marks
from ccfacil.storage.repository import Damaged, require


@click.group("sessions")
def sessions() -> None:
    """List, show and delete saved session notes; list and settle conflicts."""


def _marks(record: SessionRecord) -> str:
    return "".join(f"  ({mark})" for mark in marks(record))


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


@sessions.command("list")
@click.option("--site", help="Only this site (any case).")
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--include-notes", is_flag=True,
              help="json: include free text (notes, custom tags, action items' text).")
@pass_env
def list_sessions(env: Env, site: str | None, fmt_: str, include_notes: bool) -> None:
    """Saved sessions, oldest first; damaged ones last, with what is wrong."""
    from ccfacil.export.bundle import redact

    with env.open_store() as store:
        records = store.list(site)
        damaged = [d for d in store.damaged()
                   if site is None or d.site.casefold() == site.casefold()]
    for found in damaged:
        echo(_("warning: session %(id)s cannot be read: %(reason)s; it is kept as it is "
               "('ccfacil sessions delete %(id)s' removes it)")
             % {"id": found.key, "reason": found.reason}, err=True)
    if fmt_ == "json":
        shown = records if include_notes else [redact(r) for r in records]
        echo_json(json.dumps([r.to_dict() for r in shown], ensure_ascii=False, indent=2))
        return
    if not records and not damaged:
        echo(_("No sessions saved."))
    for record in records:
        people = ngettext("%(num)d participant", "%(num)d participants",
                          record.participants) % {"num": record.participants}
        cards = ngettext("%(num)d card", "%(num)d cards", len(record.cards)) % {
            "num": len(record.cards)}
        deck = env.deck_or_none(record.deck)
        title = deck.title if deck is not None else record.deck
        echo(f"{record.id[:8]}  {_when(record)}  {one_line(record.site)}  "
             f"{one_line(title)}  {people}  {cards}{_marks(record)}")
    for found in damaged:
        echo(f"{found.key[:8]}  " + _("DAMAGED: %(reason)s") % {"reason": one_line(found.reason)})


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
        record = require(store, session_id)
    echo("\n".join(summary(record, env.deck_or_none(record.deck))))


@sessions.command("delete")
@click.argument("session_id")
@click.option("--yes", is_flag=True, help="Delete without asking.")
@pass_env
def delete_session(env: Env, session_id: str, yes: bool) -> None:
    """Delete one saved session, after asking (a damaged one too)."""
    with env.open_store(write=True) as store:
        found = store.find(session_id)
        if found is None:
            require(store, session_id)  # the clear "no session" line
        if isinstance(found, Damaged):
            values = {"id": found.key, "site": one_line(found.site) or "?",
                      "date": _("damaged")}
            target = found.key
        else:
            values = {"id": found.id[:8], "site": one_line(found.site), "date": _when(found)}
            target = found.id
        if not yes:
            if not _interactive():
                raise UsageProblem(_("not deleting session %(id)s without --yes: no one at a "
                                     "terminal to confirm") % values)
            if not confirm(_("Delete session %(id)s (%(site)s, %(date)s)?") % values,
                           default=False):
                echo(_("Nothing deleted."))
                return
        if isinstance(found, Damaged):
            store.delete(target)
        else:
            from ccfacil.export import conflicts

            conflicts.delete(store, found)  # a version in conflict: the other one counts
    echo(_("Deleted session %(id)s (%(site)s, %(date)s).") % values)


def _version(conflict, record: SessionRecord) -> str:
    where = (_("counted in reports") if record.id == conflict.session_id
             else _("copy %(id)s") % {"id": record.id[:8]})
    people = ngettext("%(num)d participant", "%(num)d participants",
                      record.participants) % {"num": record.participants}
    cards = ngettext("%(num)d card", "%(num)d cards", len(record.cards)) % {
        "num": len(record.cards)}
    actions = ngettext("%(num)d action item", "%(num)d action items", len(record.actions)) % {
        "num": len(record.actions)}
    return f"  {record.rev}  {where}: {record.state.label()}, {people}, {cards}, {actions}"


@sessions.command("conflicts")
@click.option("--site", help="Only this site (any case).")
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@pass_env
def list_conflicts(env: Env, site: str | None, fmt_: str) -> None:
    """Sessions changed on two devices: every version kept, the one reports count first."""
    from ccfacil.export import conflicts

    with env.open_store() as store:
        found = conflicts.find(store.list(site))
    if fmt_ == "json":
        echo_json(json.dumps([{
            "session": c.session_id, "site": c.winner.site,
            "started_at": c.winner.to_dict()["started_at"], "differ": c.differences(),
            "versions": [{"rev": v.rev, "id": v.id, "counted": v.id == c.session_id,
                          "state": v.state.value, "participants": v.participants,
                          "cards": len(v.cards), "actions": len(v.actions)}
                         for v in c.versions]} for c in found], ensure_ascii=False, indent=2))
        return
    if not found:
        echo(_("No conflicts."))
        return
    for conflict in found:
        winner = conflict.winner
        echo(_("Session %(id)s (%(site)s, %(date)s): %(num)d versions") % {
            "id": conflict.session_id, "site": winner.site, "date": _when(winner),
            "num": len(conflict.versions)})
        for record in conflict.versions:
            echo(_version(conflict, record))
        echo("  " + _("they differ in: %(fields)s") % {
            "fields": ", ".join(conflict.differences()) or "–"})
    echo(_("Keep one version of a session with: ccfacil sessions resolve ID --keep REV"))


@sessions.command("resolve")
@click.argument("session_id")
@click.option("--keep", "keep", required=True, metavar="REV",
              help="The revision to keep (as 'sessions conflicts' lists it, or its start).")
@pass_env
def resolve_conflict(env: Env, session_id: str, keep: str) -> None:
    """Settle a conflict: keep one version of the session, discard the others.

    Export the session afterwards and merge the file on the other devices: it settles the
    conflict there too.
    """
    from ccfacil.export import conflicts

    with env.open_store(write=True) as store:
        saved, kept, dropped = conflicts.resolve(store, session_id, keep)
    echo(ngettext(
        "Session %(id)s: kept %(kept)s as %(rev)s; %(num)d other version discarded.",
        "Session %(id)s: kept %(kept)s as %(rev)s; %(num)d other versions discarded.",
        len(dropped)) % {"id": saved.id, "kept": kept.rev, "rev": saved.rev,
                         "num": len(dropped)})
    for record in dropped:
        echo(f"  - {record.rev}")
    echo(_("Export the session (ccfacil export session %(id)s --format json) and merge "
                 "it on the other devices: it settles the conflict there too.")
               % {"id": saved.id[:8]})
