"""Revisions: one record per session on every device, the way CouchDB and PouchDB do it.

Every session record carries a revision id ``rev = "N-<hash>"`` and its history
``revisions`` (the hashes, newest first: ``revisions[0]`` is the hash of ``rev``,
``revisions[i]`` the hash of revision ``N - i``).  The hash is the MD5 of the record's
content as sorted-key JSON, without ``id``, ``rev``, ``revisions`` and ``conflict_of``,
preceded, for every revision but the first, by its parent's revision id and a newline
(``revise``): as in CouchDB, a revision id names one history.  The same change made to
the same revision on two devices gives the same id; the same content reached by two
paths (A changed x then y, B y then x) gives two ids, so that no device takes one for
the other (each would take a different ancestor for superseded, and devices that merged
the same files would keep different versions).  Revisions made before this rule hash
their content alone; they stay as they are (``holds`` knows both).  A record of schema 1
gets ``1-<hash>`` with the hash of its content without free-text notes, so that a
session exported with and without notes by an old ccfacil is one revision.

When a change makes a new revision (``revise``):

- While a session runs in the app and its head revision has never left the device, a
  change *amends* the head: new hash, same ``N``, the unshared hash replaced.  A running
  session autosaves every few seconds; its history stays one revision long.
- A revision is permanent once it may have left the device: when the session ends
  (``SessionRun.finish`` seals it), when it is exported as json from the running session
  (``SessionRun.share``), and for every record that is not running in the app (stored,
  merged, edited by a follow-up or by ``ccfacil sessions resolve``).  The next change to
  it adds revision ``N + 1``.
- Edge cases: a session cut short by a power cut keeps its amended head, which has never
  left the device, and is not resumed, so nothing amends it later; exporting a running
  session as md, txt or csv shares no revision (those files are never merged); a change
  that leaves the content as it was makes no revision.

How ``merge`` uses them (``ccfacil.export.merge``): the versions of a session are the
record under its id and its conflict copies.  An incoming version whose revision is in a
stored version's history (or was discarded by a resolution) changes nothing; one whose
history holds a stored version's revision replaces it (fast-forward); any other is a
conflict: both are kept.  The winner, stored under the session's id, is the version with
the longest history, then the highest hash (CouchDB's rule); every other version is
stored under ``conflict_id(session id, its rev)`` with ``conflict_of`` = the session id.
The result depends only on the set of versions seen, never on their order.

``resolve`` settles a conflict: the version kept gets a child revision whose
``discarded`` list names the other versions' revisions and the part of their history it
does not share.  Merging that child anywhere drops those versions there too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

# Not part of what a revision's hash covers: where the version is stored, the revision
# fields themselves, and what this copy lacks of its revision (``notes_withheld``: a
# copy that came through an export without notes is the same revision, seen without them).
UNHASHED = ("id", "rev", "revisions", "conflict_of", "notes_withheld")
REV = re.compile(r"([1-9][0-9]{0,8})-([0-9a-f]{32})")
HASH = re.compile(r"[0-9a-f]{32}")
# Namespace of the ids conflict copies are stored under (uuid5 of "<session id>/<rev>").
CONFLICT_NAMESPACE = "5b0e6c2e-8f0a-4d3b-9a51-6c1cc0fac11e"


class Revised(Protocol):
    rev: str
    revisions: list[str]
    discarded: list[str]

    def content(self) -> dict[str, Any]: ...


def digest(content: dict[str, Any]) -> str:
    """The hash of a record's content: MD5 of its sorted-key, compact JSON (the hash of a
    first revision)."""
    return _md5(_json(content), None)


def _json(content: dict[str, Any]) -> str:
    import json  # loaded when first needed (hashlib, uuid too): start-up stays quick

    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _md5(text: str, parent: str | None) -> str:
    """The hash of a revision: MD5 of its parent's revision id and a newline (nothing for
    a first revision), then its content as ``_json`` writes it."""
    import hashlib

    if parent is not None:
        text = f"{parent}\n{text}"
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def content_of(data: dict[str, Any]) -> dict[str, Any]:
    """A stored record's content: everything a revision's hash covers."""
    return {k: v for k, v in data.items() if k not in UNHASHED}


def parse(rev: str) -> tuple[int, str]:
    """``"3-<hash>"`` as ``(3, "<hash>")``; ValueError if it is not a revision id."""
    match = REV.fullmatch(rev) if isinstance(rev, str) else None
    if match is None:
        raise ValueError(f"bad revision {rev!r}")
    return int(match.group(1)), match.group(2)


def number(record: Revised) -> int:
    return parse(record.rev)[0]


def history(record: Revised) -> list[str]:
    """The full revision ids of the record's history, newest (its own) first."""
    n = number(record)
    return [f"{n - i}-{h}" for i, h in enumerate(record.revisions)]


