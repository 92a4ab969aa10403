"""Bring json exports from other devices into this data folder, without losing anything.

Sessions are matched by their id and compared by revision (``ccfacil.sessions.revisions``).  The
versions of a session are the record under its id and its conflict copies; an incoming
record (a conflict copy too: it is a version of the session it copies) is one of:

- ``new``: no version of the session is here: saved as it is;
- ``same``: this revision is here already: nothing to do;
- ``older``: a version here descends from it, or a resolution discarded it: nothing to do
  (a round trip A -> B -> A brings the original back: it is not a second copy);
- ``updated``: it descends from the version here: it replaces it (fast-forward);
- ``conflict``: an edit made apart from the version here (two devices changed the same
  session), or a record whose content is not what its revision says (edited by hand):
  both are kept.  The winner (the longer history, then the higher hash) is
  stored under the session's id; the other under ``conflict_id(session id, its rev)``,
  with ``conflict_of`` = the session's id.  Reports count the session once.

The versions kept are those no other version supersedes, whatever the order the files
come in, so every device that merged the same files ends with the same records.

Free text: an export made without ``--include-notes`` leaves it out.  A record merged
from it is marked ``notes_withheld``, and its blanks are never taken for deletions: when it
replaces a version here, the text the version here had is kept; when an export brings
the text it lacks, it is filled in (``ccfacil.export.freetext``).  A record with its whole
text replaces the text here too: a note deleted on one device is deleted everywhere.

``Merger(store).plan(records)`` decides without writing (testable on
``SessionStore.in_memory()``); ``Merger.apply(plan)`` saves.  One ``Merger`` across files
also sees what earlier files of the same run brought.  A stored document this version
cannot read is never replaced: the versions of its session are all kept beside it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ccfacil.errors import CcfacilError
from ccfacil.export import freetext
from ccfacil.export.bundle import redact_data
from ccfacil.sessions import revisions
from ccfacil.sessions.revisions import conflict_id
from ccfacil.sessions.session import SessionRecord
from ccfacil.storage.repository import SessionRepository, unreadable

__all__ = ["Merger", "Outcome", "Plan", "Step", "collect", "conflict_id", "merge", "place"]


class Outcome(str, Enum):
    NEW = "new"
    SAME = "same"
    OLDER = "older"
    UPDATED = "updated"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Step:
    outcome: Outcome
    record: SessionRecord  # the incoming version, under its session's id
    incoming_id: str  # the id it had in the file


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    saves: dict[str, SessionRecord] = field(default_factory=dict)  # id -> record to save
    deletes: set[str] = field(default_factory=set)  # conflict copies no longer needed

    @property
    def counts(self) -> Counter:
        counts = Counter({outcome: 0 for outcome in Outcome})
        counts.update(step.outcome for step in self.steps)
        return counts

    @property
    def to_save(self) -> list[SessionRecord]:
        return list(self.saves.values())

    @property
    def to_delete(self) -> list[str]:
        return sorted(self.deletes)

    @property
    def conflicts(self) -> list[Step]:
        return [s for s in self.steps if s.outcome is Outcome.CONFLICT]


def _without_notes(record: SessionRecord) -> dict:
    """A record's content as an export without notes holds it."""
    return redact_data(record.content())


def _relabelled(record: SessionRecord) -> SessionRecord:
    """A record whose content is not what its revision says (edited by hand, damaged):
    the revision of its own content, in place of the one it claims."""
    copy = dataclasses.replace(record, revisions=list(record.revisions))
    revisions.revise(copy, amend=True)
    return copy


def integrate(versions: list[SessionRecord], incoming: SessionRecord, *,
              notes_included: bool) -> tuple[Outcome, list[SessionRecord]]:
    """The outcome of one incoming version, and the versions kept after it."""
    if not notes_included:  # it lacks the text of its revision
        incoming = freetext.withheld(incoming)
    same = next((v for v in versions if v.rev == incoming.rev), None)
    if same is not None and same != incoming and (
            _without_notes(same) != _without_notes(incoming)):
        relabelled = _relabelled(incoming)
        if relabelled.rev != incoming.rev:
            incoming = relabelled
        else:  # the incoming one is what its revision says: the one here is not
            versions = [_relabelled(v) if v is same else v for v in versions]
    for i, version in enumerate(versions):
        if version.rev == incoming.rev:
            if version.notes_withheld:
                filled = freetext.completed(version, incoming)
            else:  # a copy merged without notes before they were marked: filled in too
                filled = freetext.with_notes(version, incoming) if notes_included else None
            if filled is None:
                return Outcome.SAME, versions
            return Outcome.SAME, freetext.filled_by_kin(
                [*versions[:i], filled, *versions[i + 1:]])
    if any(revisions.supersedes(v, incoming.rev) for v in versions):
        return Outcome.OLDER, versions
    replaced = [v for v in versions if revisions.supersedes(incoming, v.rev)]
    incoming = freetext.kept_text(incoming, replaced)
    kept = freetext.filled_by_kin([v for v in versions if v not in replaced] + [incoming])
    if not versions:
        return Outcome.NEW, kept
    return (Outcome.CONFLICT if len(kept) > 1 else Outcome.UPDATED), kept


