"""Free text a copy of a session lacks, and where merging finds it.

An export without ``--include-notes`` leaves the free text out (notes, custom tags, the
text of action items: ``bundle.redact``).  A record merged from it is marked
``notes_withheld`` = its revision: the text of that revision (and of the ones before) is
not here, so its blanks are not deletions.  The mark stays on the revisions made from it
on this device, and travels in exports with notes.  ``ccfacil.export.merge`` uses what is
below:

- ``completed(target, source)``: a marked copy given the text a copy of the same
  revision, or of an earlier one it was made from, has; a ``source`` with its whole text
  that holds the marked revision (or a later one) makes it whole, and the mark goes;
- ``kept_text(incoming, replaced)``: a record without its text that replaces versions
  here takes their text (made whole by one that has the text of its mark);
- ``filled_by_kin(versions)``: in a conflict, a version without its text takes the text
  of the other versions of the session (it stays marked).

A record with its whole text (no mark) is never filled in from another revision: its
blanks are deletions, and a note deleted on a device with the text is deleted everywhere.
(The text of its own revision does fill it in: a copy merged without notes before the
mark existed has no mark.)

The rules keep merging idempotent in any order: text is only ever filled into blanks, a
mark only ever goes away, and an older revision changes nothing (a version here made
from it gets its text back from a device that merged both and made the later one whole:
merging cannot keep the text of revisions it replaced).
"""

from __future__ import annotations

import dataclasses

from ccfacil.cards import tags
from ccfacil.sessions import revisions
from ccfacil.sessions.session import SessionRecord


def with_notes(target: SessionRecord, source: SessionRecord) -> SessionRecord | None:
    """``target`` with the free text it lacks taken from ``source``: the session note, card
    notes matched by card, the text of action items matched by id, custom tags; None if
    there is nothing to fill in."""
    notes = {card.card_id: card.note for card in source.cards if card.note}
    cards = [dataclasses.replace(card, note=notes[card.card_id])
             if not card.note and card.card_id in notes else card for card in target.cards]
    texts = {item.id: item for item in source.actions if item.what or item.role}
    actions = [dataclasses.replace(item, what=item.what or texts[item.id].what,
                                   role=item.role or texts[item.id].role)
               if item.id in texts and not (item.what and item.role) else item
               for item in target.actions]
    strategies = _tags(target.strategies, source.strategies)
    themes = _tags(target.themes, source.themes)
    note = target.notes or source.notes
    if (note == target.notes and strategies == target.strategies
            and themes == target.themes
            and all(a is b for a, b in zip(cards, target.cards))
            and all(a == b for a, b in zip(actions, target.actions))):
        return None
    return dataclasses.replace(target, cards=cards, notes=note, actions=actions,
                               strategies=strategies, themes=themes)


def _tags(target: list[str], source: list[str]) -> list[str]:
    """``target``'s tags, and the custom ones (free text) only ``source`` has."""
    return [*target, *(t for t in source
                       if t not in target and t not in tags.STRATEGIES
                       and t not in tags.THEMES)]


def withheld(record: SessionRecord) -> SessionRecord:
    """A record merged from an export without notes: it lacks the text of its revision."""
    return dataclasses.replace(record, notes_withheld=record.rev)


def reaches(record: SessionRecord, rev: str) -> bool:
    """Is ``record`` the revision ``rev`` or a later one made from it?"""
    return record.rev == rev or revisions.supersedes(record, rev)


def _makes_whole(source: SessionRecord, mark: str) -> bool:
    return source.notes_withheld is None and reaches(source, mark)


def completed(target: SessionRecord, source: SessionRecord) -> SessionRecord | None:
    """``target`` (marked) with the text ``source`` has: ``source`` is the same revision,
    or an earlier one ``target`` was made from.  Whole (no mark) if ``source`` has its
    whole text and holds the revision whose text ``target`` lacks, or a later one.  None:
    nothing changes (``target`` has its whole text, or nothing to take)."""
    mark = target.notes_withheld
    if mark is None:
        return None
    filled = with_notes(target, source) or target
    if _makes_whole(source, mark):
        return dataclasses.replace(filled, notes_withheld=None)
    return None if filled is target else filled


def kept_text(incoming: SessionRecord, replaced: list[SessionRecord]) -> SessionRecord:
    """A record without its whole text, that replaces ``replaced`` (versions here it was
    made from): made whole by one that has the text it lacks, else given the text they
    had (a note deleted in between, on a device that had it, comes back here: the record
    cannot say which of its blanks are deletions)."""
    mark = incoming.notes_withheld
    if mark is None:
        return incoming
    ordered = sorted(replaced, key=revisions.winner_key, reverse=True)
    for version in sorted(ordered, key=lambda v: not _makes_whole(v, mark)):
        incoming = completed(incoming, version) or incoming
    return incoming


def filled_by_kin(versions: list[SessionRecord]) -> list[SessionRecord]:
    """The versions of one session, each one without its text (edited in a conflict on a
    device that never had it) given the text of the others, whole ones and the winner
    first.  They stay marked: another version's text is its own edit of the session's."""
    found = list(versions)
    for _round in range(len(found)):  # what one gets, it may pass on
        changed = False
        for i, target in enumerate(found):
            if target.notes_withheld is None:
                continue
            kin = sorted((v for v in found if v is not target), key=revisions.winner_key,
                         reverse=True)
            for source in sorted(kin, key=lambda v: v.notes_withheld is not None):
                if (filled := with_notes(found[i], source)) is not None:
                    found[i], changed = filled, True
        if not changed:
            break
    return found