def parent(record: Revised) -> str | None:
    """The revision id the record's head revision was made from (None: its first, or a
    history cut short)."""
    n = number(record)
    return f"{n - 1}-{record.revisions[1]}" if n > 1 and len(record.revisions) > 1 else None


def holds(record: Revised) -> bool:
    """Is the record's content what its head revision says?"""
    return _holds(record, _json(record.content()))


def _holds(record: Revised, text: str) -> bool:
    # Hashed with its parent's id, or alone as revisions made before that rule were.
    head = parse(record.rev)[1]
    up = parent(record)
    return head == _md5(text, up) or (up is not None and head == _md5(text, None))


def supersedes(record: Revised, rev: str) -> bool:
    """Is ``rev`` the record's revision, one of its ancestors, or one it discarded?"""
    try:
        n, h = parse(rev)
        mine = number(record)
    except ValueError:
        return False
    i = mine - n
    if 0 <= i < len(record.revisions) and record.revisions[i] == h:
        return True
    return rev in record.discarded


def winner_key(record: Revised) -> tuple[int, str]:
    """CouchDB's rule: the longest history wins, then the highest hash."""
    return parse(record.rev)


def conflict_id(session_id: str, rev: str) -> str:
    """Where a version that lost a conflict is stored: the same on every device."""
    import uuid

    return str(uuid.uuid5(uuid.UUID(CONFLICT_NAMESPACE), f"{session_id}/{rev}"))


def stamp(record: Revised) -> None:
    """Give a record that has none its first revision."""
    if not record.rev:
        h = digest(record.content())
        record.rev, record.revisions = f"1-{h}", [h]


def revise(record: Revised, *, amend: bool = False) -> bool:
    """After a change: a new revision (``amend``: the head's hash replaced); False if the
    content is what the head revision holds already."""
    if not record.rev:
        stamp(record)
        return True
    n = number(record)
    text = _json(record.content())
    if _holds(record, text):
        return False
    if amend:  # the head's hash replaced: the same parent
        h = _md5(text, parent(record))
        record.revisions = [h, *record.revisions[1:]]
        record.rev = f"{n}-{h}"
    else:
        h = _md5(text, record.rev)
        record.revisions = [h, *record.revisions]
        record.rev = f"{n + 1}-{h}"
    return True


def discarding(kept: Revised, others: Iterable[Revised]) -> list[str]:
    """What a resolution keeping ``kept`` discards: everything the other versions
    supersede that ``kept`` does not (their revisions, the part of their history ``kept``
    does not hold, what earlier resolutions on their side discarded), so that an old copy
    of any of it, merged later, is dropped too; with what ``kept`` had discarded before."""
    found = list(kept.discarded)
    for other in others:
        for rev in [*history(other), *other.discarded]:
            if not supersedes(kept, rev) and rev not in found:
                found.append(rev)
    return found


def maximal(versions: Iterable[Revised]) -> list[Revised]:
    """The versions no other one supersedes (one per revision id), winner first."""
    unique: dict[str, Revised] = {}
    for version in versions:
        unique.setdefault(version.rev, version)
    leaves = [v for v in unique.values()
              if not any(o is not v and supersedes(o, v.rev) for o in unique.values())]
    return sorted(leaves, key=winner_key, reverse=True)
