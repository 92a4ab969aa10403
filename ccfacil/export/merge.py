"""Bring json exports from other devices into this data folder, without losing anything.

Each incoming session, matched by its id, is one of:

- ``new``: no session has its id: saved as it is;
- ``same``: a saved session has its id and the same content: nothing to do;
- ``conflict``: a saved session has its id but other content: both are kept.  The
  incoming one is saved under a new id derived from its own id and its content
  (``conflict_id``), so merging the same file again finds it ``same``; nothing is ever
  overwritten.

An export made without ``--include-notes`` has its free text left out (notes, custom tags,
the text of action items); such a session is ``same`` as a saved one that differs only by
that text.

``Merger(store).plan(records)`` decides without writing (testable on
``SessionStore.in_memory()``); ``Merger.apply(plan)`` saves.  One ``Merger`` across files
also sees what earlier files of the same run brought.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from ccfacil.errors import CcfacilError
from ccfacil.export.bundle import redact_data
from ccfacil.session import SessionRecord
from ccfacil.store import SessionStore

# Namespace of the ids given to the incoming side of a conflict (uuid5 of "<id>/<sha256>").
CONFLICT_NAMESPACE = uuid.UUID("5b0e6c2e-8f0a-4d3b-9a51-6c1cc0fac11e")


class Outcome(str, Enum):
    NEW = "new"
    SAME = "same"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Step:
    outcome: Outcome
    record: SessionRecord  # as saved (a conflict: under its new id)
    incoming_id: str  # the id it had in the file


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        counts = Counter({outcome: 0 for outcome in Outcome})
        counts.update(step.outcome for step in self.steps)
        return counts

    @property
    def to_save(self) -> list[SessionRecord]:
        return [s.record for s in self.steps if s.outcome is not Outcome.SAME]

    @property
    def conflicts(self) -> list[Step]:
        return [s for s in self.steps if s.outcome is Outcome.CONFLICT]


def content(data: dict[str, Any], *, notes: bool = True) -> dict[str, Any]:
    """A stored session's content: everything but its id (and, if ``notes`` is False, its
    free text: what an export without notes leaves out, ``bundle.redact_data``)."""
    found = {k: v for k, v in data.items() if k != "id"}
    return found if notes else redact_data(found)


def conflict_id(session_id: str, data: dict[str, Any]) -> str:
    """The id the incoming side of a conflict is saved under: the same for the same input."""
    digest = hashlib.sha256(json.dumps(content(data), sort_keys=True, ensure_ascii=False)
                            .encode("utf-8")).hexdigest()
    return str(uuid.uuid5(CONFLICT_NAMESPACE, f"{session_id}/{digest}"))


class Merger:
    """Plans and applies merges into one store, remembering what it has planned."""

    def __init__(self, store: SessionStore):
        self.store = store
        # id -> the saved (or planned) session; turned into a dict only when compared
        self.known: dict[str, SessionRecord | dict[str, Any]] = {r.id: r for r in store.list()}
        self._unreadable = store.unreadable() > 0

    def _stored(self, session_id: str) -> dict[str, Any] | None:
        found = self.known.get(session_id)
        if isinstance(found, SessionRecord):
            found = self.known[session_id] = found.to_dict()
        return found

    def _taken(self, session_id: str) -> bool:
        """An id held by a stored document this version cannot read (kept, never replaced)."""
        if not self._unreadable:
            return False
        try:
            self.store.get(session_id)
        except CcfacilError:
            return True
        return False

    def plan(self, records: Iterable[SessionRecord], *, notes_included: bool = True) -> Plan:
        plan = Plan()
        for record in records:
            if record.id not in self.known and not self._taken(record.id):
                self.known[record.id] = record  # the common case: nothing to compare
                plan.steps.append(Step(Outcome.NEW, record, record.id))
                continue
            data = record.to_dict()
            incoming = content(data, notes=notes_included)
            candidate = record.id
            while True:
                stored = self._stored(candidate)
                if stored is None and not self._taken(candidate):
                    saved = dataclasses.replace(record, id=candidate)
                    self.known[candidate] = {**data, "id": candidate}
                    plan.steps.append(Step(Outcome.CONFLICT, saved, record.id))
                    break
                if stored is not None and content(stored, notes=notes_included) == incoming:
                    plan.steps.append(Step(Outcome.SAME, record, record.id))
                    break
                candidate = conflict_id(candidate, data)
        return plan

    def apply(self, plan: Plan) -> int:
        """Save what the plan brings (in one batch when the store can); how many saved."""
        records = plan.to_save
        save_many = getattr(self.store, "save_many", None)
        if save_many is not None:
            save_many(records)
        else:
            for record in records:
                self.store.save(record)
        return len(records)


def merge(store: SessionStore, records: Iterable[SessionRecord], *,
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
