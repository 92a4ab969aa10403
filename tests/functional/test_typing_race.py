"""Typing is never lost: keys that arrive faster than the app refreshes keep their order.

``burst`` hands every key to the driver at once, as a terminal does when keys come in
one read (tmux ``send-keys BSpace 8``, a paste, a fast typist), instead of waiting
for the app to settle after each key as ``pilot.press`` does.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from tests.tui_helpers import build_app

CHAR_NAMES = {"space": " ", "colon": ":", "minus": "-", "full_stop": ".", "slash": "/"}
CHAR_KEYS = {char: key for key, char in CHAR_NAMES.items()}


async def burst(pilot, *keys: str) -> None:
    """Send all keys to the app in one go, then let it settle."""
    app = pilot.app
    for key in keys:
        if len(key) == 1:
            char = key
        elif key in CHAR_NAMES:
            char = CHAR_NAMES[key]
        else:
            char = None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    for _ in range(5):
        await pilot.pause()


async def test_backspace_then_digit_in_a_number_field(tmp_path):
    app = build_app(tmp_path / "data", "fr", participants=4)
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.screen.query_one("#field-participants")
        assert app.screen.focused is field and field.value == "4"
        await burst(pilot, "backspace", "8")
        assert field.value == "8"
        field.value = "67"
        await burst(pilot, "backspace", "backspace", "8")
        assert field.value == "8"
        await burst(pilot, "ctrl+u", "1", "2")
        assert field.value == "12"


async def test_tab_then_typing_lands_in_the_next_field(tmp_path):
    app = build_app(tmp_path / "data", "fr", participants=4)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "backspace", "9", "tab", "backspace", "backspace", "backspace",
                    "backspace", "3", "colon", "0", "0", "tab", "backspace", "backspace",
                    "4", "5")
        screen = app.screen
        assert screen.query_one("#field-participants").value == "9"
        assert screen.query_one("#field-turn").value == "3:00"
        assert screen.query_one("#field-length").value == "45"


async def test_notes_text_then_tab_then_tag(tmp_path):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "n", "e")
        area = app.screen.query_one(TextArea)
        assert app.screen.focused is area
        # Note text, Tab out of the note (it must not take a tab or the letters after it),
        # Tab again to the new-strategy field, then a tag typed at once.
        await burst(pilot, "c", "a", "l", "m", "e", "tab", "tab", "t", "h", "e", "enter")
        assert area.text == "calme"
        assert "the" in app.session.record.strategies


async def test_paste_into_a_field_keeps_what_fits(tmp_path):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "tab", "tab", "tab")
        site = app.screen.query_one("#field-site")
        assert app.screen.focused is site
        await burst(pilot, "ctrl+u")
        app.screen.focused.post_message(events.Paste("KATI-2 é\nsecond line"))
        await burst(pilot, "x")
        assert site.value == "KATI-2x"


async def test_typing_straight_after_adding_an_action_item(tmp_path):
    """Enter in the date field, then the next item at once: no letter is lost (nor taken
    for a shortcut by the date field, which only takes digits)."""
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "a")
        keys = [*"savon", "tab", *"major", "tab", *"30/04/2026", "enter", *"former deux",
                "enter"]
        await burst(pilot, *(CHAR_KEYS.get(k, k) for k in keys))
        assert [a.what for a in app.session.record.actions] == ["savon", "former deux"]
        assert app.ctx.bell is False and app.ctx.theme == "normal"  # no m, no p shortcut
