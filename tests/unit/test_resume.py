"""A session cut short by a power cut resumes where it stood, as one record; the time
spoken in the opening and closing rounds counts like the time spoken on cards."""

from __future__ import annotations

import datetime as dt

import pytest

from ccfacil.export import summary
from ccfacil.sessions import resume
from ccfacil.sessions.runner import Phase
from ccfacil.sessions.session import SessionRecord
from ccfacil.sessions.turns import FakeClock
from tests.unit.test_runner import WALL, make_run


def crash(run) -> SessionRecord:
    """What is on disk after a power cut: the last save, read back."""
    return SessionRecord.from_dict(run.snapshot().to_dict())


def test_opening_and_closing_turns_count_as_air_time():
    clock = FakeClock()
    run = make_run(clock)
    run.turn.toggle()
    clock.advance(19)  # seat 1 checks in for 19 s
    run.turn.next_speaker()  # the clock runs on for the next seat
    clock.advance(11)  # seat 2, 11 s
    run.next()  # first card
    run.turn.toggle()
    clock.advance(30)  # seat 2 again, on the card
    run.close()
    run.turn.toggle()
    clock.advance(7)  # seat 2 checks out
    run.finish()
    record = run.record
    assert record.round_airtime == {"opening": {1: 19.0, 2: 11.0}, "closing": {2: 7.0}}
    assert record.airtime() == {1: 19.0, 2: 48.0}
    again = SessionRecord.from_dict(record.to_dict())
    assert again.airtime() == {1: 19.0, 2: 48.0}
    text = summary.render(record, "txt")
    assert "2 seats spoke" in text and "34 s each on average" in text


def test_air_time_of_a_round_in_progress_is_in_the_save():
    clock = FakeClock()
    run = make_run(clock)
    run.turn.toggle()
    clock.advance(19)
    assert run.snapshot().airtime() == {1: 19.0}
    assert run.record.airtime() == {}  # the live record is only changed when the turn ends


def test_a_record_without_the_new_fields_reads_and_writes_as_before():
    run = make_run()
    data = run.record.to_dict()
    assert "round_airtime" not in data and "resume" not in data
    assert SessionRecord.from_dict(data).to_dict() == data


def test_resume_mid_card_where_it_stood():
    clock = FakeClock()
    run = make_run(clock, participants=6)
    for mood in (3, 4, 4):
        run.add_mood(mood)
    run.turn.toggle()
    clock.advance(20)
    run.next()
    run.next()  # second card
    run.reveal_more()
    run.card_record().note = "le bruit la nuit"
    run.record.themes.append("night shifts")
    run.turn.next_speaker()
    run.turn.next_speaker()  # seat 3
    run.turn.toggle()
    clock.advance(50)  # seat 3 speaks 50 s, then the power goes
    saved = crash(run)
    card, elapsed = run.view().card.id, run.elapsed()
    assert resume.unfinished(saved) and saved.resume["phase"] == "cards"

    clock.advance(600)  # the power comes back ten minutes later
    again = resume.restore(saved, run.deck, clock, lambda: WALL)
    assert again.record.id == run.record.id
    assert again.phase is Phase.CARDS and again.view().card.id == card
    assert again.reveal == 2 and again.turn.seat == 3 and not again.turn.running
    assert again.turn.remaining() == pytest.approx(120 - 50)
    assert again.record.checkin.counts[4] == 2 and again.card_record().note == "le bruit la nuit"
    assert again.record.themes == ["night shifts"]
    assert again.elapsed() == pytest.approx(elapsed)  # the ten minutes off are not counted
    assert again.pile.history == run.pile.history

    # Seat 3 goes on for 10 s more: counted once, not twice.
    again.turn.toggle()
    clock.advance(10)
    again.next()
    cards = {c.card_id: c for c in again.record.cards}
    assert cards[card].airtime[3] == pytest.approx(60.0)
    # The next cards are those the pile had: the same order as without the cut.
    run.turn.toggle()
    run.next()
    assert again.view().card.id == run.view().card.id
    again.close()
    assert again.undo_mood() is False  # the closing round has no counts yet
    again.finish()
    assert not resume.unfinished(again.record) and again.snapshot().resume is None
    assert "resume" not in again.snapshot().to_dict()


def test_resume_in_the_opening_keeps_counts_and_undo():
    clock = FakeClock()
    run = make_run(clock)
    run.add_mood(2)
    run.add_mood(5)
    again = resume.restore(crash(run), run.deck, clock, lambda: WALL)
    assert again.phase is Phase.OPENING and again.tally().total == 2
    assert again.undo_mood() and again.tally().counts[5] == 0


def test_close_as_it_stands_ends_at_the_last_save():
    clock = FakeClock()
    saved_at = WALL + dt.timedelta(minutes=42)
    run = make_run(clock)
    run.wall = lambda: saved_at
    run.next()
    saved = crash(run)
    closed = resume.close_as_it_stands(saved)
    assert closed.ended_at == saved_at and closed.resume is None
    assert not resume.unfinished(closed) and len(closed.cards) == 1


def test_latest_unfinished_is_only_the_latest_session():
    old = make_run().record
    new = make_run().record
    new.started_at = old.started_at + dt.timedelta(days=30)
    assert resume.latest_unfinished([old, new]) is new
    new.ended_at = new.started_at + dt.timedelta(hours=1)
    assert resume.latest_unfinished([old, new]) is None  # an older cut-short one is not offered
    assert resume.latest_unfinished([]) is None


@pytest.mark.parametrize("damage", [
    lambda r: r.__setitem__("v", 99),
    lambda r: r.__setitem__("phase", "lunch"),
    lambda r: r.__setitem__("history", ["no-such-card"]),
    lambda r: r.__setitem__("card_index", 40),
    lambda r: r.__setitem__("seat", 99),
    lambda r: r.__setitem__("pile", "self-01"),
    lambda r: r.__setitem__("moods", ["x" * 3] * 5000),
    lambda r: r.pop("turn_seconds"),
])
def test_a_damaged_position_cannot_be_resumed_but_can_be_closed(damage):
    clock = FakeClock()
    run = make_run(clock)
    run.next()
    saved = crash(run)
    damage(saved.resume)
    with pytest.raises(resume.CannotResume):
        resume.restore(saved, run.deck, clock, lambda: WALL)
    assert resume.close_as_it_stands(saved).ended_at is not None


def test_another_deck_cannot_resume():
    from ccfacil import paths
    from ccfacil.cards.library import DeckLibrary

    run = make_run()
    run.next()
    other = DeckLibrary([paths.shipped_decks_dir()]).load("error")
    with pytest.raises(resume.CannotResume):
        resume.restore(crash(run), other, FakeClock(), lambda: WALL)
