"""Turn and session clocks, driven by an injected clock so tests never sleep.

A clock is any ``() -> float`` of seconds that only goes forward
(``time.monotonic`` in the app, a ``FakeClock`` in tests).
"""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]
STEP = 30.0  # what + and - add or take away


class FakeClock:
    """A clock for tests: time moves only when told to."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Stopwatch:
    """Elapsed time that can be paused and resumed."""

    def __init__(self, clock: Clock = time.monotonic):
        self._clock = clock
        self._before = 0.0
        self._since: float | None = None

    @property
    def running(self) -> bool:
        return self._since is not None

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock()

    def pause(self) -> None:
        if self._since is not None:
            self._before += self._clock() - self._since
            self._since = None

    def elapsed(self) -> float:
        running = self._clock() - self._since if self._since is not None else 0.0
        return self._before + running

    def restore(self, seconds: float) -> None:
        """Paused, showing ``seconds`` (a clock saved before a power cut)."""
        self._since = None
        self._before = max(0.0, float(seconds))

    def reset(self) -> float:
        """Back to zero (keeps running if it was); returns the time it had."""
        had = self.elapsed()
        self._before = 0.0
        if self._since is not None:
            self._since = self._clock()
        return had


class TurnTimer:
    """Whose turn it is (a seat number, never a name), and how long they have left.

    When the allowance runs out the turn goes into overtime: ``remaining()``
    goes negative and ``crossed_overtime()`` says so once, for one gentle cue.
    The time each seat spoke is kept in ``airtime`` (seconds per seat number).
    """

    def __init__(self, seats: int, turn_seconds: float, clock: Clock = time.monotonic):
        if seats < 1:
            raise ValueError("a turn timer needs at least one seat")
        self.seats = seats
        self.turn_seconds = float(turn_seconds)
        self.seat = 1
        self.allowance = self.turn_seconds
        self.airtime: dict[int, float] = {}
        self._watch = Stopwatch(clock)
        self._cued = False
        self._counted = 0.0  # of this turn's time, what is already kept elsewhere (resumed)

    @property
    def running(self) -> bool:
        return self._watch.running

    def toggle(self) -> bool:
        """Start or pause; returns True when now running."""
        if self.running:
            self._watch.pause()
        else:
            self._watch.start()
        return self.running

    def pause(self) -> None:
        self._watch.pause()

    def elapsed(self) -> float:
        return self._watch.elapsed()

    def remaining(self) -> float:
        return self.allowance - self.elapsed()

    @property
    def overtime(self) -> bool:
        return self.remaining() < 0

    def crossed_overtime(self) -> bool:
        """True once, the first time it is asked after the turn ran out."""
        if self.overtime and not self._cued:
            self._cued = True
            return True
        return False

    def adjust(self, delta: float = STEP) -> None:
        """Add (or with a negative delta take away) time from this turn."""
        self.allowance = max(0.0, self.allowance + delta)
        if not self.overtime:
            self._cued = False

    def next_speaker(self) -> int:
        """The next seat speaks: the time spoken is kept, the countdown starts again."""
        self._bank()
        self.seat = 1 if self.seat >= self.seats else self.seat + 1
        return self.seat

    def set_seats(self, seats: int) -> None:
        """Someone came or left.  Nothing spoken is lost, and the speaker on the floor
        finishes (even on a seat now past the last: the next one is then seat 1)."""
        if seats < 1:
            raise ValueError("a turn timer needs at least one seat")
        self.seats = seats

    def go_to_seat(self, seat: int) -> None:
        if not 1 <= seat <= self.seats:
            raise ValueError(f"seat must be 1 to {self.seats}")
        self._bank()
        self.seat = seat

    def restore(self, seat: int, allowance: float, spoken: float) -> None:
        """The turn as saved before a power cut, paused; ``spoken`` is already counted."""
        if not 1 <= seat <= self.seats:
            raise ValueError(f"seat must be 1 to {self.seats}")
        self.seat = seat
        self.allowance = max(0.0, float(allowance))
        self._watch.restore(spoken)
        self._counted = self._watch.elapsed()
        self._cued = self.overtime  # the cue was given before the cut

    def _bank(self) -> None:
        spoken = self._watch.reset() - self._counted
        self._counted = 0.0
        if spoken > 0:
            self.airtime[self.seat] = self.airtime.get(self.seat, 0.0) + spoken
        self.allowance = self.turn_seconds
        self._cued = False

    def airtime_now(self) -> dict[int, float]:
        """Airtime including the turn in progress."""
        total = dict(self.airtime)
        spoken = self.elapsed() - self._counted
        if spoken > 0:
            total[self.seat] = total.get(self.seat, 0.0) + spoken
        return total

    def take_airtime(self) -> dict[int, float]:
        """Airtime so far (the turn in progress included), then start counting afresh.

        The same seat keeps the floor with a fresh countdown, paused.
        """
        self._bank()
        self._watch.pause()
        taken, self.airtime = self.airtime, {}
        return taken
