"""One session as a summary a coordinator can read: md, txt (fits a phone message), csv, or
json (the complete record, for ``merge``).

``render(record, fmt, include_notes=False, min_count=0, deck=None)``; ``deck`` is the
session's deck localized in the active language (``i18n.active().localize(deck)``), for
its title and domain titles; without it ids are shown.  Dates and numbers follow the
active language; times are the session's own local times (the UTC offset it was saved
with), so a summary reads the same on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ccfacil.cards import tags
from ccfacil.cards.cardname import card_name
from ccfacil.cards.deck import Deck
from ccfacil.export import bundle, csvfile
from ccfacil.export.text import (
    Tallies,
    clip,
    csv_number,
    decimal_sign,
    fit,
    md_cell,
    md_table,
    minutes,
    number,
    status,
    tag,
)
from ccfacil.i18n import fmt
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import _, ngettext
from ccfacil.sessions.session import SessionRecord

PHONE_LIMIT = 1000  # a txt summary is always shorter than this many characters
PHONE_CARD = 36  # a card's question is cut to this in a phone message


@dataclass
class Facts:
    """A session's figures, worked out once and shared by the formats."""

    record: SessionRecord
    deck: Deck | None
    deck_title: str
    domains: dict[str, str]
    tallies: Tallies
    include_notes: bool
    speakers: int = 0
    mean_airtime: float = 0.0
    rows: list[tuple[str, str]] = field(default_factory=list)


def deck_title(record: SessionRecord, deck: Deck | None) -> str:
    return deck.title if deck is not None and deck.id == record.deck else record.deck


def domain_titles(deck: Deck | None) -> dict[str, str]:
    return {d.id: d.title for d in deck.domains} if deck is not None else {}


def when(record: SessionRecord) -> str:
    """``5 March 2026, 09:00–10:05`` in the session's own local time."""
    start = record.started_at
    if start is None:
        if record.planned_start is not None:
            return _("planned for %(date)s") % {"date": fmt.date(record.planned_start.date())}
        return _("not started")
    text = f"{fmt.date(start.date())}, {fmt.time(start)}"
    if record.ended_at is not None:
        end = record.ended_at.astimezone(start.tzinfo)
        text += f"–{fmt.time(end)}"
    return text


def facts(record: SessionRecord, *, include_notes: bool, min_count: int,
          deck: Deck | None) -> Facts:
    airtime = {seat: s for seat, s in record.airtime().items() if s > 0}
    deck = deck if deck is not None and deck.id == record.deck else None
    found = Facts(record, deck, deck_title(record, deck), domain_titles(deck),
                  Tallies.of([record.checkin.counts.get(m, 0) for m in range(1, 6)],
                             [record.checkout.counts.get(m, 0) for m in range(1, 6)],
                             min_count), include_notes)
    found.speakers = len(airtime)
    found.mean_airtime = sum(airtime.values()) / len(airtime) if airtime else 0.0
    actual = record.duration_seconds
    found.rows = [
        (_("Date"), when(record)),
        (_("Site"), record.site),
        (_("Deck"), found.deck_title),
        (_("Language"), i18n.registry().language_name(record.lang)),
        (_("Participants"), fmt.number(record.participants)),
        (_("Duration"), _("%(duration)s (planned: %(planned)s)") % {
            "duration": fmt.duration(actual) if actual is not None else _("not finished"),
            "planned": fmt.duration(record.planned_minutes * 60)}),
        # Translators: how long the seats (people, by number) spoke
        (_("Air time"), airtime_text(found)),
    ]
    return found


def airtime_text(found: Facts) -> str:
    if not found.speakers:
        return _("not timed")
    seats = ngettext("%(num)d seat spoke", "%(num)d seats spoke", found.speakers) % {
        "num": found.speakers}
    return _("%(seats)s, %(mean)s each on average") % {
        "seats": seats, "mean": fmt.duration(found.mean_airtime)}


def strategies(found: Facts) -> list[str]:
    """Coping strategies shown: custom ones (free text) only with the notes."""
    values = found.record.strategies
    return values if found.include_notes else tags.shipped(values, tags.STRATEGIES)


def themes(found: Facts) -> list[str]:
    values = found.record.themes
    return values if found.include_notes else tags.shipped(values, tags.THEMES)


def action_rows(found: Facts, *, iso: bool = False) -> tuple[list[str], list[list[str]]]:
    """The action items table: what and who (free text) only with the notes."""
    def due(item) -> str:
        if not item.due:
            return ""
        return item.due.isoformat() if iso else fmt.date(item.due)

    items = found.record.actions
    if found.include_notes:
        return ([_("What"), _("Role"), _("Due"), _("Status")],
                [[a.what, a.role, due(a), status(a.status.value)] for a in items])
    return [_("Due"), _("Status")], [[due(a), status(a.status.value)] for a in items]


def title(record: SessionRecord) -> str:
    return _("Club Courage session, %(site)s") % {"site": record.site}


def domain(found: Facts, domain_id: str) -> str:
    return found.domains.get(domain_id, domain_id)


def card(found: Facts, card_id: str, limit: int = 60) -> str:
    """The card's question, shortened (people read md and txt; csv and json keep ids)."""
    return card_name(found.deck, card_id, limit)


# Markdown ----------------------------------------------------------------------------------

