"""The site's referral text: shown at check-out and in the help guide, edited from the app."""

from __future__ import annotations

import json

from textual.widgets import TextArea

from ccfacil.sessions.runner import Phase
from ccfacil.sessions.turns import FakeClock
from ccfacil.storage import referral
from ccfacil.tui.screens.confirm import ConfirmScreen
from ccfacil.tui.screens.help import HelpScreen
from ccfacil.tui.screens.referral import ReferralScreen
from tests.tui_helpers import build_app, screen_text

TEXT = "Go together to the head midwife, then to the CSRef doctor on duty."


def flat(app) -> str:
    return " ".join(screen_text(app).split())


async def test_checkout_shows_the_sites_text_and_only_that_sites(tmp_path):
    data = tmp_path / "data"
    referral.save_referral(data, "bko-csref", TEXT)  # another case than the session's
    referral.save_referral(data, "KATI", "Kati's own text")
    app = build_app(data, "en", FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "n")
        assert "head midwife" not in flat(app)  # not during the cards
        await pilot.press("c")
        assert app.session.phase is Phase.CLOSING
        shown = flat(app)
        assert "When someone needs more help" in shown and "head midwife" in shown
        assert "Kati's own text" not in shown


async def test_checkout_without_a_text_says_how_to_set_one(tmp_path):
    app = build_app(tmp_path / "data", "fr", FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "n", "c")
        await pilot.pause()
        shown = flat(app)
        assert "ccfacil referral set" in shown
        assert "n'a pas encore indiqué" in shown


async def test_checkout_survives_a_damaged_referral_file(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / referral.FILE).write_text("{not json", encoding="utf-8")
    app = build_app(data, "en", FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "n", "c")
        await pilot.pause()
        shown = flat(app)
        assert "ccfacil referral set" in shown and "not a referral file" in shown
    assert (data / referral.FILE).read_text(encoding="utf-8") == "{not json"


async def test_help_shows_the_safety_step_and_edits_the_text(tmp_path):
    data = tmp_path / "data"
    app = build_app(data, "en", FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "n", "c", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = flat(app)
        assert "6. If someone speaks of death" in help_text
        assert "ccfacil referral set" in help_text  # not set yet
        await pilot.press("e")
        assert isinstance(app.screen, ReferralScreen)
        app.screen.query_one(TextArea).text = TEXT
        await pilot.press("escape")
        assert isinstance(app.screen, HelpScreen)
        assert "head midwife" in flat(app)
        await pilot.press("escape")
        assert "head midwife" in flat(app)  # the check-out shows it at once
    assert referral.load_referral(data, "BKO-CSREF") == TEXT
    saved = json.loads((data / referral.FILE).read_text(encoding="utf-8"))
    assert saved["sites"] == {"BKO-CSREF": TEXT}
    assert (data / referral.FILE).stat().st_mode & 0o777 == 0o600


async def test_a_phone_number_is_asked_about_not_forbidden(tmp_path):
    data = tmp_path / "data"
    app = build_app(data, "en", FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark", "e")
        area = app.screen.query_one(TextArea)
        area.text = "CSRef psychologist, service line 20 22 33 44"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no: back to the text, nothing saved
        assert isinstance(app.screen, ReferralScreen)
        assert referral.load_referral(data, "BKO-CSREF") is None
        await pilot.press("escape", "y")  # yes, it is the service's own number
        assert isinstance(app.screen, HelpScreen)
    assert "20 22 33 44" in referral.load_referral(data, "BKO-CSREF")


async def test_emptying_the_text_removes_it(tmp_path):
    data = tmp_path / "data"
    referral.save_referral(data, "BKO-CSREF", TEXT)
    app = build_app(data, "en", FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark", "e")
        assert app.screen.query_one(TextArea).text == TEXT
        app.screen.query_one(TextArea).text = "   "
        await pilot.press("escape")
        assert isinstance(app.screen, HelpScreen)
        assert "ccfacil referral set" in flat(app)
    assert referral.load_referral(data, "BKO-CSREF") is None


async def test_from_the_setup_screen_the_site_typed_there_is_edited(tmp_path):
    data = tmp_path / "data"
    app = build_app(data, "en", FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("tab", "tab", "tab", "tab")  # participants -> ... -> site code
        field = app.screen.query_one("#field-site")
        assert app.screen.focused is field
        await pilot.press(*["backspace"] * 12, "K", "A", "T", "I")
        await pilot.press("question_mark", "e")
        assert isinstance(app.screen, ReferralScreen) and app.screen.site == "KATI"
        app.screen.query_one(TextArea).text = TEXT
        await pilot.press("escape")
    assert referral.load_referral(data, "KATI") == TEXT
    assert referral.load_referral(data, "BKO-CSREF") is None


async def test_the_help_shows_and_edits_the_site_it_is_given(tmp_path):
    """The site comes down to the help screen as data (``help_site`` works it out for
    the app): given one, the help neither searches the screens nor uses the setup's."""
    from ccfacil.tui.screens.help import help_site

    data = tmp_path / "data"
    referral.save_referral(data, "KATI", "Kati's own text")
    referral.save_referral(data, "BKO-CSREF", TEXT)
    app = build_app(data, "en", FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert help_site(app) == "BKO-CSREF"  # typed on the setup screen
        app.push_screen(HelpScreen("KATI"))
        await pilot.pause()
        assert "Kati's own text" in flat(app) and "head midwife" not in flat(app)
        await pilot.press("e")
        assert isinstance(app.screen, ReferralScreen) and app.screen.site == "KATI"
        await pilot.press("escape", "escape")
        assert "Kati's own text" not in flat(app)  # back on the setup screen
