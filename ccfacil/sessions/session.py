"""The anonymous session record: what a Club Courage session leaves behind.

Plain dataclasses; converted to and from JSON-ready dicts only at the storage
edge (``to_dict`` / ``from_dict``).  There is no field for anybody's name:
seats are numbers, people responsible for an action are roles.
Every record carries ``schema``; ``migrate`` brings older records up to date.

Schema 2 (issue 9) adds the session's ``state`` (held, not held, in progress), the people
present (``participants``, confirmed at the start and corrected in ``attendance``) beside
the ``seats`` shown, a CouchDB-style revision (``rev``, ``revisions``, ``discarded``; see
``ccfacil.sessions.revisions``), the anonymous ``origin`` of the data folder that created it,
``conflict_of`` for a conflict copy, and ``carried_from`` on action items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ccfacil.i18n.translation import _
from ccfacil.sessions import revisions
from ccfacil.sessions.parts import (  # noqa: F401  (re-exported: records are built from here)
    MOODS,
    STATE_NAMES,
    STATUS_NAMES,
    ActionItem,
    ActionStatus,
    Attendance,
    CardRecord,
    SessionState,
    Tally,
    _parse_time,
    _time,
    new_id,
    new_origin,
    now,
)
from ccfacil.sessions.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    UNKNOWN_ORIGIN,
    SchemaError,
    count,
    hex32,
    listed,
    migrate,
    optional_id,
    rev,
)

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "UNKNOWN_ORIGIN", "SchemaError", "migrate"]


@dataclass
class SessionRecord:
    site: str
    deck: str
    lang: str
    participants: int  # people present (what reports add up)
    id: str = field(default_factory=new_id)
    schema: int = SCHEMA_VERSION
    facilitator: str = ""  # a code such as "F07", never a name
    planned_start: dt.datetime | None = None
    planned_minutes: int = 60
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    cards: list[CardRecord] = field(default_factory=list)
    checkin: Tally = field(default_factory=Tally)
    checkout: Tally = field(default_factory=Tally)
    strategies: list[str] = field(default_factory=list)  # coping strategies raised (tags)
    themes: list[str] = field(default_factory=list)  # themes raised (tags)
    actions: list[ActionItem] = field(default_factory=list)
    notes: str = ""  # general note for the session
    state: SessionState | None = None  # None: held if anything was discussed (settle)
    seats: int | None = None  # seats shown on screen; None: as many as participants
    attendance: list[Attendance] = field(default_factory=list)
    origin: str = UNKNOWN_ORIGIN  # the data folder that created it (anonymous)
    conflict_of: str | None = None  # set on a conflict copy: the session it is a copy of
    discarded: list[str] = field(default_factory=list)  # revisions a resolution discarded
    rev: str = ""  # "N-<hash>"; a record made in code gets "1-<hash>" of its content
    revisions: list[str] = field(default_factory=list)  # hashes, newest first
    # This copy lacks free text: it came through an export without notes at this
    # revision ("N-<hash>"), and lacks the text that revision (and the ones before) had;
    # None: its free text is whole.  Carried by its later revisions and by exports with
    # notes, so that a device that has the text fills it in instead of losing it
    # (``ccfacil.export.merge``).  Not hashed: it is not part of the revision.
    notes_withheld: str | None = None

    # Seconds each seat spoke in the opening check-in and closing check-out rounds
    # ({"opening": {seat: seconds}, "closing": {...}}); cards keep their own.
    round_airtime: dict[str, dict[int, float]] = field(default_factory=dict)
    # Where a running session stands (phase, card, reveal, turn...), saved as it runs so
    # that it can be resumed after a power cut; None once it has ended. See ccfacil.sessions.resume.
    resume: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.state is None:
            self.settle()
        if self.seats is None:
            self.seats = self.participants
        if not self.rev:  # made in code, not read from storage: its first revision
            revisions.stamp(self)

    # -- what the session holds ------------------------------------------------------
    @property
    def has_content(self) -> bool:
        """Was it held: at least one card discussed or one check-in/check-out count?"""
        return bool(self.cards) or self.checkin.total > 0 or self.checkout.total > 0

    @property
    def is_empty(self) -> bool:
        """Nothing at all was recorded (quitting offers to discard it)."""
        return not (self.has_content or self.actions or self.notes.strip()
                    or self.strategies or self.themes)

    @property
    def counts_as_held(self) -> bool:
        """Was it held?  What it holds says so (a session cut short, still in progress,
        counts as much as a finished one), whatever its ``state`` was when it was made."""
        return self.has_content or self.state is SessionState.HELD

    @property
    def session_id(self) -> str:
        """The session this record is a version of (a conflict copy: the one it copies)."""
        return self.conflict_of or self.id

    def settle(self) -> None:
        """Held or not held, from what was recorded (when the session ends)."""
        self.state = SessionState.HELD if self.has_content else SessionState.NOT_HELD

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.ended_at:
            return max(0.0, (self.ended_at - self.started_at).total_seconds())
        return None

    def airtime(self) -> dict[int, float]:
        """Seconds each seat spoke over the whole session: opening, cards, closing."""
        total: dict[int, float] = {}
        spoken = [card.airtime for card in self.cards] + list(self.round_airtime.values())
        for airtime in spoken:
            for seat, seconds in airtime.items():
                total[seat] = total.get(seat, 0.0) + seconds
        return dict(sorted(total.items()))

    # -- the storage edge ---------------------------------------------------------------
    def content(self) -> dict[str, Any]:
        """What a revision's hash covers (``ccfacil.sessions.revisions``)."""
        return revisions.content_of(self._fields())

    def _fields(self) -> dict[str, Any]:
        # Built by hand: dataclasses.asdict deep-copies everything first (twice the cost).
        return {
            "site": self.site,
            "deck": self.deck,
            "lang": self.lang,
            "participants": self.participants,
            "id": self.id,
            "schema": self.schema,
            "facilitator": self.facilitator,
            "planned_start": _time(self.planned_start),
            "planned_minutes": self.planned_minutes,
            "started_at": _time(self.started_at),
            "ended_at": _time(self.ended_at),
            "cards": [c.to_dict() for c in self.cards],
            "checkin": self.checkin.to_dict(),
            "checkout": self.checkout.to_dict(),
            "strategies": list(self.strategies),
            "themes": list(self.themes),
            "actions": [a.to_dict() for a in self.actions],
            "notes": self.notes,
            "state": self.state.value,
            "seats": self.seats,
            "attendance": [a.to_dict() for a in self.attendance],
            "origin": self.origin,
            "conflict_of": self.conflict_of,
            "discarded": list(self.discarded),
            "rev": self.rev,
            "revisions": list(self.revisions),
            # Optional fields: written only when they hold something (older readers and
            # exports of sessions without them stay as they were).
            **({"round_airtime": {name: {str(seat): round(s, 1) for seat, s in
                                         sorted(seats.items())}
                                  for name, seats in sorted(self.round_airtime.items())}}
               if self.round_airtime else {}),
            **({"resume": self.resume} if self.resume is not None else {}),
            **({"notes_withheld": self.notes_withheld} if self.notes_withheld else {}),
        }

    def to_dict(self) -> dict[str, Any]:
        return self._fields()

    @classmethod
    def from_dict(cls, data: dict) -> "SessionRecord":
        data = migrate(data)
        try:
            record = cls(
                id=str(data["id"]),
                schema=SCHEMA_VERSION,
                site=str(data["site"]),
                facilitator=str(data.get("facilitator") or ""),
                deck=str(data["deck"]),
                lang=str(data["lang"]),
                participants=count(data["participants"], "participants"),
                planned_start=_parse_time(data.get("planned_start")),
                planned_minutes=int(data.get("planned_minutes", 60)),
                started_at=_parse_time(data.get("started_at")),
                ended_at=_parse_time(data.get("ended_at")),
                cards=[CardRecord.from_dict(c) for c in data.get("cards") or []],
                checkin=Tally.from_dict(data.get("checkin")),
                checkout=Tally.from_dict(data.get("checkout")),
                strategies=[str(s) for s in data.get("strategies") or []],
                themes=[str(s) for s in data.get("themes") or []],
                actions=[ActionItem.from_dict(a) for a in data.get("actions") or []],
                notes=str(data.get("notes") or ""),
                state=_state(data.get("state")),
                seats=count(data["seats"], "seats") if data.get("seats") is not None
                else None,
                attendance=[Attendance.from_dict(a) for a in listed(data, "attendance")],
                origin=hex32(data.get("origin"), "origin"),
                conflict_of=optional_id(data.get("conflict_of"), "conflict_of"),
                discarded=[rev(r) for r in listed(data, "discarded")],
                rev=rev(data.get("rev")),
                revisions=[hex32(h, "revisions") for h in listed(data, "revisions")],
                round_airtime={str(name): {int(k): float(v) for k, v in seats.items()}
                               for name, seats in (data.get("round_airtime") or {}).items()},
                resume=dict(data["resume"]) if isinstance(data.get("resume"), dict) else None,
                notes_withheld=rev(data["notes_withheld"]) if data.get("notes_withheld")
                else None,
            )
        except SchemaError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            from ccfacil.i18n.errtext import reason

            raise SchemaError(_("not a session record: %(reason)s") % {
                "reason": reason(exc)}) from exc
        number, head = revisions.parse(record.rev)
        if not record.revisions or record.revisions[0] != head or len(record.revisions) > number:
            raise SchemaError(f"revisions do not match rev {record.rev}")
        return record


def marks(record: SessionRecord) -> list[str]:
    """What sets a session apart in a list: not held (or in progress), a conflict copy,
    its free text not here (merged from an export without notes)."""
    found = []
    if record.started_at is not None and record.state is not SessionState.HELD:
        found.append(record.state.label())
    if record.conflict_of:
        found.append(_("conflict copy of %(id)s") % {"id": record.conflict_of[:8]})
    if record.notes_withheld:
        found.append(_("notes not here"))
    return found


def _state(value: Any) -> SessionState:
    try:
        return SessionState(value)
    except ValueError:
        raise SchemaError(f"state: {value!r} is not in_progress, held or not_held") from None
