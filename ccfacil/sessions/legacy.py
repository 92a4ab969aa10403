"""Conflict copies made before schema 2, found again so that reports count them once.

ccfacil before schema 2 kept an incoming session that differed from the saved one
beside it, under ``uuid5(NAMESPACE, "<id>/<sha256 of its content>")`` (again on that id
if it was taken), with nothing saying which session it was a copy of: reports counted
both.  ``link_old_conflicts`` finds such copies among records of schema 1 (migrated:
origin unknown, one revision) that share a site and a start with the session they copy,
and sets their ``conflict_of``, in memory, as they are read: the copy is then a version
of the session, listed by ``ccfacil sessions conflicts`` and counted once.  The next
merge that touches the session stores it as a conflict copy of schema 2.
"""

from __future__ import annotations

from collections.abc import Iterable

from ccfacil.sessions.revisions import CONFLICT_NAMESPACE
from ccfacil.sessions.schema import UNKNOWN_ORIGIN
from ccfacil.sessions.session import SessionRecord

NEW_FIELDS = ("state", "seats", "attendance", "origin", "conflict_of", "discarded", "rev",
              "revisions", "notes_withheld")
DEPTH = 4  # an id taken already: the old code derived again from the derived id


def schema_1_content(record: SessionRecord) -> dict:
    """What ccfacil before schema 2 hashed: its record, without the id."""
    data = {k: v for k, v in record.to_dict().items() if k not in NEW_FIELDS and k != "id"}
    data["schema"] = 1
    data["actions"] = [{k: v for k, v in a.items() if k != "carried_from"}
                       for a in data["actions"]]
    return data


def old_copy_ids(session_id: str, record: SessionRecord) -> list[str]:
    """The ids the old merge could have given ``record`` as a copy of ``session_id``."""
    import hashlib
    import json
    import uuid

    digest = hashlib.sha256(json.dumps(schema_1_content(record), sort_keys=True,
                                       ensure_ascii=False).encode("utf-8")).hexdigest()
    namespace, found, candidate = uuid.UUID(CONFLICT_NAMESPACE), [], session_id
    for _ in range(DEPTH):
        candidate = str(uuid.uuid5(namespace, f"{candidate}/{digest}"))
        found.append(candidate)
    return found


def link_old_conflicts(records: Iterable[SessionRecord]) -> None:
    """Set ``conflict_of`` on the schema-1 conflict copies among ``records`` (in place)."""
    groups: dict[tuple[str, str], list[SessionRecord]] = {}
    for record in records:
        if (record.origin == UNKNOWN_ORIGIN and record.conflict_of is None
                and record.started_at is not None and len(record.revisions) == 1):
            key = (record.site.upper(), record.started_at.isoformat())
            groups.setdefault(key, []).append(record)
    for group in groups.values():
        if len(group) < 2:
            continue
        ids = {record.id for record in group}
        for copy in group:
            for session_id in ids - {copy.id}:
                if copy.id in old_copy_ids(session_id, copy):
                    copy.conflict_of = session_id
                    break