def to_md(found: Facts) -> str:
    record = found.record
    lines = [f"# {md_cell(title(record))}", ""]
    lines += md_table(["", ""], found.rows)
    count = len(record.cards)
    lines += ["", "## " + _("Cards discussed (%(num)s)") % {"num": fmt.number(count)}, ""]
    if record.cards:
        header = [_("Card"), _("Domain"), _("Minutes")]
        rows = [[card(found, c.card_id), domain(found, c.domain), number(minutes(c.seconds))]
                for c in record.cards]
        if found.include_notes:
            header.append(_("Note"))
            for row, done in zip(rows, record.cards):
                row.append(done.note)
        lines += md_table(header, rows, "llr")
    else:
        lines.append(_("None."))
    lines += ["", "## " + _("Check-in and check-out"), ""]
    if found.tallies.answered:
        lines += found.tallies.md()
        lines += ["", _("Change of mean: %(change)s") % {
            "change": found.tallies.change_text() or "–"}]
    else:
        lines.append(_("Nobody answered."))
    for heading, values in ((_("Coping strategies"), strategies(found)),
                            (_("Themes"), themes(found))):
        lines += ["", f"## {heading}", ""]
        lines.append(md_cell(fmt.join([tag(v) for v in values])) if values else _("None."))
    lines += ["", "## " + _("Action items"), ""]
    if record.actions:
        lines += md_table(*action_rows(found))
    else:
        lines.append(_("None."))
    if found.include_notes and record.notes.strip():
        lines += ["", "## " + _("Notes"), ""]
        lines += [f"> {line}".rstrip() for line in record.notes.strip().splitlines()]
    return "\n".join(lines) + "\n"


# Plain text for a phone message ------------------------------------------------------------

def to_txt(found: Facts) -> str:
    record = found.record
    head = [title(record)]
    head += [fmt.labelled(label, value) for label, value in found.rows]
    if found.tallies.answered:
        head += found.tallies.txt()
        head.append(_("Change of mean: %(change)s") % {
            "change": found.tallies.change_text() or "–"})
    cards = []
    for done in record.cards:
        item = (f"- {card(found, done.card_id, PHONE_CARD)} ({domain(found, done.domain)}, "
                f"{fmt.duration(done.seconds)})")
        if found.include_notes and done.note.strip():
            item += f": {clip(done.note, 200)}"
        cards.append(item)
    actions = []
    for action in record.actions:
        role = action.role if found.include_notes else ""
        details = [d for d in (role, _("due %(date)s") % {"date": fmt.date(action.due)}
                               if action.due else "", status(action.status.value)) if d]
        if found.include_notes:
            actions.append(f"- {clip(action.what, 120)} ({', '.join(details)})")
        else:
            actions.append(f"- {', '.join(details)}")
    sections = [
        (_("Cards discussed (%(num)s):") % {"num": fmt.number(len(record.cards))}, cards, "\n"),
        (_("Coping strategies:"), [clip(tag(v), 60) for v in strategies(found)], ", "),
        (_("Themes:"), [clip(tag(v), 60) for v in themes(found)], ", "),
        (_("Action items:"), actions, "\n"),
    ]
    if found.include_notes and record.notes.strip():
        sections.append((_("Notes:"), [clip(line, 300) for line in record.notes.splitlines()
                                       if line.strip()], "\n"))
    return fit(head, sections, PHONE_LIMIT)


# CSV: small tables one after the other, for a spreadsheet ---------------------------------

def to_csv(found: Facts) -> bytes:
    record = found.record
    sign = decimal_sign()
    start = record.started_at
    rows: list[list[object]] = [[_("Session")],
                                [_("Date"), _("Site"), _("Deck"), _("Language"),
                                 _("Participants"), _("Planned minutes"), _("Minutes"),
                                 _("Seats that spoke"), _("Mean minutes per seat")],
                                [start.date().isoformat() if start else "", record.site,
                                 found.deck_title, record.lang, record.participants,
                                 record.planned_minutes,
                                 csv_number(minutes(record.duration_seconds), 1, sign)
                                 if record.duration_seconds is not None else "",
                                 found.speakers,
                                 csv_number(minutes(found.mean_airtime), 1, sign)],
                                [], [_("Cards discussed")]]
    header = [_("Card"), _("Domain"), _("Minutes")]
    if found.include_notes:
        header.append(_("Note"))
    rows.append(header)
    for done in record.cards:
        row = [done.card_id, domain(found, done.domain),
               csv_number(minutes(done.seconds), 1, sign)]
        rows.append(row + [done.note] if found.include_notes else row)
    rows += [[], [_("Check-in and check-out")], *found.tallies.csv(sign),
             [_("Change of mean"), found.tallies.change_text(sign)]]
    rows += [[], [_("Coping strategies")], *([tag(v)] for v in strategies(found))]
    rows += [[], [_("Themes")], *([tag(v)] for v in themes(found))]
    header, actions = action_rows(found, iso=True)
    rows += [[], [_("Action items")], header, *actions]
    if found.include_notes and record.notes.strip():
        rows += [[], [_("Notes")], *([line] for line in record.notes.splitlines())]
    return csvfile.to_bytes(rows)


def render(record: SessionRecord, fmt: str, *, include_notes: bool = False,
           min_count: int = 0, deck: Deck | None = None) -> str | bytes:
    """The session in ``fmt`` (``md``, ``txt``, ``json``: str; ``csv``: UTF-8 bytes)."""
    if fmt == "json":
        if min_count:
            raise ValueError("min_count does not apply to json (a complete record)")
        return bundle.dumps(bundle.envelope([record], kind="session",
                                            include_notes=include_notes))
    renderer = {"md": to_md, "txt": to_txt, "csv": to_csv}.get(fmt)
    if renderer is None:
        raise ValueError(f"unknown format {fmt!r}")
    return renderer(facts(record, include_notes=include_notes, min_count=min_count, deck=deck))
