"""The DHIS2 mapping file (TOML): our sites and indicators to DHIS2 codes.

```toml
[org_units]                       # site code (any case) = orgUnit code
KATI = "ML_KATI_CSREF"

[data_elements]                   # indicator = dataElement code, or a table
sessions_held = "CC_SESSIONS_HELD"
participants_total = { dataElement = "CC_PARTICIPANTS", categoryOptionCombo = "..." }

[defaults]                        # optional, for every indicator that does not say
attributeOptionCombo = "..."
```

Every problem is one line, ``PATH:LINE: message``, as ``ccfacil decks check`` does.
See ``docs/DHIS2.md`` and ``docs/dhis2-mapping.example.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ccfacil.errors import CcfacilError
from ccfacil.export.report import site_key
from ccfacil.i18n import errtext
from ccfacil.i18n.runtime import _

# Our indicators, in the order payloads list them (see docs/DHIS2.md for their meaning).
INDICATORS = (
    "sessions_held", "sessions_not_held", "participants_total", "cards_discussed",
    "minutes_total", "actions_decided", "actions_opened", "actions_carried_in",
    "actions_done", "actions_carried", "actions_dropped", "actions_open",
    "checkin_responses", "checkout_responses", "checkin_low", "checkout_low",
    "checkin_mean_x10", "checkout_mean_x10",
)
SECTIONS = ("org_units", "data_elements", "defaults")
COMBOS = ("categoryOptionCombo", "attributeOptionCombo")
TARGET_KEYS = ("dataElement", *COMBOS)


class MappingError(CcfacilError):
    """A mapping file that cannot be used; the message is ``PATH:LINE: problem``."""


@dataclass(frozen=True)
class Target:
    data_element: str
    category_option_combo: str | None = None
    attribute_option_combo: str | None = None


@dataclass
class Mapping:
    path: Path
    org_units: dict[str, str] = field(default_factory=dict)  # site_key(site) -> orgUnit
    indicators: dict[str, Target] = field(default_factory=dict)

    def org_unit(self, site: str) -> str | None:
        return self.org_units.get(site_key(site))


def _key_pattern(key: str) -> re.Pattern:
    quoted = re.escape(key)
    return re.compile(rf"""^\s*(?:{quoted}|"{quoted}"|'{quoted}')\s*=""")


def line_of(text: str, section: str | None, key: str | None = None) -> int:
    """The line where ``key`` is set in ``[section]``, else the line of ``[section]`` (or of
    ``section = ...`` at the top), else 1."""
    current = None
    header_line = top_line = None
    pattern = _key_pattern(key) if key is not None else None
    top_pattern = _key_pattern(section) if section is not None else None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
        if header and not stripped.startswith("[["):
            current = header.group(1).strip("\"'")
            if current == section and header_line is None:
                header_line = number
            continue
        if current is None and top_pattern is not None and top_pattern.match(line):
            top_line = top_line or number
        if pattern is not None and current == section and pattern.match(line):
            return number
    return header_line or top_line or 1


class _Reader:
    def __init__(self, path: Path, text: str):
        self.path, self.text = path, text

    def fail(self, message: str, section: str | None = None, key: str | None = None):
        raise MappingError(f"{self.path}:{line_of(self.text, section, key)}: {message}")

    def code(self, value: object, section: str, key: str, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(_("%(what)s for %(key)s must be a code in quotes") % {
                "what": what, "key": key}, section, key)
        return value.strip()

    def table(self, data: dict, name: str) -> dict:
        value = data.get(name, {})
        if not isinstance(value, dict):
            self.fail(_("[%(section)s] must be a table") % {"section": name}, name)
        return value


def parse_mapping(text: str, path: Path) -> Mapping:
    reader = _Reader(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason, line = errtext.toml_reason(exc)
        raise MappingError(f"{path}:{line or 1}: {reason}") from exc
    except RecursionError:
        raise MappingError(f"{path}: " + _("nested too deeply")) from None
    for name in data:
        if name not in SECTIONS:
            reader.fail(_("unknown section [%(name)s] (expected: %(known)s)") % {
                "name": name, "known": ", ".join(SECTIONS)}, name)
    mapping = Mapping(path)
    for site, code in reader.table(data, "org_units").items():
        key = site_key(site)
        if key in mapping.org_units:
            reader.fail(_("site %(site)s is mapped twice (site codes ignore case)")
                        % {"site": site}, "org_units", site)
        mapping.org_units[key] = reader.code(code, "org_units", site, "orgUnit")
    defaults = reader.table(data, "defaults")
    for key, value in defaults.items():
        if key not in COMBOS:
            reader.fail(_("unknown key %(key)s in [defaults] (expected: %(known)s)") % {
                "key": key, "known": ", ".join(COMBOS)}, "defaults", key)
        reader.code(value, "defaults", key, key)
    used: dict[Target, str] = {}
    for name, value in reader.table(data, "data_elements").items():
        if name not in INDICATORS:
            reader.fail(_("unknown indicator %(name)s (known: %(known)s)") % {
                "name": name, "known": ", ".join(INDICATORS)}, "data_elements", name)
        if isinstance(value, dict):
            for key in value:
                if key not in TARGET_KEYS:
                    reader.fail(_("unknown key %(key)s for %(name)s (expected: %(known)s)") % {
                        "key": key, "name": name, "known": ", ".join(TARGET_KEYS)},
                        "data_elements", name)
            combos = {k: reader.code(value[k], "data_elements", name, k)
                      for k in COMBOS if k in value}
            element = reader.code(value.get("dataElement"), "data_elements", name,
                                  "dataElement")
        else:
            combos = {}
            element = reader.code(value, "data_elements", name, "dataElement")
        target = Target(element,
                        combos.get("categoryOptionCombo", defaults.get("categoryOptionCombo")),
                        combos.get("attributeOptionCombo", defaults.get("attributeOptionCombo")))
        if target in used:
            reader.fail(_("%(name)s goes to the same data element and combos as %(other)s")
                        % {"name": name, "other": used[target]}, "data_elements", name)
        used[target] = name
        mapping.indicators[name] = target
    if not mapping.indicators:
        reader.fail(_("no indicator is mapped: add some under [data_elements]"),
                    "data_elements")
    if not mapping.org_units:
        reader.fail(_("no site is mapped: add some under [org_units]"), "org_units")
    return mapping


def load_mapping(path: Path) -> Mapping:
    from ccfacil.inputs import InputError, read_capped

    path = Path(path)
    try:
        raw = read_capped(path, 4 << 20)
    except InputError as exc:
        raise MappingError(_("%(path)s: cannot read the mapping file: %(reason)s") % {
            "path": path, "reason": exc}) from None
    except OSError as exc:
        raise MappingError(_("%(path)s: cannot read the mapping file: %(reason)s") % {
            "path": path, "reason": errtext.reason(exc)}) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise MappingError(f"{path}:{line}: " + _("not UTF-8 text")) from exc
    return parse_mapping(text, path)
