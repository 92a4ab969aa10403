"""No trap keys: Escape only closes what is open; ending or quitting asks first, and the
answer Enter gives is the safe one. The setup screen follows the language and quits on q."""

from __future__ import annotations

import pytest

from ccfacil.i18n.runtime import _
from ccfacil.sessions.runner import Phase
from ccfacil.tui.screens.confirm import ConfirmScreen
from ccfacil.tui.screens.history import OPEN_SESSION, HistoryScreen
from ccfacil.tui.screens.session import SessionScreen
from ccfacil.tui.screens.setup import SetupScreen
from tests.tui_helpers import build_app, screen_text, settle

SIZES = [(80, 24), (40, 12)]
LANGS = ["fr", "bm"]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
async def test_escape_never_ends_a_session(tmp_path, lang, size):
    app = build_app(tmp_path / "data", lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        for phase_keys in ((), ("n",), ("r", "r"), ("c",)):
            await pilot.press(*phase_keys)
            await pilot.press("escape", "enter", "escape", "escape", "enter")
            assert isinstance(app.screen, SessionScreen) and app.is_running
            assert app.session.phase is not Phase.DONE
        # q asks, and Enter gives the safe answer: the session goes on.
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.focused.id == "answer-no"
        assert "q" not in [k for k, _d in app.screen.query_one("#confirm-keybar").keys]
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen) and app.session.phase is Phase.CLOSING
        await pilot.press("q", "escape")
        assert isinstance(app.screen, SessionScreen) and app.session.phase is Phase.CLOSING
        # Choosing Yes on purpose ends it.
        await pilot.press("q", "right", "enter")
        await pilot.pause()
    assert app.session.phase is Phase.DONE


@pytest.mark.parametrize("lang", LANGS)
async def test_finished_screen_escape_does_not_quit(tmp_path, lang):
    app = build_app(tmp_path / "data", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        # a mood counted: the session holds something (an empty one is offered for
        # discarding instead, issue 9)
        await pilot.press("enter", "c", "4", "n")
        assert app.session.phase is Phase.DONE
        await pilot.press("escape", "escape")
        assert app.is_running and isinstance(app.screen, SessionScreen)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        assert app.is_running and isinstance(app.screen, SessionScreen)
        await pilot.press("q", "y")
        await pilot.pause()
    assert not app.is_running


async def test_deleting_the_running_session_is_refused(tmp_path):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "n")
        await settle(pilot)
        session_id = app.session.record.id
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("x")
        assert not isinstance(app.screen, ConfirmScreen)  # refused, with a message
        said = [str(n.message) for n in app._notifications]
        assert _(OPEN_SESSION) in said and _(OPEN_SESSION) != OPEN_SESSION  # in French
        await pilot.press("escape", "n")
        await settle(pilot)
        assert app.store.get(session_id) is not None


@pytest.mark.parametrize("size", SIZES)
async def test_setup_language_field_follows_l(tmp_path, size):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=size) as pilot:
        lang = app.screen.query_one("#field-lang")
        assert lang.value == "fr"
        await pilot.press("l")
        assert lang.value == "bm"
        assert "Bamanakan" in screen_text(app)
        await pilot.press("enter")
        assert app.session.setup.lang == "bm"


async def test_q_quits_the_setup_screen_but_types_in_the_site_code(tmp_path):
    app = build_app(tmp_path / "data", "fr", site="")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "tab", "tab", "tab", "q")
        assert app.screen.query_one("#field-site").value == "q"
        assert isinstance(app.screen, SetupScreen) and app.is_running
        await pilot.press("shift+tab", "q")
        await pilot.pause()
    assert not app.is_running
