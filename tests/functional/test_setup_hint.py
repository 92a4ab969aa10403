"""The hint in the empty "people present" field is read whole at 80 columns, in each language."""

from __future__ import annotations

import json

import pytest

from ccfacil.i18n import runtime as i18n
from ccfacil.sessions.turns import FakeClock
from ccfacil.tui.app import make_app
from ccfacil.tui.widgets.field import TextField
from tests.tui_helpers import screen_text


@pytest.mark.parametrize("lang", ["fr", "bm", "en"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_people_present_hint_is_whole(tmp_path, lang, size):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"participants": 12, "lang": lang}))
    i18n.set_language(lang)
    app = make_app(data_dir=data, clock=FakeClock(), console_safe=False, theme="normal",
                   bell=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#field-participants", TextField)
        assert field.value == "" and "12" in field.placeholder
        assert field.placeholder.replace("\xa0", " ") in screen_text(app)
