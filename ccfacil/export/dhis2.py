"""DHIS2 dataValueSets payloads: our indicators per site and month, as DHIS2 imports them.

``payload(report_or_records, mapping)`` adds the report's (site, month) cells up per
(orgUnit, period): two sites that share an orgUnit are one facility to DHIS2.  Counts are
summed; means are worked out from the summed tallies (a mean of means would be wrong).
Each (dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo) appears
once, because DHIS2 keeps only the last of duplicates.  Values are strings, periods
``YYYYMM``, codes for an import with ``idScheme=CODE``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable

from ccfacil.errors import CcfacilError
from ccfacil.export import csvfile
from ccfacil.export.mapping import Mapping
from ccfacil.export.report import Cell, Report, build
from ccfacil.export.text import hidden, tally_mean
from ccfacil.i18n.runtime import ngettext
from ccfacil.sessions.session import SessionRecord

CSV_HEADER = ("dataelement", "period", "orgunit", "catoptcombo", "attroptcombo", "value")


class UnmappedSites(CcfacilError):
    """Sites with sessions to report but no orgUnit in the mapping file."""

    def __init__(self, mapping: Mapping, sites: list[str]):
        self.sites = sites
        super().__init__(ngettext(
            "%(path)s: site %(sites)s has no orgUnit under [org_units] (add it, or use "
            "--skip-unmapped)",
            "%(path)s: sites %(sites)s have no orgUnit under [org_units] (add them, or use "
            "--skip-unmapped)", len(sites)) % {"path": mapping.path, "sites": ", ".join(sites)})


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _tally_values(prefix: str, counts: list[int], min_count: int) -> dict[str, int]:
    """``<prefix>_responses``, and unless a count is suppressed ``_low`` and ``_mean_x10``."""
    values = {f"{prefix}_responses": sum(counts)}
    if any(hidden(c, min_count) for c in counts):
        return values
    values[f"{prefix}_low"] = counts[0] + counts[1]
    mean = tally_mean(counts)
    if mean is not None:
        values[f"{prefix}_mean_x10"] = _half_up(mean * 10)
    return values


def indicator_values(cell: Cell, min_count: int = 0) -> dict[str, int]:
    """Every indicator for one (orgUnit, month); suppressed ones are left out."""
    actions = cell.actions
    values = {
        "sessions_held": cell.sessions,
        "sessions_not_held": cell.not_held,
        "participants_total": cell.participants,
        "cards_discussed": cell.cards,
        "minutes_total": _half_up(cell.seconds / 60),
        "actions_decided": actions.decided,
        "actions_opened": actions.opened,
        "actions_carried_in": actions.carried_in,
        "actions_done": actions.done,
        "actions_carried": actions.carried,
        "actions_dropped": actions.dropped,
        "actions_open": actions.open,
    }
    values.update(_tally_values("checkin", cell.checkin, min_count))
    values.update(_tally_values("checkout", cell.checkout, min_count))
    return values


def _report(report_or_records: Report | Iterable[SessionRecord]) -> Report:
    if isinstance(report_or_records, Report):
        return report_or_records
    return build(report_or_records, None, dt.date.min, dt.date.max)


def unmapped(report: Report, mapping: Mapping) -> list[str]:
    """Sites in the report that the mapping has no orgUnit for (sorted)."""
    return sorted({site for site, _y, _m in report.cells if mapping.org_unit(site) is None})


def payload(report_or_records: Report | Iterable[SessionRecord], mapping: Mapping, *,
            min_count: int = 0, skip_unmapped: bool = False) -> dict:
    """``{"dataValues": [...]}`` for the report (or every session of ``records``)."""
    report = _report(report_or_records)
    missing = unmapped(report, mapping)
    if missing and not skip_unmapped:
        raise UnmappedSites(mapping, missing)
    groups: dict[tuple[str, str], Cell] = {}
    for (site, year, month), cell in report.cells.items():
        org_unit = mapping.org_unit(site)
        if org_unit is None:
            continue
        groups.setdefault((f"{year:04d}{month:02d}", org_unit), Cell()).add(cell)
    summed: dict[tuple[str, str, str, str, str], int] = {}
    for (period, org_unit), cell in groups.items():
        for name, value in indicator_values(cell, min_count).items():
            target = mapping.indicators.get(name)
            if target is None:
                continue
            key = (period, org_unit, target.data_element,
                   target.category_option_combo or "", target.attribute_option_combo or "")
            summed[key] = summed.get(key, 0) + value
    rows = []
    for period, org_unit, element, combo, attribute in sorted(summed):
        row = {"dataElement": element, "period": period, "orgUnit": org_unit}
        if combo:
            row["categoryOptionCombo"] = combo
        if attribute:
            row["attributeOptionCombo"] = attribute
        row["value"] = str(summed[period, org_unit, element, combo, attribute])
        rows.append(row)
    return {"dataValues": rows}


def render(data: dict, fmt: str) -> str | bytes:
    """``dhis2-json`` (str) or ``dhis2-csv`` (UTF-8 bytes, DHIS2's CSV import columns)."""
    if fmt == "dhis2-json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "dhis2-csv":
        rows = [CSV_HEADER] + [
            (v["dataElement"], v["period"], v["orgUnit"], v.get("categoryOptionCombo", ""),
             v.get("attributeOptionCombo", ""), v["value"]) for v in data["dataValues"]]
        return csvfile.to_bytes(rows)
    raise ValueError(f"unknown format {fmt!r}")
