"""``ccfacil export session``, ``ccfacil report`` and ``ccfacil merge`` through CliRunner."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.export import csvfile
from ccfacil.i18n import runtime as i18n
from ccfacil.storage.store import SessionStore
from tests.golden import records

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "dhis2-mapping.example.toml"
KATI = records.kati_march().id


def run(*args):
    return CliRunner().invoke(cli, ["--lang", "en", *map(str, args)])


def one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ccfacil: error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def saved(hermetic):
    with SessionStore.open(hermetic) as store:
        for record in records.all_records():
            store.save(record)
    return hermetic


# export session ----------------------------------------------------------------------------

def test_export_session_md_to_stdout_by_prefix(saved):
    result = run("export", "session", KATI[:8])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Club Courage session, KATI\n")
    assert "| Deck | Club Courage |" in result.stdout
    assert "Séance calme" not in result.stdout and result.stderr == ""


def test_export_session_notes_and_json(saved):
    result = run("export", "session", KATI, "--include-notes", "--format", "json")
    data = json.loads(result.stdout)
    assert data["sessions"][0]["notes"].startswith("Séance calme")
    private = json.loads(run("export", "session", KATI, "--format", "json").stdout)
    assert private["sessions"][0]["notes"] == "" and private["notes_included"] is False


def test_export_session_lang_overrides_the_output_only(saved):
    result = run("export", "session", KATI, "--lang", "fr", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert "5 mars 2026" in result.stdout and "Prendre soin de soi" in result.stdout
    assert len(result.stdout) < 1000
    assert i18n.current_language() == "en"
    missing = run("export", "session", "ffffffff", "--lang", "fr")
    assert one_line_error(missing, 1) == "ccfacil: error: no session ffffffff"


def test_export_session_csv_to_a_file(saved, tmp_path):
    out = tmp_path / "kati.csv"
    result = run("export", "session", KATI, "--format", "csv", "--lang", "bm", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr.strip() == str(out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert ["ɲɔgɔn dɛmɛ"] not in csvfile.read(raw)  # a custom tag is free text
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    result = run("export", "session", KATI, "--format", "csv", "--lang", "bm", "--out", out,
                 "--include-notes")
    assert result.exit_code == 0, result.output
    assert ["ɲɔgɔn dɛmɛ"] in csvfile.read(out.read_bytes())
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("args, code, words", [
    (("export", "session", "abc"), 1, "at least 6 characters"),
    (("export", "session", KATI, "--format", "pdf"), 2, "'pdf' is not one of"),
    (("export", "session", KATI, "--lang", "xx"), 2, "no language 'xx'"),
    (("export", "session", KATI, "--format", "json", "--min-count", "3"), 2,
     "--min-count does not apply"),
    (("export", "session", KATI, "--min-count", "-1"), 2, "--min-count"),
    (("export", "session", KATI, "--out", "/nonexistent/dir/x.md"), 1, "cannot write"),
])
def test_export_session_errors(saved, args, code, words):
    assert words in one_line_error(run(*args), code)


def test_export_session_min_count(saved):
    result = run("export", "session", records.bamako_small().id, "--min-count", "3",
                 "--format", "txt")
    assert "Check-in: 1:<3 2:<3 3:0 4:<3 5:0 (mean suppressed)" in result.stdout


# report ------------------------------------------------------------------------------------

def test_report_months_and_sites(saved):
    result = run("report", "--from", "2026-03", "--to", "2026-03", "--site", "kati",
                 "--format", "txt")
    assert result.exit_code == 0, result.output
    assert "Sessions held: 2" in result.stdout and "Participants: 18" in result.stdout
    assert "March 2026  sessions" in result.stdout and "#" in result.stdout
    both = run("report", "--from", "2026-03-01", "--to", "2026-04-30", "--site", "KATI",
               "--site", "segou", "--format", "json")
    assert json.loads(both.stdout)["report"]["sessions"] == 3


def test_report_in_french_to_a_file(saved, tmp_path):
    out = tmp_path / "mars.md"
    result = run("report", "--from", "2026-03", "--to", "2026-04", "--lang", "fr", "--out", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "1 mars 2026 – 30 avril 2026" in text and "Prendre soin de soi" in text


def test_report_with_no_sessions_says_so(saved):
    result = run("report", "--from", "2020-01", "--to", "2020-01")
    assert result.exit_code == 0 and "no sessions in this period" in result.stderr


@pytest.mark.parametrize("args, words", [
    (("--from", "2026-04", "--to", "2026-03"), "empty range: --from 2026-04-01 is after --to "
                                               "2026-03-31"),
    (("--from", "2026-3", "--to", "2026-03"), "'2026-3' is not a date"),
    (("--from", "05/03/2026", "--to", "2026-03"), "is not a date"),
    (("--from", "2026-02-30", "--to", "2026-03"), "is not a date"),
    (("--to", "2026-03"), "Missing option '--from'"),
    (("--from", "2026-03", "--to", "2026-03", "--format", "dhis2-json"), "needs --mapping"),
])
def test_report_usage_errors(saved, args, words):
    assert words in one_line_error(run("report", *args), 2)


def test_report_dhis2(saved, tmp_path):
    result = run("report", "--from", "2026-03", "--to", "2026-04", "--format", "dhis2-json",
                 "--mapping", EXAMPLE)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["dataValues"]
    assert {"dataElement": "CC_SESSIONS_HELD", "period": "202603",
            "orgUnit": "ML_KK_KATI_CSREF", "value": "2"} in rows
    csv_out = tmp_path / "d.csv"
    result = run("report", "--from", "2026-03", "--to", "2026-04", "--format", "dhis2-csv",
                 "--mapping", EXAMPLE, "--out", csv_out)
    assert csvfile.read(csv_out.read_bytes())[0][0] == "dataelement"


def test_report_dhis2_unmapped_and_bad_mapping(saved, tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text('[org_units]\nKATI = "OU_K"\n[data_elements]\nsessions_held = "S"\n')
    args = ("report", "--from", "2026-03", "--to", "2026-04", "--format", "dhis2-json",
            "--mapping", mapping)
    line = one_line_error(run(*args), 1)
    assert str(mapping) in line and "BAMAKO-CV, SEGOU" in line
    skipped = run(*args, "--skip-unmapped")
    assert skipped.exit_code == 0
    assert "sites BAMAKO-CV, SEGOU left out" in skipped.stderr
    assert {r["orgUnit"] for r in json.loads(skipped.stdout)["dataValues"]} == {"OU_K"}
    mapping.write_text('[org_units]\nKATI = "OU_K"\n[data_elements]\nsessions = "S"\n')
    assert f"{mapping}:4: unknown indicator sessions" in one_line_error(run(*args), 1)


# merge -------------------------------------------------------------------------------------

def exports_of_three_devices(folder: Path) -> list[Path]:
    """Three devices' exports, made with the CLI in their own data folders (under
    ``folder``'s parent, beside it: ``--recursive`` must not find their files)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number, chunk in enumerate(([records.kati_march(), records.kati_late_march(),
                                     records.kati_empty()],
                                    [records.segou_april()], [records.bamako_small()])):
        device = folder.parent / f"{folder.name}-device{number}"
        with SessionStore.open(device) as store:
            for record in chunk:
                store.save(record)
        out = folder / f"device{number}.json"
        result = CliRunner().invoke(cli, ["--lang", "en", "--data-dir", str(device), "report",
                                          "--from", "2026-01", "--to", "2026-12",
                                          "--format", "json", "--out", str(out)])
        assert result.exit_code == 0, result.output
        made.append(out)
    return made


