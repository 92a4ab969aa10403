"""Where a running session stands, saved with it so that it can be resumed after a crash.

``ccfacil.sessions.runner`` writes it with every save (``SessionRun``: the ``run`` here);
``ccfacil.sessions.resume`` reads it back.  Both depend on this module, not on each other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

RESUME_VERSION = 1  # of the position saved with a running session (``record.resume``)


def resume_position(run, now: dt.datetime) -> dict[str, Any]:
    """Where ``run`` stands, as small JSON values (written with every save; ``resume.restore``
    reads it back)."""
    pile = run.pile.position()
    turn = run.turn
    return {
        "v": RESUME_VERSION,
        "phase": run.phase.value,
        "card_index": pile["card_index"],
        "reveal": run.reveal,
        "seat": turn.seat,
        "turn_seconds": int(run.setup.turn_seconds),
        "turn_allowance": round(turn.allowance, 1),
        "turn_spoken": round(turn.elapsed(), 1),
        "elapsed": round(run.elapsed(), 1),
        "mode": run.setup.mode,
        "seed": run.setup.seed,
        "history": pile["history"],
        "pile": pile["pile"],
        "domains": pile["domains"],
        "round": pile["round"],
        "last_domain": pile["last_domain"],
        "moods": [f"{phase.value}:{mood}" for phase, mood in run.mood_log()],
        "saved_at": now.isoformat(timespec="seconds"),
    }
