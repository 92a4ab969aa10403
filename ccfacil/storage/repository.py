"""Saved sessions behind a small interface, and the questions asked of them.

``SessionRepository`` is what the CLI, the app, merging and reports use; ``ccfacil.storage.store.open_store`` is
the one way both open the sessions of a data folder.  The implementation is ``ccfacil.storage.store``
(``SessionStore``: TinyDB's storage layer, on disk through ``ccfacil.storage.journal`` or in
memory); the documents it keeps are in ``ccfacil.storage.docform``'s stored form.

A session is found by its *key*: its id, or ``#<n>`` (its document number) for a stored
document without a usable id.  ``match`` turns what a user typed (a key, or the first 6 or
more characters of an id) into a key.  The domain queries (``recent_card_ids``,
``open_actions``, ``require``, ``unreadable``) are plain functions of a repository: any
implementation answers them alike.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ccfacil.errors import CcfacilError
from ccfacil.storage.errors import _

if TYPE_CHECKING:
    from ccfacil.sessions.session import ActionItem, SessionRecord
    from ccfacil.storage.recovery import RecoveryEvent

MIN_PREFIX = 6


@dataclass(frozen=True)
class Damaged:
    """A stored document that cannot be read as a session: kept as it is until deleted."""

    key: str  # its session id, or "#<document number>" when it has no usable id
    reason: str  # the field and what is wrong with it
    site: str = ""


@runtime_checkable
class SessionRepository(Protocol):
    """Saved sessions.  ``get``, ``find`` and ``delete`` take what ``match`` takes."""

    read_only: bool  # nothing can be saved (a read-only data folder)
    recovery: list[RecoveryEvent]  # what was repaired when it was opened, for the user

    def save(self, record: SessionRecord) -> None:
        """Insert or replace the record (by id); returns once it is stored."""

    def save_many(self, records: Iterable[SessionRecord]) -> None:
        """Insert or replace several records with one durable write."""

    def keys(self) -> Collection[str]:
        """The key of every stored document, readable or not."""

    def get(self, session_id: str) -> SessionRecord | None:
        """The session, or None; a stored document that cannot be read is a one-line
        ``CcfacilError`` saying why."""

    def find(self, session_id: str) -> SessionRecord | Damaged | None:
        """The session, readable or not."""

    def delete(self, session_id: str) -> bool:
        """Delete it (readable or not); False if there is none."""

    def list(self, site: str | None = None) -> list[SessionRecord]:
        """Readable sessions, oldest first by start (never started last); ``site`` in any
        case.  Each call gives new records: changing them changes nothing stored."""

    def damaged(self) -> list[Damaged]:
        """The stored documents that cannot be read as sessions, with the reason why."""

    def close(self) -> None:
        """Release the data folder (compacting its files)."""

    def __enter__(self) -> SessionRepository: ...

    def __exit__(self, *exc_info: object) -> None: ...


# -- finding a session by what the user typed -------------------------------------------

def match(keys: Collection[str], text: str) -> str | None:
    """The key ``text`` names: a key, or the start (6 characters or more) of only one
    id; None if none.  A start shared by several ids is a one-line error."""
    text = text.strip()
    if text in keys:
        return text
    if len(text) < MIN_PREFIX or text.startswith("#"):
        return None
    found = [key for key in keys if key.startswith(text)]
    if len(found) > 1:
        raise CcfacilError(_("'%(prefix)s' matches %(count)d sessions: give more of the id")
                           % {"prefix": text, "count": len(found)})
    return found[0] if found else None


def require(repo: SessionRepository, session_id: str) -> SessionRecord:
    """Like ``get``, but a missing session is a clear one-line error."""
    record = repo.get(session_id)
    if record is None:
        if len(session_id.strip()) < MIN_PREFIX:
            raise CcfacilError(_("no session %(id)s (give at least 6 characters of its id)")
                               % {"id": session_id})
        raise CcfacilError(_("no session %(id)s") % {"id": session_id})
    return record


def unreadable(repo: SessionRepository) -> int:
    """How many stored documents cannot be read as sessions (they are kept as they are)."""
    return len(repo.damaged())


def cannot_read(session_id: str, reason: str) -> CcfacilError:
    return CcfacilError(_("session %(id)s cannot be read: %(reason)s (it is kept as it "
                          "is; 'ccfacil sessions delete %(id)s' removes it)") % {
        "id": session_id, "reason": reason})


# -- what the app asks when a session starts ----------------------------------------------

def recent_card_ids(repo: SessionRepository, site: str, sessions: int = 3) -> set[str]:
    """Cards discussed at this site in its last ``sessions`` sessions held (a conflict
    copy or a session not held is not one of them)."""
    started = [r for r in repo.list(site) if r.started_at is not None
               and r.conflict_of is None and r.counts_as_held]
    recent = started[-sessions:] if sessions > 0 else []
    return {card.card_id for record in recent for card in record.cards}


def open_actions(repo: SessionRepository, site: str, exclude: str | None = None
                 ) -> list[tuple[SessionRecord, ActionItem]]:
    """Open action items of the site's most recent session (but ``exclude``).

    A session cut short by a power cut counts as much as a finished one: its action items
    were decided all the same.  Conflict copies and sessions not held that hold no action
    item are passed over (an empty session must not hide the items of the one before it).
    """
    from ccfacil.sessions.session import ActionStatus

    started = [r for r in repo.list(site) if r.started_at is not None and r.id != exclude
               and r.conflict_of is None and (r.counts_as_held or r.actions)]
    if not started:
        return []
    last = started[-1]  # list() is oldest first
    return [(last, item) for item in last.actions if item.status is ActionStatus.OPEN]


def in_order(records: Iterable[SessionRecord], site: str | None = None
             ) -> list[SessionRecord]:
    """What ``list`` gives: the records of ``site`` (any case; None: all), oldest first by
    start, never started last, conflict copies made before schema 2 linked to their
    session (``ccfacil.sessions.legacy``)."""
    from ccfacil.sessions.legacy import link_old_conflicts

    if site is not None:
        wanted = site.casefold()
        records = [r for r in records if r.site.casefold() == wanted]
    else:
        records = list(records)
    link_old_conflicts(records)
    started = sorted((r for r in records if r.started_at is not None),
                     key=attrgetter("started_at"))
    return started + [r for r in records if r.started_at is None]  # in the order they came
