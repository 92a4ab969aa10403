"""The phases of a running session, and their names on screen."""

from __future__ import annotations

from enum import Enum

from ccfacil.i18n.translation import N_


class Phase(str, Enum):
    OPENING = "opening"
    CARDS = "cards"
    CLOSING = "closing"
    DONE = "done"


PHASE_NAMES = {
    Phase.OPENING: N_("Opening"),
    Phase.CARDS: N_("Cards"),
    Phase.CLOSING: N_("Closing"),
    Phase.DONE: N_("Finished"),
}
