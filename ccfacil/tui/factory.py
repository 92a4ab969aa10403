"""Building the app: its context from the command line's options, the settings and the
terminal (``ccfacil.tui.app.make_app`` is the one way in, for the CLI and the tests)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ccfacil import console
from ccfacil.cards.library import DeckLibrary
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import _
from ccfacil.runenv import RunEnv
from ccfacil.sessions.runner import SessionSetup
from ccfacil.sessions.session import now
from ccfacil.sessions.turns import Clock
from ccfacil.tui.context import AppContext

if TYPE_CHECKING:
    from ccfacil.storage.filelock import DataLock


def app_context(
    setup: SessionSetup | None = None,
    *,
    data_dir: Path | None = None,
    deck_paths: Iterable[Path] = (),
    clock: Clock = time.monotonic,
    wall: Callable[[], dt.datetime] = now,
    console_safe: bool | None = None,
    theme: str | None = None,
    bell: bool | None = None,
    start_session: bool = False,
    lock: DataLock | None = None,
    library: DeckLibrary | None = None,
    env: RunEnv | None = None,
) -> AppContext:
    """What the app runs with (``make_app``'s options but the store).

    ``env``: the command line's run environment (its library, settings and the folder's
    lock, if ``ccfacil run`` took it first thing); else one is made for ``data_dir``,
    ``deck_paths`` and ``library``.  The app opens the session store just after the first
    frame (unless ``make_app`` was given one) with ``lock`` (or the environment's) if
    given: the store keeps it, so a second window on the same data folder gets one line.
    """
    from ccfacil.storage import bulk

    bulk.short_lived(False)  # the app runs for hours: what it reads is collected as usual
    if env is None:
        env = RunEnv.at(data_dir, tuple(deck_paths), library=library)
    if lock is not None:
        env.hold_folder(lock)
    remembered = env.settings
    env.origin  # made now: saved with the settings from the first save on
    people_hint = None
    if setup is None:  # the number of people present is confirmed, never assumed
        people_hint = remembered.participants
        setup = env.proposed_setup()
    elif setup.deck not in env.library.ids():
        setup.deck = env.library.default_id()
    if i18n.current_language() != setup.lang:
        i18n.set_language(setup.lang)
    warnings = [_("%(problem)s (using the next language instead)") % {"problem": p}
                for p in i18n.registry().problems]
    terminal = env.setting_warnings(setup.facilitator)  # also on the terminal, after the app
    device = console.console_device()  # the Linux console, also through tmux or screen
    if console_safe is None:
        console_safe = device is not None
    if device is not None:
        missing = console.missing_letters(console.device_font_characters(device))
        if missing:
            warnings.append(_("The console font cannot show %(letters)s: Bambara text will "
                              "have gaps. Try another console font (e.g. Lat15-Terminus).")
                            % {"letters": " ".join(missing)})
    return AppContext(
        env=env, setup=setup, clock=clock, wall=wall, console_safe=console_safe,
        theme=theme or remembered.theme, bell=remembered.bell if bell is None else bell,
        start_session=start_session, warnings=terminal + warnings,
        terminal_warnings=terminal, people_hint=people_hint,
        people_last=remembered.people_last or None)
