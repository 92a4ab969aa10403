"""Sessions changed on two devices: list them, and settle one by keeping one version.

``delete`` removes one record and places the versions left again.

A conflict is a session with more than one version here (``ccfacil.export.merge``): the
record under its id, which reports count, and conflict copies (``conflict_of`` = its id).
``resolve`` keeps one version: it gets a child revision that discards the others (and
the part of their history it does not share), saved under the session's id; the copies
are dropped.  Exporting the session then settles it on every device that merges the file,
whatever it holds: ``merge`` drops versions a resolution discarded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from ccfacil.errors import CcfacilError
from ccfacil.export.merge import place
from ccfacil.i18n.runtime import _
from ccfacil.sessions import revisions
from ccfacil.sessions.revisions import UNHASHED
from ccfacil.sessions.session import SessionRecord
from ccfacil.storage.repository import SessionRepository, require


@dataclass
class Conflict:
    session_id: str
    versions: list[SessionRecord]  # winner (the one reports count) first

    @property
    def winner(self) -> SessionRecord:
        return self.versions[0]

    def differences(self) -> list[str]:
        """The fields (top level) in which the versions differ."""
        found = [version.content() for version in self.versions]
        keys = sorted(set().union(*found) - set(UNHASHED) - {"discarded"})
        return [key for key in keys if any(f.get(key) != found[0].get(key) for f in found)]


def find(records: Iterable[SessionRecord]) -> list[Conflict]:
    """Every session with more than one version, oldest first by start."""
    groups: dict[str, list[SessionRecord]] = {}
    for record in records:
        groups.setdefault(record.session_id, []).append(record)
    found = []
    for session_id, versions in groups.items():
        kept = revisions.maximal(versions)
        if len(kept) > 1:
            found.append(Conflict(session_id, kept))
    found.sort(key=lambda c: (c.winner.started_at is None,
                              c.winner.started_at.isoformat() if c.winner.started_at else "",
                              c.session_id))
    return found


def choose(conflict: Conflict, keep: str) -> SessionRecord:
    """The version whose revision is ``keep`` (or starts with it, if only one does)."""
    keep = keep.strip()
    exact = [v for v in conflict.versions if v.rev == keep]
    matches = exact or [v for v in conflict.versions if keep and v.rev.startswith(keep)]
    if len(matches) == 1:
        return matches[0]
    revs = ", ".join(v.rev for v in conflict.versions)
    if matches:
        raise CcfacilError(_("'%(rev)s' matches %(count)d versions: give more of it (%(revs)s)")
                           % {"rev": keep, "count": len(matches), "revs": revs})
    raise CcfacilError(_("session %(id)s has no version %(rev)s (its versions: %(revs)s)")
                       % {"id": conflict.session_id, "rev": keep, "revs": revs})


def settle(conflict: Conflict, kept: SessionRecord) -> SessionRecord:
    """The resolution: a child of ``kept`` that discards every other version."""
    others = [v for v in conflict.versions if v.rev != kept.rev]
    child = dataclasses.replace(kept, id=conflict.session_id, conflict_of=None,
                                discarded=revisions.discarding(kept, others),
                                revisions=list(kept.revisions))
    revisions.revise(child)
    return child


def conflict_of(store: SessionRepository, session_id: str) -> Conflict:
    """The conflict of the session with this id or prefix (or of a copy's id)."""
    record = require(store, session_id)
    versions = [r for r in store.list() if r.session_id == record.session_id]
    for conflict in find(versions):
        return conflict
    raise CcfacilError(_("session %(id)s has no conflict: nothing to resolve")
                       % {"id": record.session_id})


def resolve(store: SessionRepository, session_id: str, keep: str
            ) -> tuple[SessionRecord, SessionRecord, list[SessionRecord]]:
    """Keep one version of a session in conflict: ``(the record saved, the version kept,
    the versions discarded)``."""
    conflict = conflict_of(store, session_id)
    kept = choose(conflict, keep)
    store.get(conflict.session_id)  # its id holds what this version cannot read: one line
    child = settle(conflict, kept)
    stored = [r for r in store.list() if r.session_id == conflict.session_id]
    placed = place(conflict.session_id, [child])
    store.save_many(placed.values())
    for record in stored:
        if record.id not in placed:
            store.delete(record.id)
    dropped = [v for v in conflict.versions if v.rev != kept.rev]
    return placed[conflict.session_id], kept, dropped


def delete(store: SessionRepository, record: SessionRecord) -> bool:
    """Delete one saved record; if it was a version of a session in conflict, the versions
    left are placed again, so that the session is still counted (its winner under its
    id).  Unlike ``resolve``, nothing is discarded: merging it again brings it back."""
    if not store.delete(record.id):
        return False
    left = [r for r in store.list() if r.session_id == record.session_id]
    if left:
        placed = place(record.session_id, left)
        store.save_many(placed.values())
        for version in left:
            if version.id not in placed:
                store.delete(version.id)
    return True