def test_merge_three_devices_then_report_matches(hermetic, tmp_path):
    usb = tmp_path / "usb"
    exports_of_three_devices(usb)
    result = run("merge", usb)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "Merged 3 files: 5 new, 0 updated, 0 already present, 0 conflicts")
    again = run("merge", *sorted(usb.iterdir()))
    assert again.stdout.splitlines()[-1] == (
        "Merged 3 files: 0 new, 0 updated, 5 already present, 0 conflicts")
    merged = run("report", "--from", "2026-03", "--to", "2026-04", "--format", "csv").stdout
    direct_folder = tmp_path / "direct"
    with SessionStore.open(direct_folder) as store:
        for record in records.all_records():
            store.save(record)
    direct = CliRunner().invoke(cli, ["--lang", "en", "--data-dir", str(direct_folder),
                                      "report", "--from", "2026-03", "--to", "2026-04",
                                      "--format", "csv"]).stdout
    assert merged == direct


def test_merge_refuses_bad_files_and_goes_on(hermetic, tmp_path):
    usb = tmp_path / "usb"
    good = exports_of_three_devices(usb)[0]
    (usb / "broken.json").write_text("{not json")
    (usb / "deck.json").write_text('{"id": "courage"}')
    future = json.loads(good.read_text(encoding="utf-8"))
    future["version"] = 3
    (usb / "future.json").write_text(json.dumps(future))
    result = run("merge", usb, tmp_path / "missing")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert f"{tmp_path / 'missing'}: no such file or folder" in errors
    assert any(e.startswith(f"{usb / 'broken.json'}: not valid JSON") for e in errors)
    assert any(e.startswith(f"{usb / 'deck.json'}: not a ccfacil export") for e in errors)
    assert any(e.startswith(f"{usb / 'future.json'}: written by a newer ccfacil") for e in errors)
    assert len(errors) == 4
    assert result.stdout.splitlines()[-1] == (
        "Merged 3 files: 5 new, 0 updated, 0 already present, 0 conflicts")


def test_a_file_edited_by_hand_is_kept_beside(hermetic, tmp_path):
    """Its content is not what its revision says: not taken for the revision here."""
    usb = tmp_path / "usb"
    first = exports_of_three_devices(usb)[0]
    assert run("merge", first).exit_code == 0
    changed = json.loads(first.read_text(encoding="utf-8"))
    changed["sessions"][0]["participants"] = 11
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(changed), encoding="utf-8")
    result = run("merge", edited)
    assert result.exit_code == 0
    assert f"{edited}: 0 new, 0 updated, 2 already present, 1 conflict" in result.stdout
    assert f"session {KATI} was changed on two devices: both versions kept" in result.stdout
    with SessionStore.open(hermetic) as store:
        kept = [r for r in store.list() if r.started_at == records.kati_march().started_at]
    assert sorted(r.participants for r in kept) == [10, 11]
    assert run("merge", edited).stdout.splitlines()[0].endswith(
        "0 new, 0 updated, 3 already present, 0 conflicts")


def test_merge_dry_run_and_recursive(hermetic, tmp_path):
    usb = tmp_path / "usb"
    exports_of_three_devices(usb / "inner")
    for device in usb.glob("inner-device*"):
        shutil.move(device, tmp_path)
    flat = run("merge", usb)
    assert flat.exit_code == 0 and "no .json files in" in flat.stderr
    dry = run("merge", "--recursive", "--dry-run", usb)
    assert dry.stdout.splitlines()[-1] == (
        "Dry run, nothing saved: 3 files: 5 new, 0 updated, 0 already present, 0 conflicts")
    with SessionStore.open(hermetic) as store:
        assert store.list() == []
    assert run("merge", "--recursive", usb).exit_code == 0
    with SessionStore.open(hermetic) as store:
        assert len(store.list()) == 5
