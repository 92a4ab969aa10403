"""No crash from 40x12 up to 250x70, on every screen, and on resize."""

from __future__ import annotations

from ccfacil.sessions.turns import FakeClock
from ccfacil.tui.screens.help import HelpScreen
from tests.tui_helpers import build_app, screen_text

SIZES = [(40, 12), (50, 16), (60, 20), (80, 24), (100, 30), (120, 40), (160, 45), (200, 60),
         (250, 70)]


async def sweep(pilot, app):
    for width, height in SIZES:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        assert app.is_running
        assert screen_text(app).strip()


async def test_resize_sweep_every_screen(tmp_path):
    clock = FakeClock()
    app = build_app(tmp_path / "data", "bm", clock)
    async with app.run_test(size=(40, 12)) as pilot:
        await sweep(pilot, app)  # setup
        await pilot.press("enter")
        await sweep(pilot, app)  # opening
        await pilot.press("n", "r", "r", "space")
        clock.advance(200)
        app.screen.tick()
        await sweep(pilot, app)  # card, all revealed, overtime
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await sweep(pilot, app)
        await pilot.press("escape", "d")
        await sweep(pilot, app)  # domain chooser
        await pilot.press("escape", "c", "n")
        await sweep(pilot, app)  # finished


async def test_everything_reachable_at_80x24(tmp_path):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        text = screen_text(app)
        for field in ("#field-site", "#field-mode"):
            widget = app.screen.query_one(field)
            assert widget.region.bottom <= 23, field  # on screen, above the key bar
        await pilot.press("enter", "n", "r", "r")
        text = screen_text(app)
        affirmation = app.session.view().card.affirmation
        assert affirmation.split()[0] in text


# ASCII, and the letters console fonts for French and Bambara have: no "·", "…", "◀", "▼",
# box drawing or blocks (issue 12).
CONSOLE_SAFE = (set(map(chr, range(0x20, 0x7F))) | set(map(chr, range(0xC0, 0x100)))
                | set("«»\u00a0ɛɔɲŋƐƆƝŊœŒ")) - {"×", "÷"}


async def test_console_safe_uses_only_console_glyphs(tmp_path, monkeypatch):
    from ccfacil.sessions.runner import SessionSetup
    from ccfacil.tui.app import make_app
    from tests.tui_helpers import WALL

    monkeypatch.setenv("TERM", "linux")
    clock = FakeClock()
    app = make_app(SessionSetup(lang="bm", seed=3), data_dir=tmp_path / "data", clock=clock,
                   wall=lambda: WALL, bell=False)
    assert app.ctx.console_safe  # automatic on the Linux console
    async with app.run_test(size=(80, 24)) as pilot:
        screens = [screen_text(app)]
        await pilot.press("enter", "n", "r", "r", "space")
        clock.advance(150)
        app.screen.tick()
        screens.append(screen_text(app))
        await pilot.press("question_mark")
        screens.append(screen_text(app))
        for keys in (("escape", "e"), ("escape", "a"), ("escape", "h"), ("escape", "d"),
                     ("escape", "q")):
            await pilot.press(*keys)  # notes, actions, history, domains, the quit question
            screens.append(screen_text(app))
        await pilot.press("escape")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        screens.append(screen_text(app))
    for text in screens:
        odd = {ch for ch in text if ch not in CONSOLE_SAFE and ch != "\n"}
        assert not odd, odd
