"""What is written into a running session: notes, tags, action items, the people present,
the follow-up carried over.  A mixin of ``SessionRun`` (``ccfacil.sessions.runner``).

Every change to a running session goes through a method (here or in the runner) and
bumps ``changes``, an in-memory count of edits that tells the save policy
(``ccfacil.storage.saver.Saver``) that there is something new to write.  It is *not*
the record's revision (``record.rev``/``record.revisions``, CouchDB-style, stored
with the record and kept by ``ccfacil.sessions.revisions``): many changes are folded
into one save, and a running session amends its head revision until it is shared or
finished.  ``changes`` starts at 0 whenever a run is built (a resumed one too) and is
never stored.

A method that changes nothing (the same note again, a tag already there, a key pressed
twice) does not bump it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ccfacil.errors import UsageProblem
from ccfacil.i18n.translation import _
from ccfacil.sessions.phase import Phase
from ccfacil.sessions.session import ActionItem, ActionStatus, Tally

if TYPE_CHECKING:
    from ccfacil.sessions.followup import Review
    from ccfacil.sessions.session import SessionRecord

TAG_KINDS = ("strategies", "themes")


def clean_tag(text: str) -> str:
    """A tag as it is kept: words separated by one space, lower case."""
    return " ".join(text.split()).lower()


class SessionEdits:
    """The record-editing half of ``SessionRun``; see the module docstring."""

    changes: int = 0  # in-memory count of edits (not a stored revision)

    # -- telling the save policy -------------------------------------------------------
    def subscribe(self, listener: Callable[[], None]) -> None:
        """``listener()`` is called after every change (the save policy's hook)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self) -> None:
        self.changes += 1
        for listener in list(self._listeners):
            listener()

    def take_outbox(self) -> list[SessionRecord]:
        """Other records a change produced, to be saved (the reviewed sessions of the
        follow-up, revised); each is given once."""
        out, self._outbox = self._outbox, []
        return out

    # -- notes and tags --------------------------------------------------------------
    def set_note(self, text: str, card_id: str | None = None) -> bool:
        """The note of the card ``card_id`` (discussed in this session), or without it the
        session's note (not while a card is on screen: that is the card's).  False if
        nothing changed."""
        if card_id is not None:
            record = self._record_for(card_id)
            if record is None or record.note == text:
                return False
            record.note = text
        elif self.phase is Phase.CARDS or self.record.notes == text:
            return False
        else:
            self.record.notes = text
        self._changed()
        return True

    def _tags(self, kind: str) -> list[str]:
        if kind not in TAG_KINDS:
            raise ValueError(f"tag kind {kind!r} is not one of {TAG_KINDS}")
        return getattr(self.record, kind)

    def set_tag(self, kind: str, tag: str, on: bool = True) -> bool:
        """Switch a tag (``kind``: strategies or themes) on or off, as it is written (a
        new one typed: ``clean_tag`` first); False if unchanged."""
        tags = self._tags(kind)
        if not tag or (tag in tags) == on:
            return False
        if on:
            tags.append(tag)
        else:
            tags.remove(tag)
        self._changed()
        return True

    # -- action items ----------------------------------------------------------------
    def add_action(self, what: str, role: str = "", due: dt.date | None = None
                   ) -> ActionItem:
        what = what.strip()
        if not what:
            raise UsageProblem(_("Say what will be done."))
        item = ActionItem(what, role.strip(), due)
        self.record.actions.append(item)
        self._changed()
        return item

    def edit_action(self, index: int, what: str | None = None, role: str | None = None,
                    due: dt.date | None | bool = False) -> bool:
        """Change an item's text, role or date (``due=False``: leave the date)."""
        item = self.record.actions[index]
        new = (item.what if what is None else what.strip(),
               item.role if role is None else role.strip(), item.due if due is False else due)
        if not new[0] or new == (item.what, item.role, item.due):
            return False
        item.what, item.role, item.due = new
        self._changed()
        return True

    def set_action_status(self, index: int, status: ActionStatus) -> bool:
        item = self.record.actions[index]
        if item.status is status:
            return False
        item.status = status
        self._changed()
        return True

    def cycle_action_status(self, index: int) -> ActionStatus:
        """Open -> done -> carried over -> dropped -> open ..."""
        order = list(ActionStatus)
        status = self.record.actions[index].status
        self.set_action_status(index, order[(order.index(status) + 1) % len(order)])
        return self.record.actions[index].status

    def remove_action(self, index: int) -> ActionItem:
        item = self.record.actions.pop(index)
        self._changed()
        return item

    # -- the follow-up of the last session --------------------------------------------
    def carry_over(self, review: Review) -> list[SessionRecord]:
        """Act on the follow-up review (``ccfacil.sessions.followup``): items carried over
        go on in this session; the reviewed sessions that changed are revised and queued
        for saving (``take_outbox``).  Applying the same review again changes nothing."""
        from ccfacil.sessions.followup import apply

        fresh = [(record, item) for record, item in review
                 if item.status is not ActionStatus.OPEN
                 and (record.id, item.id, item.status) not in self._reviewed]
        if not fresh:
            return []
        changed = apply(fresh, self.record)
        self._reviewed.update((record.id, item.id, item.status) for record, item in fresh)
        self._outbox.extend(changed)
        self._changed()
        return changed

    # -- check-in and check-out: counts of moods 1-5, nobody's own answer -------
    def tally(self) -> Tally | None:
        """The tally the current phase collects (check-in or check-out), if any."""
        return {Phase.OPENING: self.record.checkin,
                Phase.CLOSING: self.record.checkout}.get(self.phase)

    def add_mood(self, mood: int) -> bool:
        """Count one more person feeling ``mood`` (1-5); no more than the seats."""
        tally = self.tally()
        if tally is None or tally.total >= self.record.participants:
            return False
        tally.add(mood)
        self._moods.append((self.phase, mood))
        self._changed()
        return True

    def undo_mood(self) -> bool:
        """Take back the last count of this phase."""
        tally = self.tally()
        for index in range(len(self._moods) - 1, -1, -1):
            phase, mood = self._moods[index]
            if phase is self.phase and tally is not None:
                tally.add(mood, -1)
                del self._moods[index]
                self._changed()
                return True
        return False

    def mood_log(self) -> list[tuple[Phase, int]]:
        """The counts given, in order (for ``u`` to take back the last one)."""
        return list(self._moods)

    def restore_mood_log(self, log: list[tuple[Phase, int]]) -> None:
        self._moods = [(phase, mood) for phase, mood in log if phase in (Phase.OPENING,
                                                                          Phase.CLOSING)]

    # -- language and domains -----------------------------------------------------------
    def set_deck_language(self, deck, lang: str) -> None:
        """A language switch: same deck, same cards, new text; nothing else changes."""
        if deck.id != self.deck.id or [c.id for c in deck.cards] != [c.id for c in self.deck.cards]:
            raise ValueError("a language switch must keep the same deck")
        self.deck = deck
        if self.record.lang != lang:
            self.record.lang = lang
            self._changed()

    def set_domains(self, domains: Iterable[str]) -> None:
        """Draw from these domains only (the next cards)."""
        self.pile.set_domains(list(domains))
        self._changed()
