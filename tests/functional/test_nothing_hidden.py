"""Nothing hidden at 80x24 (and 40x12): every pop-up shows what has focus and its key hints,
scrolls what does not fit with a sign that there is more; the key bar never splits a key
from its label nor drops a key the phase needs; at 40x12 the card's question shows."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from ccfacil.i18n import runtime as i18n
from ccfacil.sessions.runner import Phase
from ccfacil.sessions.session import ActionItem, SessionRecord
from ccfacil.storage.store import SessionStore
from ccfacil.tui.widgets.cursorlist import CursorList
from ccfacil.tui.widgets.keybar import KeyBar, key_label
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody
from tests.tui_helpers import WALL, build_app, screen_text, settle

SIZES = [(80, 24), (40, 12)]
# The keys each phase needs: never given way in the key bar at 80 columns.
NEEDED = {
    Phase.OPENING: {"n", "1-5", "u", "space", "t", "?", "q"},
    Phase.CARDS: {"r", "n", "space", "t", "e", "c", "a", "?", "q"},
    Phase.CLOSING: {"n", "1-5", "u", "space", "t", "a", "e", "?", "q"},
    Phase.DONE: {"enter", "x", "e", "a", "h", "?", "q"},
}
LANGS = ["fr", "bm"]


def on_screen(app, widget) -> bool:
    """Is ``widget`` in view: inside the terminal and inside its scroll view? For a list,
    its cursor row; for anything taller than the view, some of it."""
    region = widget.region
    if not widget.display or region.height == 0 or region.width == 0:
        return False
    if isinstance(widget, CursorList):
        lines = widget._lines(widget.content_region.width)
        rows = [n for n, (i, _t) in enumerate(lines) if i == widget.cursor] or [0]
        region = region._replace(y=region.y + rows[0], height=1)
    top, bottom = 0, app.size.height
    for ancestor in widget.ancestors:
        if isinstance(ancestor, ScrollBody):
            top, bottom = ancestor.content_region.y, ancestor.content_region.bottom
            break
    if region.height > bottom - top:
        return region.y < bottom and region.bottom > top
    return top <= region.y and region.bottom <= bottom


def check_popup(app, expect_more: bool | None = None) -> None:
    """The focused part and the key hints are in view; a hidden part is announced."""
    screen = app.screen
    focused = screen.focused
    assert focused is not None, screen
    assert on_screen(app, focused), (focused, focused.region)
    bars = [bar for bar in screen.query(KeyBar) if bar.display]
    assert bars and all(on_screen(app, bar) and bar.shown for bar in bars), bars
    assert any(k in ("escape", "enter") for bar in bars for k in bar.shown)
    for body in screen.query(ScrollBody):
        above, below = body.hidden()
        signs = [s for s in screen.query(MoreSign) if s.body_id == body.id]
        if below:
            assert signs and signs[0].below and on_screen(app, signs[0]), body.id
            assert str(signs[0].render()).strip(), body.id
        if expect_more is not None and body.id != "main":
            assert below == expect_more, (body.id, below)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
async def test_notes_popup_every_part_reachable(tmp_path, lang, size):
    app = build_app(tmp_path / "data", lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "n", "e")
        check_popup(app, expect_more=True)  # the themes and the tag fields are below
        assert isinstance(app.screen.focused, TextArea)
        seen = set()
        for _ in range(6):  # Tab through every part: each one is scrolled into view
            await pilot.press("tab")
            await pilot.pause()
            check_popup(app)
            seen.add(app.screen.focused.id)
        assert {"strategies", "strategy-new", "themes", "theme-new"} <= seen
        # The last theme, by the arrow keys: the cursor row stays in view.
        app.screen.query_one("#themes").focus()
        await pilot.pause()
        for _ in range(20):
            await pilot.press("down")
        listing = app.screen.query_one("#themes")
        lines = listing._lines(listing.content_region.width)
        row = next(n for n, (i, _t) in enumerate(lines) if i == listing.cursor)
        body = app.screen.query_one("#notes-body")
        assert body.content_region.y <= listing.region.y + row < body.content_region.bottom


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
async def test_actions_popup_shows_every_item_and_the_field(tmp_path, lang, size):
    app = build_app(tmp_path / "data", lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "a")
        for what in ("demander un local calme au major de la maternite",
                     "former deux collegues aux premiers secours", "savon"):
            await pilot.press(*(c if c != " " else "space" for c in what), "enter")
            await pilot.pause()
            await pilot.pause()
            check_popup(app)  # the field typed in stays in view as the list grows
        assert len(app.session.record.actions) == 3
        await pilot.press("shift+tab")  # back to the list
        listing = app.screen.query_one("#actions-list")
        assert app.screen.focused is listing
        for _ in range(2):
            await pilot.press("down")
            await pilot.pause()
            check_popup(app)
        # Every item is on screen at 80x24 (the issue: the second one was cut off).
        if size == (80, 24):
            text = screen_text(app)
            assert "premiers secours" in text and "savon" in text


def seed_last_session(data, count: int) -> None:
    with SessionStore.open(data) as store:
        last = SessionRecord("BKO-CSREF", "courage", "fr", 9, started_at=WALL.replace(month=2),
                             ended_at=WALL.replace(month=2))
        last.actions = [ActionItem(f"action {n}: demander du savon et des gants au magasin",
                                   "major") for n in range(1, count + 1)]
        store.save(last)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
async def test_follow_up_cursor_never_leaves_the_screen(tmp_path, lang, size):
    seed_last_session(tmp_path / "data", 8)
    app = build_app(tmp_path / "data", lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        listing = app.screen.query_one("#followup-list")
        check_popup(app)
        body = app.screen.query_one("#followup-body")
        for key in ("d", "c", "x", "d", "c", "x", "d"):
            await pilot.press(key)
            await pilot.pause()
            lines = listing._lines(listing.content_region.width)
            row = next(n for n, (i, _t) in enumerate(lines) if i == listing.cursor)
            assert body.content_region.y <= listing.region.y + row < \
                body.content_region.bottom, (key, listing.cursor)
            check_popup(app)
        assert listing.cursor == 7


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
async def test_every_other_popup_shows_focus_and_key_hints(tmp_path, lang, size):
    app = build_app(tmp_path / "data", lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "n")
        for keys in (("question_mark",), ("h",), ("h", "enter"), ("d",), ("x",), ("q",)):
            await pilot.press(*keys)
            await pilot.pause()
            check_popup(app)
            for _ in keys:
                await pilot.press("escape")
        await pilot.press("question_mark")
        body = app.screen.query_one("#help-scroll")
        assert body.hidden()[1]  # the help is longer than the screen: said so
        await pilot.press("end")
        await pilot.pause()
        assert not body.hidden()[1] and body.hidden()[0]


@pytest.mark.parametrize("lang", ["fr", "bm", "en"])
async def test_key_bar_at_80_columns_keeps_what_each_phase_needs(tmp_path, lang):
    app = build_app(tmp_path / "data", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        for phase, keys in (((), Phase.OPENING), (("n",), Phase.CARDS),
                            (("c",), Phase.CLOSING), (("n",), Phase.DONE)):
            await pilot.press(*phase)
            assert app.session.phase is keys
            bar = app.screen.query_one("#keybar", KeyBar)
            assert NEEDED[keys] <= set(bar.shown), (keys, NEEDED[keys] - set(bar.shown))
            lines = str(bar.render()).splitlines()
            assert len(lines) <= 2 and all(len(line) <= 78 for line in lines)
            labels = {k: f"{key_label(k)} {i18n._(d)}" for k, d in bar.keys}
            for key in bar.shown:  # each key with its label on one line
                assert any(labels[key] in line for line in lines), (key, lines)


@pytest.mark.parametrize("lang", LANGS)
async def test_small_screen_shows_the_card_question(tmp_path, lang):
    app = build_app(tmp_path / "data", lang)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("enter", "n")
        await pilot.pause()
        question = app.screen.query_one("#card-question")
        assert on_screen(app, question)
        words = app.session.view().card.question.split()
        assert " ".join(words[:3]) in " ".join(screen_text(app).split())
        await pilot.press("r", "r")  # advice and affirmation: more than fits, said so
        await pilot.pause()
        sign = app.screen.query_one(MoreSign)
        assert sign.display and sign.below and on_screen(app, sign)
        status = app.screen.query_one("#status")
        assert "BKO-CSREF" in str(status.render())  # the site code stays in view


@pytest.mark.parametrize("lang", LANGS)
async def test_status_line_keeps_the_site_at_80_columns(tmp_path, lang):
    app = build_app(tmp_path / "data", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "n")
        await settle(pilot)
        line = screen_text(app).splitlines()[0]
        assert "BKO-CSREF" in line


async def test_mood_presses_beyond_the_seats_are_said(tmp_path):
    app = build_app(tmp_path / "data", "bm", participants=2)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("enter", "3", "4", "5")
        assert app.session.tally().total == 2
        said = [str(n.message) for n in app._notifications]
        assert any("2" in m and "u" in m for m in said), said
        tally = app.screen.query_one("#tally")
        assert "(2\u00a0/\u00a02)" in tally.text  # never split across two lines
