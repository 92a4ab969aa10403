"""Turn timer and stopwatch on a fake clock: no sleeping."""

from __future__ import annotations

import pytest

from ccfacil.sessions.turns import FakeClock, Stopwatch, TurnTimer


def test_stopwatch_pause_resume_reset():
    clock = FakeClock()
    watch = Stopwatch(clock)
    watch.start()
    clock.advance(10)
    watch.pause()
    clock.advance(100)
    assert watch.elapsed() == 10
    watch.start()
    clock.advance(5)
    assert watch.reset() == 15 and watch.elapsed() == 0 and watch.running


def test_countdown_overtime_and_single_cue():
    clock = FakeClock()
    turn = TurnTimer(10, 120, clock)
    assert turn.remaining() == 120 and not turn.running
    turn.toggle()
    clock.advance(119)
    assert not turn.overtime and not turn.crossed_overtime()
    clock.advance(3)
    assert turn.overtime and turn.remaining() == -2
    assert turn.crossed_overtime() is True
    assert turn.crossed_overtime() is False  # once only
    turn.adjust(30)
    assert not turn.overtime and turn.remaining() == 28
    clock.advance(40)
    assert turn.crossed_overtime() is True  # a new overtime after more time was given


def test_pause_stops_the_countdown():
    clock = FakeClock()
    turn = TurnTimer(4, 60, clock)
    turn.toggle()
    clock.advance(20)
    turn.toggle()
    clock.advance(500)
    assert turn.remaining() == 40 and not turn.overtime


def test_minus_never_below_zero_allowance():
    turn = TurnTimer(4, 20, FakeClock())
    turn.adjust(-30)
    assert turn.allowance == 0


def test_next_speaker_banks_airtime_and_wraps():
    clock = FakeClock()
    turn = TurnTimer(3, 60, clock)
    turn.toggle()
    for seconds in (10, 20, 30, 5):
        clock.advance(seconds)
        turn.next_speaker()
    assert turn.seat == 2 and turn.running
    assert turn.airtime == {1: 15.0, 2: 20.0, 3: 30.0}
    clock.advance(7)
    assert turn.airtime_now() == {1: 15.0, 2: 27.0, 3: 30.0}
    taken = turn.take_airtime()
    assert taken == {1: 15.0, 2: 27.0, 3: 30.0}
    assert turn.airtime == {} and not turn.running and turn.seat == 2
    assert turn.remaining() == 60


def test_go_to_seat_and_bad_values():
    turn = TurnTimer(3, 60, FakeClock())
    turn.go_to_seat(3)
    assert turn.seat == 3
    with pytest.raises(ValueError):
        turn.go_to_seat(4)
    with pytest.raises(ValueError):
        TurnTimer(0, 60, FakeClock())
