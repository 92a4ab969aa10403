"""The facilitator's short guide: how to run a session, step by step.

One list, read by the help screen and by anything printed for the room, so that the
guide on screen and on paper never drift apart.  Each step is marked with ``N_`` and
translated when shown.
"""

from __future__ import annotations

from ccfacil.i18n.runtime import N_

STEPS = [
    N_("1. On the first screen, type how many people are present today, set the turn "
       "length, then press Enter."),
    N_("2. Opening: each person, by seat number, says how they arrive. Press space to "
       "start each speaker's clock and t for the next seat; press 1 to 5 to count how "
       "each person feels (counts only, no names)."),
    N_("3. Press n for a card. Let the group talk about the question first; press r to "
       "show the advice, and r again for the affirmation, read together."),
    N_("4. When a speaker's time is over, the clock turns to overtime in another colour: "
       "thank them gently and press t."),
    N_("5. Press n for the next card. When the time is nearly over, press c for the "
       "closing round, then n to finish."),
    N_("6. If someone speaks of death or of harming themselves, or carries more than the "
       "club can hold (no sleep or food for weeks, cannot work, cut off from everyone): "
       "do not leave them alone. Stay with them after the session, listen without "
       "judging, and go together to the person your site has named below."),
]
MORE_HELP = N_("When someone needs more help")
"""Title of the site's referral text, shown after the steps and at check-out."""
