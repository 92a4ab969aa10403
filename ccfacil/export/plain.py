"""A session as plain lines to read on screen (``sessions show``, the history's "read").

Cards are named by their question (shortened) and domains and the deck by their titles,
in the active language; ids appear only when the deck is not installed here.
"""

from __future__ import annotations

from ccfacil.cards.cardname import card_name, domain_name
from ccfacil.cards.deck import Deck
from ccfacil.i18n import fmt
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import _
from ccfacil.sessions.session import MOODS, SessionRecord, Tally


def when(record: SessionRecord) -> str:
    """When it started, in the session's own local time (the site's), as reports count it."""
    if record.started_at is None:
        return _("not started")
    return fmt.datetime(record.started_at)


def tally(found: Tally) -> str:
    if not found.total:
        return _("none")
    counts = " · ".join(f"{mood}: {found.counts.get(mood, 0)}" for mood in MOODS)
    return _("%(counts)s (mean %(mean)s)") % {"counts": counts,
                                             "mean": fmt.number(round(found.mean, 1))}


def lines(record: SessionRecord, deck: Deck | None = None) -> list[str]:
    """A session as plain-text lines, in the active language."""
    deck = deck if deck is not None and deck.id == record.deck else None
    out = [_("Session %(id)s") % {"id": record.id}]
    started = when(record)
    if record.ended_at is not None:
        end = (record.ended_at.astimezone(record.started_at.tzinfo) if record.started_at
               else record.ended_at)
        started += f" – {fmt.time(end)}"
    duration = (fmt.duration(record.duration_seconds)
                if record.duration_seconds is not None else _("not finished"))
    rows = [
        (_("Date"), started),
        (_("Site"), record.site),
        (_("Facilitator"), record.facilitator),
        (_("Deck"), deck.title if deck is not None else record.deck),
        (_("Language"), i18n.registry().language_name(record.lang)),
        (_("State"), record.state.label()),
        (_("Participants"), fmt.number(record.participants)),
        (_("Seats"), fmt.number(record.seats) if record.seats != record.participants else ""),
        (_("Duration"), _("%(duration)s (planned: %(planned)s)") % {
            "duration": duration, "planned": fmt.duration(record.planned_minutes * 60)}),
        (_("Check-in"), tally(record.checkin)),
        (_("Check-out"), tally(record.checkout)),
        (_("Strategies"), ", ".join(record.strategies)),
        (_("Themes"), ", ".join(record.themes)),
        (_("Revision"), record.rev),
        (_("Conflict copy of"), record.conflict_of or ""),
        (_("Notes"), _("notes not here") if record.notes_withheld else ""),
    ]
    out += [fmt.labelled(label, value) for label, value in rows if value]
    for change in record.attendance:
        out.append(_("  %(time)s: %(num)s present") % {
            "time": fmt.time(change.at), "num": fmt.number(change.participants)})
    out.append(_("Cards discussed: %(num)s") % {"num": fmt.number(len(record.cards))})
    for card in record.cards:
        out.append("  " + fmt.labelled(
            f"{card_name(deck, card.card_id)} ({domain_name(deck, card.domain)})",
            fmt.duration(card.seconds)))
        out += [f"    {text}" for text in card.note.splitlines() if text.strip()]
    if record.actions:
        out.append(_("Action items:"))
    for item in record.actions:
        details = [item.status.label()]
        if item.role:
            details.append(item.role)
        if item.due:
            details.append(_("due %(date)s") % {"date": fmt.date(item.due)})
        out.append(f"  - {item.what} ({', '.join(details)})")
    if record.notes.strip():
        out.append(_("Notes:"))
        out += [f"  {text}" for text in record.notes.splitlines()]
    return out
