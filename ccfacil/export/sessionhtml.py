"""One session as an HTML page to look at or print: the Markdown summary's content, and
its check-in vs check-out chart.  Figures come from ``summary.facts``, as for Markdown."""

from __future__ import annotations

from ccfacil.cards.deck import Deck
from ccfacil.export import html, summary
from ccfacil.export.html import esc
from ccfacil.export.reporthtml import moods
from ccfacil.export.text import minutes, number, tag
from ccfacil.i18n import fmt
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import _
from ccfacil.sessions.session import MOODS, SessionRecord


def render(record: SessionRecord, *, include_notes: bool = False, min_count: int = 0,
           deck: Deck | None = None) -> str:
    found = summary.facts(record, include_notes=include_notes, min_count=min_count,
                          deck=deck)
    title = summary.title(record)
    body = [f"<h1>{esc(title)}</h1>", html.facts(found.rows)]
    body.append(html.heading(_("Cards discussed (%(num)s)") % {
        "num": fmt.number(len(record.cards))}))
    if record.cards:
        header = [_("Card"), _("Domain"), _("Minutes")]
        rows = [[c.card_id, summary.domain(found, c.domain), number(minutes(c.seconds))]
                for c in record.cards]
        if include_notes:
            header.append(_("Note"))
            for row, card in zip(rows, record.cards):
                row.append(card.note)
        body.append(html.table(header, rows, "llr"))
    else:
        body.append(html.none(_("None.")))
    body += moods("session-moods", found.tallies,
                  [record.checkin.counts.get(m, 0) for m in MOODS],
                  [record.checkout.counts.get(m, 0) for m in MOODS])
    for heading, values in ((_("Coping strategies"), summary.strategies(found)),
                            (_("Themes"), summary.themes(found))):
        body.append(html.heading(heading))
        body.append(f"<p>{esc(fmt.join([tag(v) for v in values]))}</p>" if values
                    else html.none(_("None.")))
    body.append(html.heading(_("Action items")))
    if record.actions:  # what and who (free text) only with the notes
        header, rows = summary.action_rows(found)
        body.append(html.table(header, rows))
    else:
        body.append(html.none(_("None.")))
    if include_notes and record.notes.strip():
        body.append(html.heading(_("Notes")))
        body.append(f"<blockquote>{esc(record.notes.strip())}</blockquote>")
    return html.page(i18n.current_language(), title, body)
