"""The hint in the empty "people present" field is read whole at 80 columns, in each language."""

from __future__ import annotations

import json

import pytest

from ccfacil.i18n import runtime as i18n
from ccfacil.sessions.turns import FakeClock
from ccfacil.tui.app import make_app
from ccfacil.tui.screens.resume import ResumeScreen
from ccfacil.tui.widgets.field import TextField
from tests.tui_helpers import screen_text, wait_saved


@pytest.mark.parametrize("lang", ["fr", "bm", "en"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_people_present_hint_is_whole(tmp_path, lang, size):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"participants": 12, "people_last": 12, "lang": lang}))
    i18n.set_language(lang)
    app = make_app(data_dir=data, clock=FakeClock(), console_safe=False, theme="normal",
                   bell=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#field-participants", TextField)
        assert field.value == "" and "12" in field.placeholder
        assert field.placeholder.replace("\xa0", " ") in screen_text(app)


async def test_a_new_device_claims_no_last_time_until_a_session_started(tmp_path):
    """No settings yet (or only the display toggled): no "last time: 10" made up from a
    default; once a session started with 7 people, the next start says 7."""
    data = tmp_path / "data"
    i18n.set_language("en")
    app = make_app(data_dir=data, clock=FakeClock(), console_safe=False, bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")  # the projector display: settings.json written, no session
        await pilot.pause()
        field = app.screen.query_one("#field-participants", TextField)
        assert field.placeholder == "how many today?"
        await pilot.press("7", "enter")
        await pilot.pause()
        assert app.session is not None and app.session.present == 7
        await wait_saved(app, pilot)  # on disk, in progress: as after a power cut
        app.exit()
    assert json.loads((data / "settings.json").read_text())["people_last"] == 7
    again = make_app(data_dir=data, clock=FakeClock(), console_safe=False, bell=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("escape")  # decide later: the setup screen
        await pilot.pause()
        field = again.screen.query_one("#field-participants", TextField)
        assert field.placeholder == "how many today? (last time: 7)"


@pytest.mark.parametrize("known", [False, True])
async def test_start_on_a_new_device_asks_without_a_last_time(tmp_path, known):
    from ccfacil.tui.screens.attendance import AttendanceScreen

    data = tmp_path / "data"
    data.mkdir()
    if known:
        (data / "settings.json").write_text(json.dumps({"participants": 9, "people_last": 9}))
    i18n.set_language("en")
    app = make_app(data_dir=data, clock=FakeClock(), console_safe=False, bell=False,
                   start_session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        text = screen_text(app)
        assert ("last time" in text) is known  # a new device: no made-up "last time: 10"
        assert ("last time: 9" in text) is known
        assert "How many people are here today?" in text
