"""The registry of output formats, and the HTML pages (session and report) it adds."""

from __future__ import annotations

import html
import re

import pytest
from click.testing import CliRunner

from ccfacil.cards.deck import localized
from ccfacil.cards.library import DeckLibrary
from ccfacil.cli import cli
from ccfacil.commands import export as export_command
from ccfacil.export import formats, report, svgchart
from ccfacil.export.formats import Options
from ccfacil.export.reporttext import Words
from ccfacil.i18n import runtime as i18n
from ccfacil.sessions.session import ActionItem
from ccfacil.storage.store import SessionStore
from tests.golden import records

KATI = records.kati_march().id


def run(*args):
    return CliRunner().invoke(cli, ["--lang", "en", *map(str, args)])


def decks() -> dict:
    library = DeckLibrary.default()
    return {d: localized(library.load(d)) for d in ("courage", "error")}


@pytest.fixture
def saved(hermetic):
    with SessionStore.open(hermetic) as store:
        store.save_many(records.all_records())
    return hermetic


def self_contained(page: str) -> None:
    """Opens offline, runs nothing: no script, no handler, nothing fetched from anywhere."""
    for tag in re.findall(r"<[a-zA-Z][^>]*>", page):
        name = tag[1:].split()[0].rstrip(">/").lower()
        assert name not in ("script", "link", "img", "iframe", "object", "embed"), tag
        assert not re.search(r"\s(src|href|on[a-z]+)\s*=", tag, re.I), tag
    lowered = page.lower()
    assert "@import" not in lowered and "javascript:" not in lowered
    assert re.findall(r"url\((?!#)", lowered) == []  # only the page's own patterns


# The registry -------------------------------------------------------------------------

def test_the_cli_offers_exactly_the_registry():
    session = next(p for p in export_command.export_session.params if p.name == "fmt_")
    reports = next(p for p in export_command.report_command.params if p.name == "fmt_")
    assert tuple(session.type.choices) == formats.names(formats.for_sessions())
    assert tuple(reports.type.choices) == formats.names(formats.for_reports())
    assert "html" in session.type.choices and "html" in reports.type.choices
    assert "dhis2-json" not in session.type.choices


def test_each_format_is_complete():
    for found in formats.FORMATS.values():
        assert found.suffix.startswith(".") and found.technical
        assert found.session or found.report
        assert found.required <= found.options
        assert set(found.options) <= set(formats.OPTION_FLAGS)
    # The app offers every format that renders a session and its month's report without
    # options: the shipped five first, in this order; a format added later joins them.
    assert formats.names(formats.in_app())[:5] == ("md", "txt", "csv", "json", "html")
    assert not {"dhis2-json", "dhis2-csv"} & set(formats.names(formats.in_app()))


@pytest.mark.parametrize("lang", ["fr", "bm"])
def test_labels_are_translated_and_plain(lang):
    i18n.set_language(lang)
    for found in formats.FORMATS.values():
        assert i18n._(found.label) != found.label, (lang, found.label)
        assert found.technical not in i18n._(found.label)  # the name goes in small print


def test_render_refuses_options_a_format_does_not_take():
    built = report.build(records.all_records(), None, records.START, records.END)
    with pytest.raises(ValueError):
        formats.render_report("json", built, Options(min_count=3))
    with pytest.raises(ValueError):
        formats.render_report("dhis2-json", built)  # no mapping
    with pytest.raises(ValueError):
        formats.render_session("dhis2-csv", records.kati_march())
    with pytest.raises(ValueError):
        formats.get("pdf")


@pytest.mark.parametrize("args, message", [
    (("report", "--from", "2026-03", "--to", "2026-04", "--format", "md", "--mapping",
      "m.toml"), "--mapping does not apply to --format md"),
    (("report", "--from", "2026-03", "--to", "2026-04", "--format", "html",
      "--skip-unmapped"), "--skip-unmapped does not apply to --format html"),
    (("export", "session", KATI, "--format", "json", "--min-count", "3"),
     "--min-count does not apply to --format json (json is the complete record"),
    (("report", "--from", "2026-03", "--to", "2026-04", "--format", "dhis2-csv"),
     "--format dhis2-csv needs --mapping FILE"),
])
def test_options_a_format_does_not_take_are_one_line_exit_2(saved, args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


# HTML from the command line -------------------------------------------------------------

def test_export_session_html_to_stdout_in_the_chosen_language(saved):
    result = run("export", "session", KATI[:8], "--format", "html", "--lang", "bm")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and '<html lang="bm">' in page
    assert "Séance calme" not in page and "Respirer avant la garde" not in page
    assert "Afficher le planning des gardes" not in html.unescape(page)  # free text
    self_contained(page)
    notes = run("export", "session", KATI[:8], "--format", "html", "--lang", "bm",
                "--include-notes").stdout
    assert "Afficher le planning des gardes, côté ŋ" in html.unescape(notes)


def test_report_html_to_a_file(saved, tmp_path):
    out = tmp_path / "rapport.html"
    result = run("report", "--from", "2026-01", "--to", "2026-12", "--format", "html",
                 "--lang", "fr", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == str(out)
    page = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Rapport Club Courage" in page
    assert page.count("<svg") == page.count("</figure>") >= 7  # a chart per figure
    assert page.count("<svg") == page.count("<table") - 2  # facts, cards: tables alone
    self_contained(page)


def test_report_html_has_the_markdown_figures(saved):
    i18n.set_language("fr")
    built = report.build(records.all_records(), None, records.START, records.END)
    found = decks()
    page = html.unescape(formats.render_report("html", built, Options(decks=found)))
    words = Words(built, found, 0)
    for label, value in words.summary_rows():
        assert f"<th scope=\"row\">{label}</th><td>{value}</td>" in page
    for row in words.top_cards() + words.domains():
        assert "".join(f">{cell}</td>" for cell in row[-1:]) in page and row[0] in page
    for label, count in words.action_rows():
        assert f"<td>{label}</td><td class=\"n\">{count}</td>" in page
    assert words.tallies.change_text() in page


def test_notes_and_text_from_another_device_are_escaped(hermetic):
    record = records.kati_march()
    record.notes = "<script>alert('x')</script>"
    record.actions.append(ActionItem("<img src=x onerror=alert(1)>", role="</td><b>"))
    record.strategies = ["<svg onload=alert(1)>"]
    page = formats.render_session("html", record, Options(include_notes=True))
    assert "<script>" not in page and "<img" not in page and "<svg onload" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    self_contained(page)


def test_a_hidden_count_gets_no_bar():
    chart = svgchart.bars("t", "moods", ["1", "2"], [
        svgchart.Series("in", [None, 5], ["<3", "5"])])
    assert chart.count("<rect") == 1 and "&lt;3" in chart
    assert svgchart.bars("t", "none", [], []) == ""


def test_min_count_hides_small_counts_in_the_html_report():
    built = report.build([records.bamako_small()], None, records.START, records.END)
    page = formats.render_report("html", built, Options(min_count=3))
    small = records.bamako_small()
    hidden = [n for n in small.checkin.counts.values() if 0 < n < 3]
    assert hidden, "the fixture has small counts"
    assert "&lt;3" in page and "suppressed" in page
    assert 'class="n">1</td>' not in page.split("Check-in and check-out")[1].split("</table>")[0]
