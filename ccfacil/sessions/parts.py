"""The parts a session record is made of, and the values they hold.

A card discussed (``CardRecord``), an action item (``ActionItem``) with its status, a
correction of the people present (``Attendance``), a check-in or check-out ``Tally``, the
session's ``SessionState``; and the ids and times they hold.  ``ccfacil.sessions.session``
puts them together into a ``SessionRecord`` (and is where they are imported from).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ccfacil.i18n.translation import N_, _
from ccfacil.sessions.schema import SchemaError, count, optional_id

MOODS = (1, 2, 3, 4, 5)



class ActionStatus(str, Enum):
    OPEN = "open"
    DONE = "done"
    CARRIED = "carried"  # carried over to the next session
    DROPPED = "dropped"

    def label(self) -> str:
        """The status in the active language."""
        return _(STATUS_NAMES[self])


STATUS_NAMES = {
    ActionStatus.OPEN: N_("open"),
    ActionStatus.DONE: N_("done"),
    ActionStatus.CARRIED: N_("carried over"),
    ActionStatus.DROPPED: N_("dropped"),
}


class SessionState(str, Enum):
    IN_PROGRESS = "in_progress"
    HELD = "held"  # at least one card discussed or one check-in/check-out count given
    NOT_HELD = "not_held"  # started and left with nothing

    def label(self) -> str:
        return _(STATE_NAMES[self])


STATE_NAMES = {
    SessionState.IN_PROGRESS: N_("in progress"),
    SessionState.HELD: N_("held"),
    SessionState.NOT_HELD: N_("not held"),
}


def new_id() -> str:
    import uuid  # loaded when first needed: start-up stays quick

    return str(uuid.uuid4())


def new_origin() -> str:
    """An anonymous random id for a data folder (32 hex digits)."""
    import uuid

    return uuid.uuid4().hex


def now() -> dt.datetime:
    """The local time, with its UTC offset (records never hold naive times)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _time(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _parse_time(value: Any) -> dt.datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise SchemaError(_("'%(value)s' is not a date and time") % {"value": value}) from exc
    return parsed if parsed.tzinfo else parsed.astimezone()


@dataclass
class Tally:
    """How many people feel 1 (low) to 5 (good): counts only, no individual answers."""

    counts: dict[int, int] = field(default_factory=lambda: {m: 0 for m in MOODS})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> float | None:
        total = self.total
        return sum(m * n for m, n in self.counts.items()) / total if total else None

    def add(self, mood: int, delta: int = 1) -> None:
        if mood not in MOODS:
            raise ValueError(f"mood must be 1 to 5, not {mood}")
        self.counts[mood] = max(0, self.counts.get(mood, 0) + delta)

    def to_dict(self) -> dict[str, int]:
        return {str(m): self.counts.get(m, 0) for m in MOODS}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Tally":
        counts = {m: 0 for m in MOODS}
        for key, value in (data or {}).items():
            mood = int(key)
            if mood not in MOODS or int(value) < 0:
                raise SchemaError(_("a check-in or check-out count cannot be read"))
            counts[mood] = int(value)
        return cls(counts)


@dataclass
class CardRecord:
    """One card discussed: how long, who (by seat number) spoke how long, the note."""

    card_id: str
    domain: str
    started_at: dt.datetime | None = None
    seconds: float = 0.0
    airtime: dict[int, float] = field(default_factory=dict)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "domain": self.domain,
            "started_at": _time(self.started_at),
            "seconds": round(self.seconds, 1),
            "airtime": {str(seat): round(s, 1) for seat, s in sorted(self.airtime.items())},
            "note": self.note,
        }

    def __getattr__(self, name: str) -> Any:
        # Called only for what is not set (``airtime`` has no class default): a card read
        # from the store keeps its air time as it was stored, packed, until it is first
        # asked for (``ccfacil.storage.docform``; reports never ask).
        if name == "airtime":
            packed = self.__dict__.pop("_packed_airtime", None)
            if packed is not None:
                unpack, value = packed
                self.airtime = airtime = unpack(value)
                return airtime
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @classmethod
    def from_dict(cls, data: dict) -> "CardRecord":
        return cls(
            card_id=str(data["card_id"]),
            domain=str(data.get("domain", "")),
            started_at=_parse_time(data.get("started_at")),
            seconds=float(data.get("seconds", 0)),
            airtime={int(k): float(v) for k, v in (data.get("airtime") or {}).items()},
            note=str(data.get("note", "")),
        )


@dataclass
class ActionItem:
    """Something the group will do: what, which role (never a name), by when."""

    what: str
    role: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    id: str = field(default_factory=new_id)
    from_session: str | None = None  # the session it was carried over from
    carried_from: str | None = None  # the action item it carries on from

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "what": self.what,
            "role": self.role,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status.value,
            "from_session": self.from_session,
            "carried_from": self.carried_from,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ActionItem":
        due = data.get("due")
        return cls(
            what=str(data["what"]),
            role=str(data.get("role", "")),
            due=dt.date.fromisoformat(due) if due else None,
            status=ActionStatus(data.get("status", "open")),
            id=str(data.get("id") or new_id()),
            from_session=data.get("from_session"),
            carried_from=optional_id(data.get("carried_from"), "carried_from"),
        )


@dataclass
class Attendance:
    """A correction of the people present during the session (someone came or left)."""

    at: dt.datetime
    participants: int

    def to_dict(self) -> dict[str, Any]:
        return {"at": _time(self.at), "participants": self.participants}

    @classmethod
    def from_dict(cls, data: dict) -> "Attendance":
        at = _parse_time(data["at"])
        if at is None:
            raise SchemaError("attendance: no time")
        return cls(at, count(data["participants"], "attendance participants"))