def place(session_id: str, versions: Iterable[SessionRecord], *, winner: bool = True
          ) -> dict[str, SessionRecord]:
    """Where each version is stored: the winner under the session's id (unless
    ``winner`` is False: that id is taken), every other one as a conflict copy."""
    placed: dict[str, SessionRecord] = {}
    for n, version in enumerate(sorted(versions, key=revisions.winner_key, reverse=True)):
        if n == 0 and winner:
            placed[session_id] = dataclasses.replace(version, id=session_id, conflict_of=None)
        else:
            copy_id = conflict_id(session_id, version.rev)
            placed[copy_id] = dataclasses.replace(version, id=copy_id, conflict_of=session_id)
    return placed


class Merger:
    """Plans and applies merges into one store, remembering what it has planned."""

    def __init__(self, store: SessionRepository):
        self.store = store
        self.stored: dict[str, dict[str, SessionRecord]] = {}  # session id -> id -> record
        for record in store.list():
            self.stored.setdefault(record.session_id, {})[record.id] = record
        self._unreadable = unreadable(store) > 0

    def _taken(self, session_id: str) -> bool:
        """An id held by a stored document this version cannot read (kept, never replaced)."""
        if not self._unreadable:
            return False
        try:
            self.store.get(session_id)
        except CcfacilError:
            return True
        return False

    def versions(self, session_id: str) -> list[SessionRecord]:
        """The versions of a session held here (planned ones included), winner first."""
        return sorted(self.stored.get(session_id, {}).values(), key=revisions.winner_key,
                      reverse=True)

    def plan(self, records: Iterable[SessionRecord], *, notes_included: bool = True) -> Plan:
        plan = Plan()
        for record in records:
            revisions.stamp(record)  # a record made in code, never saved: its first revision
            session_id = record.session_id
            incoming = dataclasses.replace(record, id=session_id, conflict_of=None)
            current = self.versions(session_id)
            outcome, kept = integrate(current, incoming, notes_included=notes_included)
            taken = self._taken(session_id)
            if outcome is Outcome.NEW and taken:
                outcome = Outcome.CONFLICT
            plan.steps.append(Step(outcome, incoming, record.id))
            if kept is current:  # same or older: nothing changes
                continue
            before = self.stored.get(session_id, {})
            after = place(session_id, kept, winner=not taken)
            for copy_id, placed in after.items():
                if before.get(copy_id) != placed:
                    plan.saves[copy_id] = placed
                    plan.deletes.discard(copy_id)
            for copy_id in before.keys() - after.keys():
                plan.deletes.add(copy_id)
                plan.saves.pop(copy_id, None)
            self.stored[session_id] = after
        return plan

    def apply(self, plan: Plan) -> int:
        """Save (in one batch) and drop what the plan says; how many records were saved."""
        records = plan.to_save
        self.store.save_many(records)
        for copy_id in plan.to_delete:
            self.store.delete(copy_id)
        return len(records)


def merge(store: SessionRepository, records: Iterable[SessionRecord], *,
          notes_included: bool = True) -> Plan:
    """Plan and apply in one go."""
    merger = Merger(store)
    plan = merger.plan(records, notes_included=notes_included)
    merger.apply(plan)
    return plan


def collect(paths: Sequence[Path], *, recursive: bool = False
            ) -> tuple[list[Path], list[Path], list[Path]]:
    """``(files, empty folders, missing paths)``: the files named and the ``.json`` files in
    the folders named (sorted; each file once), folders without any, paths not there."""
    files: list[Path] = []
    empty: list[Path] = []
    missing: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = path.rglob("*") if recursive else path.iterdir()
            inside = sorted(p for p in found if p.suffix.lower() == ".json" and p.is_file()
                            and not p.name.startswith("."))
            files += inside
            if not inside:
                empty.append(path)
        elif path.exists():
            files.append(path)
        else:
            missing.append(path)
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, empty, missing
