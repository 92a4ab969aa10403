"""Building the app for tests: fixed clocks, fixed seed, data in tmp_path."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from pathlib import Path

from ccfacil.sessions.runner import SessionSetup
from ccfacil.sessions.turns import FakeClock
from ccfacil.tui.app import CcfacilApp, make_app

WALL = dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(0)))


def build_app(data_dir: Path, lang: str = "fr", clock: FakeClock | None = None,
              **setup_values) -> CcfacilApp:
    values = {"lang": lang, "participants": 10, "seed": 7, "site": "BKO-CSREF"}
    values.update(setup_values)
    return make_app(SessionSetup(**values), data_dir=data_dir, clock=clock or FakeClock(),
                    wall=lambda: WALL, console_safe=False, theme="normal", bell=False)


_TEXT = re.compile(r'<text[^>]*\by="([\d.]+)"[^>]*\bx="([\d.]+)"[^>]*>(.*?)</text>|'
                   r'<text[^>]*\bx="([\d.]+)"[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_text(app: CcfacilApp) -> str:
    """What is on screen, as lines of plain text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    for match in _TEXT.finditer(svg):
        if match.group(1) is not None:
            y, x, text = match.group(1), match.group(2), match.group(3)
        else:
            x, y, text = match.group(4), match.group(5), match.group(6)
        text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")
        rows[float(y)].append((float(x), text))
    return "\n".join("".join(t for _x, t in sorted(rows[y])) for y in sorted(rows))


async def wait_saved(app, pilot):
    """Let the save worker finish (the screen says 'saved' only after it has)."""
    for _ in range(100):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if app.keeper.idle and app.save_state.saved_at:
            return
    raise AssertionError("the session was never saved")


async def wait_shown(pilot, text: str, seconds: float = 5.0) -> str:
    """Wait until ``text`` is on screen and return the screen; fail if it never comes.

    A change reaches the screen at its next refresh, and a screen under a pop-up is
    repainted later still: reading the screen at once after a save can see the old frame."""
    shown = ""
    for _ in range(int(seconds / 0.05)):
        shown = screen_text(pilot.app)
        if text in shown:
            return shown
        await pilot.pause(0.05)
    raise AssertionError(f"{text!r} never came on screen; it shows:\n{shown}")


async def add_actions(pilot, *items: str) -> None:
    """In the action items pop-up (``a``): each item typed, then Enter; Esc closes it."""
    for what in items:
        await type_text(pilot, what)
        await pilot.press("enter")
    await pilot.press("escape")


async def type_text(pilot, text):
    for char in text:
        await pilot.press("space" if char == " " else char)


async def settle(pilot, step: float = 0.01):
    """Let the saves under way finish (the save policy idle), for at most 100 steps."""
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(step)
        if pilot.app.keeper.idle:
            return
