"""A new session: its draw pile keeps back the cards the site discussed lately, and the
site's open action items are reviewed.

The fresh-card rule: with a site code and ``fresh_sessions`` > 0 (a setting), the cards
discussed in the site's last ``fresh_sessions`` sessions held go to the bottom of the pile
(``ccfacil.cards.draw``: they come last, they are not left out).  Without a site code no card is kept
back: sessions of different places must not hide each other's cards.

The follow-up rule: the open action items of the site's last session (conflict copies,
sessions not held with no items, and the new session itself passed over:
``ccfacil.storage.repository.open_actions``) are reviewed; none without a site code.  What
the facilitator marks is applied by ``SessionRun.carry_over`` (``ccfacil.sessions.followup``).

These rules ask the saved sessions, so they sit above both layers (``sessions`` below
``storage``), beside the run environment that uses them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from ccfacil.cards.deck import Deck
from ccfacil.sessions.followup import Review
from ccfacil.sessions.runner import SessionRun, SessionSetup
from ccfacil.sessions.turns import Clock

if TYPE_CHECKING:
    from ccfacil.storage.repository import SessionRepository


def recent_cards(repo: Callable[[], SessionRepository], site: str, fresh_sessions: int
                 ) -> set[str]:
    """The cards to keep back for a session at ``site``.  ``repo()`` gives the saved
    sessions; it is called only when the rule needs them (the store opens after the
    first frame)."""
    if not site or fresh_sessions <= 0:
        return set()
    from ccfacil.storage.repository import recent_card_ids

    return recent_card_ids(repo(), site, fresh_sessions)


def start_run(setup: SessionSetup, deck: Deck, repo: Callable[[], SessionRepository],
              fresh_sessions: int, clock: Clock, wall: Callable[[], dt.datetime]
              ) -> SessionRun:
    """The running session for ``setup``, its pile following the fresh-card rule
    (``repo`` as in ``recent_cards``)."""
    return SessionRun(setup, deck, clock, wall,
                      avoid=recent_cards(repo, setup.site, fresh_sessions))


def to_review(repo: Callable[[], SessionRepository], run: SessionRun) -> Review:
    """The open action items to review as ``run`` starts (none without a site code).
    ``repo()`` gives the saved sessions; it is called only if there is a site code."""
    site = run.setup.site
    if not site:
        return []
    from ccfacil.storage.repository import open_actions

    return open_actions(repo(), site, exclude=run.record.id)
