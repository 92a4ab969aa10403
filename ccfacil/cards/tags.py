"""The shipped tags for coping strategies and themes (translated when shown).

Stored in records as these English ids, so reports from French and Bambara
sessions add up; custom tags are stored as typed.
"""

from __future__ import annotations

from ccfacil.i18n.runtime import N_, _

STRATEGIES = {
    "music": N_("music"),
    "reading": N_("reading"),
    "walking": N_("walking"),
    "talking": N_("talking it over"),
    "prayer": N_("prayer or faith"),
    "breathing": N_("slow breathing"),
    "rest": N_("rest and sleep"),
    "peer-support": N_("support from colleagues"),
    "family-support": N_("support from family"),
    "humour": N_("laughter and light-heartedness"),
    "tv": N_("watching TV"),
}
THEMES = {
    "workload": N_("workload"),
    "shortages": N_("shortages of staff or supplies"),
    "difficult-birth": N_("difficult birth"),
    "death": N_("death of a mother or newborn"),
    "night-shifts": N_("night shifts"),
    "colleagues": N_("tension with colleagues"),
    "supervisors": N_("blame from supervisors"),
    "clients": N_("tension with clients or families"),
    "money": N_("pay and money worries"),
    "home": N_("home and family"),
    "error": N_("a clinical error"),
    "recognition": N_("recognition and thanks"),
}


def label(tag: str) -> str:
    """A tag in the active language (custom tags as typed)."""
    source = STRATEGIES.get(tag) or THEMES.get(tag)
    return _(source) if source else tag


def shipped(values: list[str], source: dict[str, str]) -> list[str]:
    """Only the shipped tags of ``values`` (custom tags are free text: they may hold names)."""
    return [value for value in values if value in source]
