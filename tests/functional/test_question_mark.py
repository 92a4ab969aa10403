"""A question mark typed in a text (a note, the referral text) is a character, not help."""

from __future__ import annotations

from textual.widgets import TextArea

from ccfacil.sessions.turns import FakeClock
from ccfacil.tui.screens.help import HelpScreen
from ccfacil.tui.screens.notes import NotesScreen
from ccfacil.tui.screens.referral import ReferralScreen
from tests.tui_helpers import build_app


async def test_question_mark_in_a_note_and_in_the_referral_text(tmp_path):
    app = build_app(tmp_path / "data", "fr", FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "n", "e")
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("p", "o", "u", "r", "q", "u", "o", "i", "question_mark")
        assert isinstance(app.screen, NotesScreen)
        assert app.screen.query_one(TextArea).text == "pourquoi?"
        await pilot.press("f1")  # F1 still opens the help from anywhere
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape")
        await pilot.press("question_mark", "e")
        assert isinstance(app.screen, ReferralScreen)
        await pilot.press("q", "u", "i", "question_mark")
        assert isinstance(app.screen, ReferralScreen)
        assert app.screen.query_one(TextArea).text == "qui?"
