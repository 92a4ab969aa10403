"""Session summaries: content, privacy, ``min_count``, the phone-sized txt, CSV files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccfacil.cards import cardname
from ccfacil.cards.deck import localized
from ccfacil.cards.library import DeckLibrary
from ccfacil.export import bundle, csvfile, formats, summary
from ccfacil.export.text import csv_number, fit
from ccfacil.i18n import runtime as i18n
from ccfacil.sessions.session import ActionItem, CardRecord, SessionRecord
from tests.golden import records

NOTES = ("Respirer avant la garde", "ɲɔgɔn dɛmɛ, \"toujours\"", "Séance calme",
         "Deux nouvelles collègues")


def courage():
    return localized(DeckLibrary.default().load("courage"))


@pytest.mark.parametrize("fmt", formats.names(formats.for_sessions()))
def test_no_free_text_without_include_notes(fmt):
    data = formats.render_session(fmt, records.kati_march(), formats.Options(deck=courage()))
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    for note in NOTES:
        assert note not in text
    # Action items keep their due date and status; their text (what, who) is free text.
    for free in ("Demander une salle de repos", "sage-femme maîtresse", "ɲɔgɔn dɛmɛ"):
        assert free not in text
    assert "breathing" in text or "slow breathing" in text  # shipped tags stay


@pytest.mark.parametrize("fmt", formats.names(formats.for_sessions()))
def test_notes_with_include_notes(fmt):
    data = formats.render_session(fmt, records.kati_march(),
                                  formats.Options(include_notes=True, deck=courage()))
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    if fmt == "json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    for note in ("Respirer avant la garde", "ɲɔgɔn dɛmɛ", "Séance calme"):
        assert note in text


def test_json_is_the_complete_versioned_record():
    record = records.kati_march()
    data = json.loads(summary.render(record, "json", include_notes=True))
    assert (data["format"], data["version"], data["kind"]) == ("ccfacil-export", 2, "session")
    assert data["notes_included"] is True and data["app_version"] and data["exported_at"]
    assert data["sessions"] == [record.to_dict()]
    private = json.loads(summary.render(record, "json"))
    assert private["notes_included"] is False
    assert private["sessions"] == [bundle.redact(record).to_dict()]
    assert [(a["id"], a["due"], a["status"], a["what"], a["role"])
            for a in private["sessions"][0]["actions"]] == [
        (a["id"], a["due"], a["status"], "", "") for a in record.to_dict()["actions"]]
    assert private["sessions"][0]["strategies"] == ["breathing", "peer-support"]


def test_json_refuses_min_count():
    with pytest.raises(ValueError):
        summary.render(records.kati_march(), "json", min_count=3)


def test_min_count_hides_small_counts_and_what_reveals_them():
    small = records.bamako_small()  # check-in 1:1 2:2 4:1, check-out 3:2 4:2
    text = summary.render(small, "txt", min_count=3)
    assert "Check-in: 1:<3 2:<3 3:0 4:<3 5:0 (mean suppressed)" in text
    assert "Change of mean: suppressed" in text
    shown = summary.render(small, "txt")
    assert "Check-in: 1:1 2:2 3:0 4:1 5:0 (mean 2.2)" in shown
    rows = csvfile.read(summary.render(small, "csv", min_count=2))
    assert ["Check-in", "<2", "2", "0", "<2", "0", "suppressed"] in rows


def test_content_in_french():
    i18n.set_language("fr")
    deck = courage()
    text = summary.render(records.kati_march(), "md", deck=deck)
    question = cardname.shorten(deck.card("self-01").question)
    for expected in ("5 mars 2026", "| Site | KATI |", "Club Courage", "Prendre soin de soi",
                     "1 h 05 min", f"| {question} | Prendre soin de soi | 7 |", "10,2", "+0,7",
                     "2 avril 2026"):
        assert expected in text, expected


@pytest.mark.parametrize("lang", ["fr", "bm"])
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_people_read_card_questions_machines_read_ids(lang, fmt):
    i18n.set_language(lang)
    deck = courage()
    record = records.kati_march()
    text = summary.render(record, fmt, deck=deck)
    for done in record.cards:
        assert done.card_id not in text
        assert cardname.shorten(deck.card(done.card_id).question)[:20] in text
    for machine in ("csv", "json"):
        data = summary.render(record, machine, deck=deck)
        data = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        assert all(done.card_id in data for done in record.cards)


def test_a_long_question_is_cut_at_a_word():
    text = "Que comprennent vos enfants de vos absences la nuit ? Comment le leur expliquez-vous ?"
    short = cardname.shorten(text, 40)
    assert len(short) <= 40 and short.endswith("…") and short[:-1] in text
    assert not short[:-1].endswith(" ") and text.startswith(short[:-1])
    assert cardname.shorten("Court ?", 40) == "Court ?"


def test_unknown_deck_falls_back_to_ids():
    record = dataclasses.replace(records.kati_march(), deck="gone")
    text = summary.render(record, "md")
    assert "| Deck | gone |" in text and "| self-01 | self | 7 |" in text


def test_markdown_table_cells_are_escaped():
    record = records.kati_march()
    record.actions = [ActionItem("a | b\nc", role="r|s")]
    text = summary.render(record, "md", include_notes=True)
    assert "| a \\| b c | r\\|s |" in text


def test_csv_keeps_bambara_letters_and_reads_back():
    i18n.set_language("bm")
    data = summary.render(records.kati_march(), "csv", include_notes=True, deck=courage())
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    rows = csvfile.read(data)
    assert ["self-01", "I yɛrɛ ladon", "7", "Respirer avant la garde | ça aide."] in rows
    assert ["colleagues-03", "Baarakɛɲɔgɔnw ladon", "10.2",
            "An ka ɲɔgɔn dɛmɛ, \"toujours\"."] in rows
    assert ["ɲɔgɔn dɛmɛ"] in rows


def test_csv_numbers_use_the_language_decimal_sign():
    assert csv_number(10.26, 1, ",") == "10,3"
    assert csv_number(12345.0, 1, ",") == "12345"
    assert csv_number(-0.04, 1, ".") == "0"
    assert csv_number(7, 1, ",") == "7"
    assert csv_number(None) == ""


def test_txt_for_a_phone_is_short_and_says_what_it_left_out():
    record = records.kati_march()
    record.cards = [CardRecord(f"self-{n:02d}", "self", seconds=120, note="x" * 150)
                    for n in range(40)]
    record.actions = [ActionItem(f"action number {n} " + "y" * 80, role="major")
                      for n in range(25)]
    text = summary.render(record, "txt", include_notes=True, deck=courage())
    assert len(text) < summary.PHONE_LIMIT
    assert "… and " in text and " more" in text
    assert "Participants: 10" in text  # the head is never cut


def test_fit_keeps_everything_when_it_fits():
    assert fit(["a"], [("T:", ["x", "y"], ", ")], 100) == "a\nT: x, y\n"
    cut = fit(["a"], [("T:", ["x" * 30, "y" * 30, "z" * 30], "\n")], 60)
    assert len(cut) < 60 and "… and 2 more" in cut


text_st = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)


@st.composite
def sessions(draw):
    record = SessionRecord(site=draw(st.text(min_size=1, max_size=80)), deck="courage",
                           lang="fr", participants=draw(st.integers(0, 20)),
                           started_at=dt.datetime(2026, 3, 5, 9, tzinfo=dt.timezone.utc))
    record.ended_at = record.started_at + dt.timedelta(minutes=draw(st.integers(0, 300)))
    record.cards = [CardRecord(draw(st.text(min_size=1, max_size=40)), "self",
                               seconds=draw(st.floats(0, 5000)), note=draw(text_st))
                    for _ in range(draw(st.integers(0, 30)))]
    record.strategies = draw(st.lists(st.text(max_size=100), max_size=20))
    record.themes = draw(st.lists(st.text(max_size=100), max_size=20))
    record.actions = [ActionItem(draw(text_st), role=draw(st.text(max_size=60)))
                      for _ in range(draw(st.integers(0, 15)))]
    record.notes = draw(text_st)
    for mood in draw(st.lists(st.integers(1, 5), max_size=20)):
        record.checkin.add(mood)
    return record


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=sessions(), notes=st.booleans(), lang=st.sampled_from(["en", "fr", "bm"]))
def test_txt_is_always_under_1000_characters(record, notes, lang):
    i18n.set_language(lang)
    assert len(summary.render(record, "txt", include_notes=notes)) < summary.PHONE_LIMIT
