"""The stored form of a session record: its schema version, the migrations that bring
older records up to date, and the checks of single stored values.

Plain dicts only (no dataclass here): ``ccfacil.sessions.session`` builds records from what
``migrate`` returns.  Every problem is a ``SchemaError`` with one line saying what.
"""

from __future__ import annotations

from typing import Any

from ccfacil.i18n.translation import _
from ccfacil.sessions import revisions

SCHEMA_VERSION = 2
UNKNOWN_ORIGIN = "0" * 32  # records of schema 1 do not say where they were created


class SchemaError(ValueError):
    """A stored record that cannot be read as a session."""


def count(value: Any, name: str) -> int:
    """A number of people or seats: a whole number, 1 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SchemaError(f"{name}: not a whole number of people ({value!r})")
    return value


def listed(data: dict, name: str) -> list:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise SchemaError(f"{name}: not a list")
    return value


def hex32(value: Any, name: str) -> str:
    if not isinstance(value, str) or not revisions.HASH.fullmatch(value):
        raise SchemaError(f"{name}: {value!r} is not 32 lowercase hex digits")
    return value


def rev(value: Any) -> str:
    try:
        revisions.parse(value)
    except ValueError:
        raise SchemaError(f"rev: {value!r} is not N-<32 hex digits>") from None
    return value


def optional_id(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise SchemaError(f"{name}: not a session or item id ({value!r})")
    return value


# -- migrations: each step takes a record of version N and returns version N + 1 -------

def _v1_to_v2(data: dict) -> dict:
    """People present were the seats: the best we know.  Held if a card was discussed or
    a mood counted.  The first revision's hash leaves free-text notes out, so that a
    session exported by an old ccfacil with and without notes is one revision."""
    cards = data.get("cards") or []
    private = {**data, "notes": "", "cards": [
        {**card, "note": ""} if isinstance(card, dict) else card for card in cards]}
    h = revisions.digest(revisions.content_of(private))
    counted = any(isinstance(t, dict) and any(v not in (0, "0") for v in t.values())
                  for t in (data.get("checkin"), data.get("checkout")))
    data.update(
        state="held" if cards or counted else "not_held",
        seats=data.get("participants"), attendance=[], origin=UNKNOWN_ORIGIN,
        conflict_of=None, discarded=[], rev=f"1-{h}", revisions=[h])
    data["actions"] = [{**a, "carried_from": None} if isinstance(a, dict) else a
                       for a in data.get("actions") or []]
    return data


MIGRATIONS: dict[int, Any] = {1: _v1_to_v2}


def migrate(data: dict) -> dict:
    """Bring a stored record up to ``SCHEMA_VERSION`` (refuse records from the future)."""
    if not isinstance(data, dict):
        raise SchemaError(_("not a session record"))
    version = data.get("schema", 1)
    if not isinstance(version, int) or version < 1:
        raise SchemaError(_("its version (%(version)s) cannot be read") % {
            "version": version})
    if version > SCHEMA_VERSION:
        raise SchemaError(
            _("record written by a newer ccfacil (version %(version)s; this one reads "
              "%(supported)s): update ccfacil") % {"version": version,
                                                    "supported": SCHEMA_VERSION})
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](dict(data))
        version += 1
        data["schema"] = version
    return data
