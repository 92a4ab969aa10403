"""The session flow in the core: phases, cards, reveals, records, tallies, setup checks."""

from __future__ import annotations

import datetime as dt

import pytest

from ccfacil import paths
from ccfacil.cards.deck import localized
from ccfacil.cards.library import DeckLibrary
from ccfacil.errors import UsageProblem
from ccfacil.i18n.catalogs import LocaleRegistry
from ccfacil.i18n.runtime import Localizer
from ccfacil.sessions.runner import Phase, SessionRun, SessionSetup, format_turn, parse_turn
from ccfacil.sessions.turns import FakeClock

WALL = dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.timezone.utc)


def make_run(clock=None, lang="fr", **values):
    deck = localized(DeckLibrary([paths.shipped_decks_dir()]).load("courage"),
                     Localizer(LocaleRegistry([paths.shipped_locales_dir()]), lang))
    setup = SessionSetup(lang=lang, seed=1, **values)
    return SessionRun(setup, deck, clock or FakeClock(), lambda: WALL)


def test_parse_turn():
    assert parse_turn("2:00") == 120 and parse_turn("0:45") == 45 and parse_turn("90") == 90
    assert format_turn(150) == "2:30"
    for bad in ("", "2:75", "abc", "0:05", "31:00"):
        with pytest.raises(UsageProblem):
            parse_turn(bad)


def test_setup_checks():
    for values in ({"participants": 1}, {"participants": 21}, {"length_minutes": 2},
                   {"mode": "random"}, {"mode": "domain:nope"}, {"site": "BKO 01"}):
        with pytest.raises(UsageProblem):
            make_run(**values)
    run = make_run(mode="domain:self,family")
    assert run.pile.domains == ("self", "family")


def test_phases_reveals_and_card_records():
    clock = FakeClock()
    run = make_run(clock)
    assert run.phase is Phase.OPENING and run.view() is None
    assert run.reveal_more() == 0  # nothing to reveal before the cards
    run.next()
    assert run.phase is Phase.CARDS and run.view().reveal == 1
    assert run.reveal_more() == 2 and run.reveal_more() == 3 and run.reveal_more() == 3
    run.turn.toggle()
    clock.advance(100)
    first = run.view().card.id
    run.next()
    assert run.view().reveal == 1
    assert run.record.cards[0].card_id == first
    assert run.record.cards[0].seconds == 100 and run.record.cards[0].airtime == {1: 100.0}
    run.skip()
    assert len(run.record.cards) == 2  # the skipped card left no record
    run.close()
    assert run.phase is Phase.CLOSING
    record = run.finish()
    assert run.phase is Phase.DONE and record.ended_at == WALL
    assert record.planned_minutes == 60 and record.participants == 10


def test_back_returns_to_the_same_record():
    clock = FakeClock()
    run = make_run(clock)
    run.next()
    clock.advance(30)
    run.next()
    clock.advance(10)
    run.back()
    clock.advance(5)
    run.next()
    assert [round(c.seconds) for c in run.record.cards] == [35, 10]


def test_snapshot_counts_the_card_in_progress():
    clock = FakeClock()
    run = make_run(clock)
    run.next()
    run.turn.toggle()
    clock.advance(42)
    snap = run.snapshot()
    assert snap.cards[0].seconds == 42 and snap.cards[0].airtime == {1: 42.0}
    assert run.record.cards[0].seconds == 0  # the live record is untouched


def test_language_switch_keeps_everything():
    run = make_run(lang="fr")
    run.next()
    run.reveal_more()
    card = run.view().card
    bm = localized(DeckLibrary([paths.shipped_decks_dir()]).load("courage"),
                   Localizer(LocaleRegistry([paths.shipped_locales_dir()]), "bm"))
    run.set_deck_language(bm, "bm")
    assert run.view().card.id == card.id and run.view().reveal == 2
    assert run.view().card.question != card.question and run.record.lang == "bm"
    other = DeckLibrary([paths.shipped_decks_dir()]).load("error")
    with pytest.raises(ValueError):
        run.set_deck_language(other, "en")


def test_tallies_count_moods_without_answers():
    run = make_run(participants=3)
    assert run.add_mood(2) and run.add_mood(4) and run.add_mood(4)
    assert not run.add_mood(5)  # no more than the seats
    assert run.record.checkin.counts == {1: 0, 2: 1, 3: 0, 4: 2, 5: 0}
    assert run.undo_mood() and run.record.checkin.total == 2
    run.next()
    assert run.tally() is None and not run.add_mood(3)
    run.close()
    assert run.add_mood(5) and run.record.checkout.counts[5] == 1
    assert run.record.checkin.total == 2


def test_record_round_trip_keeps_every_field():
    import dataclasses

    from ccfacil.sessions.session import ActionItem, CardRecord, SessionRecord

    record = make_run().record
    record.cards.append(CardRecord("self-01", "self", WALL, 12.5, {2: 12.5}, "a [note]"))
    record.actions.append(ActionItem("call the pharmacy", "midwife in charge", WALL.date()))
    record.strategies.append("music")
    record.round_airtime = {"opening": {1: 19.0}}
    record.resume = {"v": 1, "phase": "cards", "history": ["self-01"]}
    record.notes_withheld = record.rev
    data = record.to_dict()
    assert set(data) == {f.name for f in dataclasses.fields(SessionRecord)}
    assert SessionRecord.from_dict(data) == record


def test_schema_migration_path(monkeypatch):
    from ccfacil.sessions import schema
    from ccfacil.sessions.session import SchemaError, SessionRecord, migrate

    data = make_run().record.to_dict()
    assert migrate(dict(data)) == data  # the current version passes through
    for bad in ({**data, "schema": 0}, {**data, "schema": "1"}, ["not", "a", "dict"]):
        with pytest.raises(SchemaError):
            migrate(bad)
    with pytest.raises(SchemaError, match="newer ccfacil"):
        migrate({**data, "schema": schema.SCHEMA_VERSION + 1})
    # The next version: a step from 2 to 3 is all it takes.
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(schema.MIGRATIONS, 2, lambda d: {**d, "notes": d["notes"] + "!"})
    upgraded = migrate({**data, "notes": "old"})
    assert upgraded["schema"] == 3 and upgraded["notes"] == "old!"
    assert SessionRecord.from_dict({**data, "notes": "x"}).notes == "x!"


def test_a_card_left_open_for_days_still_gives_a_valid_record():
    from ccfacil.sessions.validate import MAX_SECONDS, check_session

    clock = FakeClock()
    run = make_run(clock)
    run.next()
    clock.advance(3 * 24 * 3600)  # a laptop left open over a weekend
    check_session(run.snapshot().to_dict())
    run.next()
    assert run.record.cards[0].seconds == MAX_SECONDS
    check_session(run.record.to_dict())
