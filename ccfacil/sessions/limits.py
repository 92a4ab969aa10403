"""What a facilitator may choose, and what ``settings.json`` may remember: each range once.

The command-line options (``ccfacil.commands.options``), the settings file
(``ccfacil.storage.settings``), the setup check (``SessionSetup.check``), the turn-length
parser and the app's setup and attendance fields all read their bounds here
(``tests/unit/test_limits.py`` checks that they agree).

These are the bounds of a *choice*.  What a stored record may hold is wider (a record
written by another version or edited by hand is still read): see ``ccfacil.sessions.validate``.
"""

from __future__ import annotations

from typing import NamedTuple


class Range(NamedTuple):
    """Whole numbers from ``low`` to ``high``, both included."""

    low: int
    high: int

    def holds(self, value: int) -> bool:
        return self.low <= value <= self.high

    @property
    def digits(self) -> int:
        """How many digits the largest value has (the width of a field to type it in)."""
        return len(str(self.high))


PARTICIPANTS = Range(2, 20)  # the seats chosen at setup
PRESENT = Range(1, PARTICIPANTS.high)  # the people present, confirmed or corrected later
TURN_SECONDS = Range(10, 30 * 60)  # a turn: 0:10 to 30:00
LENGTH_MINUTES = Range(5, 600)  # the planned session length
FRESH_SESSIONS = Range(0, 100)  # the site's last N sessions whose cards are not drawn again
PEOPLE_LAST = Range(0, PRESENT.high)  # people present at the last session; 0: none yet

# The whole-number settings of ``settings.json`` and their ranges.
SETTINGS = {
    "participants": PARTICIPANTS,
    "turn_seconds": TURN_SECONDS,
    "length_minutes": LENGTH_MINUTES,
    "fresh_sessions": FRESH_SESSIONS,
    "people_last": PEOPLE_LAST,
}
