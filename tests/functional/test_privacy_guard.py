"""Anonymity where free text enters (issue 10, point 12), and a quit that can be taken back
(point 8): every free-text field of the app asks before keeping a phone number, an e-mail
address or a name; saying No keeps the session going."""

from __future__ import annotations

from ccfacil.sessions.runner import Phase
from ccfacil.sessions.turns import FakeClock
from ccfacil.storage.store import SaveError, SessionStore
from ccfacil.tui.screens.actions import ActionsScreen
from ccfacil.tui.screens.confirm import ConfirmScreen
from ccfacil.tui.screens.notes import NotesScreen
from ccfacil.tui.screens.session import SessionScreen
from ccfacil.tui.screens.setup import SetupScreen
from tests.tui_helpers import build_app, screen_text, type_text, wait_saved


async def test_action_item_with_a_name_and_a_phone_asks_first(tmp_path):
    app = build_app(tmp_path / "data", "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "3", "a")  # one check-in count, then the action items
        assert isinstance(app.screen, ActionsScreen)
        await type_text(pilot, "Call Aminata on 76 12 34 56")
        await pilot.press("tab")
        await type_text(pilot, "Aminata")
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        shown = screen_text(app)
        assert "76 12 34 56" in shown and "Aminata" in shown
        await wait_saved(app, pilot)  # the warning does not pause autosave
        assert app.keeper.saver.pending == 0
        await pilot.press("escape")  # No: nothing added, the text stays to be edited
        assert isinstance(app.screen, ActionsScreen)
        assert app.session.record.actions == []
        assert app.screen.query_one("#action-what").value == "Call Aminata on 76 12 34 56"
        await pilot.press("ctrl+u")
        await type_text(pilot, "ask for a fan")
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "major")
        await pilot.press("enter")
        assert isinstance(app.screen, ActionsScreen)
        assert [(a.what, a.role) for a in app.session.record.actions] == [
            ("ask for a fan", "major")]
        await type_text(pilot, "see Fatou")
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")  # Yes: kept as typed, the facilitator decided (Enter: No)
        assert [a.what for a in app.session.record.actions][-1] == "see Fatou"
        await wait_saved(app, pilot)
        assert app.session.record.checkin.total == 1


async def test_custom_tag_with_a_phone_number_asks_first(tmp_path):
    app = build_app(tmp_path / "data", "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "n", "e")
        assert isinstance(app.screen, NotesScreen)
        app.screen.query_one("#strategy-new").focus()
        await type_text(pilot, "call Fatou 66554433")
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert "66554433" in screen_text(app) and "Fatou" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, NotesScreen)
        assert app.session.record.strategies == []
        await pilot.press("ctrl+u")
        await type_text(pilot, "dancing")
        await pilot.press("enter")
        assert app.session.record.strategies == ["dancing"]


async def test_a_name_in_a_note_waits_for_an_answer_but_what_was_accepted_stays_saved(
        tmp_path):
    app = build_app(tmp_path / "data", "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "n", "e")
        await type_text(pilot, "tired after nights")
        await wait_saved(app, pilot)
        assert app.session.card_record().note == "tired after nights"
        await type_text(pilot, " says Mariam")
        await pilot.pause(0.5)
        note = app.session.card_record().note
        assert note == "tired after nights says"  # what was accepted stays, no bit of the name
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Mariam" in screen_text(app) and "role" in screen_text(app)
        await pilot.press("y")  # Yes on purpose (Enter is the safe answer, No)
        assert app.session.card_record().note == "tired after nights says Mariam"


async def test_a_site_code_that_looks_like_a_phone_asks_before_starting(tmp_path):
    app = build_app(tmp_path / "data", "en", site="")
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one("#field-site").focus()
        await type_text(pilot, "76123456")
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SetupScreen) and app.session is None
        await pilot.press("ctrl+u")
        await type_text(pilot, "KATI")
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)


def test_a_facilitator_code_with_a_name_is_warned_about(tmp_path):
    app = build_app(tmp_path / "data", "en", facilitator="Moussa")
    assert any("Moussa" in w and "facilitator code" in w for w in app.ctx.warnings)
    assert not build_app(tmp_path / "data", "en", facilitator="F07").ctx.warnings


async def test_no_to_quit_anyway_keeps_the_session_running(tmp_path, monkeypatch):
    clock = FakeClock()
    app = build_app(tmp_path / "data", "en", clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "n")
        await wait_saved(app, pilot)
        card = app.session.view().card.id
        from ccfacil.storage import store as store_module

        original = store_module.SessionStore.save

        def full(self, record):
            raise SaveError("No space left on device")

        monkeypatch.setattr(store_module.SessionStore, "save", full)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")  # yes, quit (Enter is the safe answer, No)
        assert isinstance(app.screen, ConfirmScreen)  # ... but it could not be saved
        assert "No space left on device" in screen_text(app)
        await pilot.press("escape")  # No: do not lose it
        assert isinstance(app.screen, SessionScreen) and app.is_running
        assert app.session.phase is Phase.CARDS and app.session.view().card.id == card
        assert app.session.record.ended_at is None
        clock.advance(30)
        assert app.session.elapsed() >= 30  # its clock still runs
        await pilot.press("n")  # and it goes on
        assert app.session.view().card.id != card
        monkeypatch.setattr(store_module.SessionStore, "save", original)
        await pilot.press("q", "y")
    with SessionStore.open(tmp_path / "data") as store:
        saved = store.list()
    assert len(saved) == 1 and saved[0].ended_at is not None and len(saved[0].cards) == 2
