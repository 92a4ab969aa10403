"""Golden files: every format in en, fr and bm, from the fixed sessions of
``tests/golden/records.py``.  ``CCFACIL_UPDATE_GOLDEN=1`` rewrites them instead of comparing
(after a translation or a deliberate change of layout: review the diff)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from ccfacil.cards.deck import localized
from ccfacil.cards.library import DeckLibrary
from ccfacil.export import bundle, formats, report, reporttext, summary
from ccfacil.export.formats import Options
from ccfacil.export.mapping import load_mapping
from ccfacil.i18n import runtime as i18n
from tests.golden import records

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
MAPPING = Path(__file__).resolve().parents[2] / "docs" / "dhis2-mapping.example.toml"
LANGS = ("en", "fr", "bm")
UPDATE = os.environ.get("CCFACIL_UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(bundle, "now", lambda: dt.datetime(2026, 5, 2, 8, 30,
                                                            tzinfo=dt.timezone.utc))
    monkeypatch.setattr(bundle, "app_version", lambda: "0.0.0-golden")


def decks() -> dict:
    library = DeckLibrary.default()
    return {d: localized(library.load(d)) for d in ("courage", "error")}


def check(name: str, data: str | bytes) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(raw)
        return
    assert path.exists(), f"missing {path}: run with CCFACIL_UPDATE_GOLDEN=1"
    expected = path.read_bytes()
    if raw != expected:  # a readable diff for text
        assert raw.decode("utf-8") == expected.decode("utf-8"), name
        assert raw == expected, name


def session_outputs() -> dict[str, str | bytes]:
    found = decks()
    rich, small = records.kati_march(), records.bamako_small()
    outputs = {f"session.{{lang}}{f.suffix}": f.session(rich, Options(deck=found["courage"]))
               for f in formats.for_sessions()}
    for fmt in ("md", "txt", "json", "html"):
        outputs[f"session-notes.{{lang}}.{fmt}"] = formats.render_session(
            fmt, rich, Options(include_notes=True, deck=found["courage"]))
    outputs["session-min-count.{lang}.md"] = summary.render(small, "md", min_count=3,
                                                            deck=found["error"])
    outputs["session-min-count.{lang}.html"] = formats.render_session(
        "html", small, Options(min_count=3, deck=found["error"]))
    outputs["session-unknown-deck.{lang}.txt"] = summary.render(rich, "txt")
    return outputs


def report_outputs() -> dict[str, str | bytes]:
    built = report.build(records.all_records(), None, records.START, records.END)
    outputs = {f"report.{{lang}}{f.suffix}": f.report(built, Options(decks=decks()))
               for f in formats.for_reports() if not f.required}
    outputs["report-min-count.{lang}.md"] = reporttext.render(built, "md", min_count=3,
                                                          decks=decks())
    outputs["report-min-count.{lang}.html"] = formats.render_report(
        "html", built, Options(min_count=3, decks=decks()))
    kati = report.build(records.all_records(), ["kati"], records.START, records.END)
    outputs["report-kati.{lang}.txt"] = reporttext.render(kati, "txt", decks=decks())
    mapping = load_mapping(MAPPING)
    for found in formats.for_reports():
        if found.required:  # dhis2-json -> dhis2.{lang}.json
            outputs[f"{found.name.replace('-', '.{lang}.')}"] = found.report(
                built, Options(mapping=mapping))
    return outputs


@pytest.mark.parametrize("lang", LANGS)
def test_session_goldens(lang):
    i18n.set_language(lang)
    for name, data in session_outputs().items():
        check(name.format(lang=lang), data)


@pytest.mark.parametrize("lang", LANGS)
def test_report_goldens(lang):
    i18n.set_language(lang)
    for name, data in report_outputs().items():
        check(name.format(lang=lang), data)


def test_every_golden_file_is_produced():
    """No stale golden file is left behind when an output is renamed."""
    expected = {name.format(lang=lang) for lang in LANGS
                for name in (*session_outputs(), *report_outputs())}
    found = {p.name for p in GOLDEN.iterdir()
             if p.is_file() and p.suffix in {f.suffix for f in formats.FORMATS.values()}}
    assert found == expected


def test_goldens_differ_by_language_where_words_are():
    md = {lang: (GOLDEN / f"report.{lang}.md").read_text(encoding="utf-8") for lang in LANGS}
    assert "March 2026" in md["en"] and "mars 2026" in md["fr"] and "marisi 2026" in md["bm"]
    payloads = {(GOLDEN / f"dhis2.{lang}.json").read_bytes() for lang in LANGS}
    assert len(payloads) == 1  # codes and numbers only: the same in every language
