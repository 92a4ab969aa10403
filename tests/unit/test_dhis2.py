"""DHIS2 payloads and mapping files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from ccfacil.errors import CcfacilError
from ccfacil.export import csvfile, dhis2, report
from ccfacil.export.mapping import INDICATORS, MappingError, load_mapping, parse_mapping
from tests.golden import records

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "dhis2-mapping.example.toml"
SIMPLE = """\
[org_units]
KATI = "OU_KATI"
SEGOU = "OU_SEGOU"
"BAMAKO-CV" = "OU_BKO"

[data_elements]
sessions_held = "DE_SESSIONS"
participants_total = { dataElement = "DE_PEOPLE", categoryOptionCombo = "COC_ALL" }
checkin_mean_x10 = "DE_IN10"
checkin_low = "DE_IN_LOW"
checkin_responses = "DE_IN_N"
"""


def mapping(text: str = SIMPLE, name: str = "map.toml"):
    return parse_mapping(text, Path(name))


def values(payload: dict) -> dict[tuple, str]:
    return {(v["dataElement"], v["period"], v["orgUnit"], v.get("categoryOptionCombo")):
            v["value"] for v in payload["dataValues"]}


def test_example_mapping_is_valid_and_maps_known_indicators():
    found = load_mapping(EXAMPLE)
    assert set(found.indicators) <= set(INDICATORS)
    assert found.org_unit("kati") == "ML_KK_KATI_CSREF"


def test_payload_shape():
    data = dhis2.payload(records.all_records(), mapping())
    assert list(data) == ["dataValues"]
    for row in data["dataValues"]:
        assert set(row) <= {"dataElement", "period", "orgUnit", "categoryOptionCombo",
                            "attributeOptionCombo", "value"}
        assert isinstance(row["value"], str) and row["value"].lstrip("-").isdigit()
        assert len(row["period"]) == 6 and row["period"].isdigit()
    people = [r for r in data["dataValues"] if r["dataElement"] == "DE_PEOPLE"]
    assert all(r["categoryOptionCombo"] == "COC_ALL" for r in people)
    assert all("categoryOptionCombo" not in r for r in data["dataValues"]
               if r["dataElement"] != "DE_PEOPLE")
    assert all("attributeOptionCombo" not in r for r in data["dataValues"])


def test_two_sessions_same_site_and_month_make_one_summed_value():
    found = values(dhis2.payload(records.all_records(), mapping()))
    assert found["DE_SESSIONS", "202603", "OU_KATI", None] == "2"
    assert found["DE_PEOPLE", "202603", "OU_KATI", "COC_ALL"] == "18"
    # the mean of the added-up tallies (not a mean of the two means): 53 / 18 = 2.94 -> 29
    assert found["DE_IN10", "202603", "OU_KATI", None] == "29"
    assert found["DE_IN_N", "202603", "OU_KATI", None] == "18"
    assert found["DE_SESSIONS", "202604", "OU_SEGOU", None] == "1"
    keys = [(v["dataElement"], v["period"], v["orgUnit"], v.get("categoryOptionCombo"),
             v.get("attributeOptionCombo")) for v in
            dhis2.payload(records.all_records(), mapping())["dataValues"]]
    assert len(keys) == len(set(keys))


def test_sites_sharing_an_org_unit_are_added_together():
    shared = SIMPLE.replace('SEGOU = "OU_SEGOU"', 'SEGOU = "OU_KATI"')
    april = dataclasses.replace(records.segou_april(),
                                started_at=dt.datetime(2026, 3, 9, tzinfo=dt.timezone.utc))
    found = values(dhis2.payload([records.kati_march(), records.kati_late_march(), april],
                                 mapping(shared)))
    assert found["DE_SESSIONS", "202603", "OU_KATI", None] == "3"
    assert found["DE_PEOPLE", "202603", "OU_KATI", "COC_ALL"] == "30"


def test_report_or_records():
    built = report.build(records.all_records(), ["kati"], records.START, records.END)
    data = dhis2.payload(built, mapping())
    assert {v["orgUnit"] for v in data["dataValues"]} == {"OU_KATI"}


def test_unmapped_site_is_one_clear_line():
    partial = SIMPLE.replace('SEGOU = "OU_SEGOU"\n', "").replace('"BAMAKO-CV" = "OU_BKO"\n', "")
    with pytest.raises(CcfacilError) as caught:
        dhis2.payload(records.all_records(), mapping(partial, "cfg/map.toml"))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("cfg/map.toml: ") and "BAMAKO-CV, SEGOU" in message
    assert "--skip-unmapped" in message
    data = dhis2.payload(records.all_records(), mapping(partial), skip_unmapped=True)
    assert {v["orgUnit"] for v in data["dataValues"]} == {"OU_KATI"}


def test_min_count_leaves_tally_values_out():
    found = values(dhis2.payload(records.all_records(), mapping(), min_count=3))
    assert ("DE_IN10", "202604", "OU_BKO", None) not in found  # 1:1 2:2 4:1
    assert ("DE_IN_LOW", "202604", "OU_BKO", None) not in found
    assert found["DE_IN_N", "202604", "OU_BKO", None] == "4"
    assert found["DE_SESSIONS", "202604", "OU_BKO", None] == "1"
    assert found["DE_IN10", "202604", "OU_SEGOU", None] == "30"  # 4, 4, 4: nothing hidden


def test_csv_has_dhis2_columns():
    data = dhis2.render(dhis2.payload(records.all_records(), mapping()), "dhis2-csv")
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    rows = csvfile.read(data)
    assert rows[0] == ["dataelement", "period", "orgunit", "catoptcombo", "attroptcombo",
                       "value"]
    assert ["DE_PEOPLE", "202603", "OU_KATI", "COC_ALL", "", "18"] in rows
    as_json = json.loads(dhis2.render(dhis2.payload(records.all_records(), mapping()),
                                      "dhis2-json"))
    assert len(as_json["dataValues"]) == len(rows) - 1


def test_defaults_and_attribute_combo():
    text = SIMPLE + '\n[defaults]\nattributeOptionCombo = "AOC"\ncategoryOptionCombo = "D"\n'
    rows = dhis2.payload(records.all_records(), mapping(text))["dataValues"]
    assert all(r["attributeOptionCombo"] == "AOC" for r in rows)
    assert {r["categoryOptionCombo"] for r in rows} == {"D", "COC_ALL"}


@pytest.mark.parametrize("text, line, words", [
    ("[org_units\nKATI = 'x'\n", 1, "not valid TOML: check the quotes"),
    ("[org_units]\nKATI = 'x'\nKATI = 'y'\n", 3, "a name is given twice"),
    ("[org_units]\nKATI = 'x'\nkati = 'y'\n[data_elements]\nsessions_held = 'a'\n", 3,
     "mapped twice"),
    ("[org_units]\nKATI = 3\n[data_elements]\nsessions_held = 'a'\n", 2, "orgUnit"),
    ("[org_units]\nKATI = 'x'\n\n[data_elements]\nsessions = 'a'\n", 5,
     "unknown indicator sessions"),
    ("[org_units]\nKATI = 'x'\n[data_elements]\nsessions_held = { code = 'a' }\n", 4,
     "unknown key code"),
    ("[org_units]\nKATI = 'x'\n[data_elements]\nsessions_held = 'a'\ncards_discussed = 'a'\n",
     5, "same data element"),
    ("[org_units]\nKATI = 'x'\n[data_elements]\n", 3, "no indicator"),
    ("[data_elements]\nsessions_held = 'a'\n", 1, "no site"),
    ("[org_units]\nKATI = 'x'\n[data_elements]\nsessions_held = 'a'\n[sites]\n", 5,
     "unknown section [sites]"),
    ("[org_units]\nKATI = 'x'\n[data_elements]\nsessions_held = 'a'\n[defaults]\nx = 'y'\n",
     6, "unknown key x"),
    ("org_units = 3\n", 1, "[org_units] must be a table"),
])
def test_mapping_errors_name_file_and_line(text, line, words):
    with pytest.raises(MappingError) as caught:
        mapping(text, "site/map.toml")
    message = str(caught.value)
    assert message.startswith(f"site/map.toml:{line}: "), message
    assert words in message and "\n" not in message


def test_unreadable_mapping_file(tmp_path):
    with pytest.raises(MappingError) as caught:
        load_mapping(tmp_path / "none.toml")
    assert str(caught.value).startswith(f"{tmp_path / 'none.toml'}: ")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[org_units]\nS\xe9gou = "x"\n')
    with pytest.raises(MappingError, match=r"latin1.toml:2: "):
        load_mapping(bad)
