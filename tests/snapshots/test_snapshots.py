"""Snapshots of the main screens, in French and Bambara, at 80x24 and a projector size.

Update after an intended change with ``pytest tests/snapshots --snapshot-update`` and
look at the report before committing the new SVGs.
"""

from __future__ import annotations

import pytest

from ccfacil.sessions.turns import FakeClock
from tests.tui_helpers import build_app, settle

SIZES = {"80x24": (80, 24), "160x45": (160, 45)}
LANGS = ("fr", "bm")


async def settled(pilot):
    """Saves finished, so the status line reads the same on every run."""
    await settle(pilot, 0.02)
    await pilot.pause()


def app_for(tmp_path, lang):
    clock = FakeClock()
    return build_app(tmp_path / "data", lang, clock), clock


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_setup(snap_compare, tmp_path, lang, size):
    app, _clock = app_for(tmp_path, lang)
    assert snap_compare(app, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_card_all_revealed(snap_compare, tmp_path, lang, size):
    app, clock = app_for(tmp_path, lang)

    async def before(pilot):
        await pilot.press("enter", "n", "r", "r", "space")
        clock.advance(45)
        app.screen.tick()
        await settled(pilot)

    assert snap_compare(app, run_before=before, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_overtime(snap_compare, tmp_path, lang, size):
    app, clock = app_for(tmp_path, lang)

    async def before(pilot):
        await pilot.press("enter", "n", "t", "space")
        clock.advance(137)
        app.screen.tick()
        clock.advance(5)  # past the one-off cue
        app.screen.tick()
        await settled(pilot)

    assert snap_compare(app, run_before=before, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_help(snap_compare, tmp_path, lang, size):
    app, _clock = app_for(tmp_path, lang)

    async def before(pilot):
        await pilot.press("enter", "n")
        await settled(pilot)
        await pilot.press("question_mark")

    assert snap_compare(app, run_before=before, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_checkout(snap_compare, tmp_path, lang, size):
    """The closing round shows where to go for more help (here: not set yet)."""
    app, _clock = app_for(tmp_path, lang)

    async def before(pilot):
        await pilot.press("enter", "n", "c", "4")
        await settled(pilot)

    assert snap_compare(app, run_before=before, terminal_size=SIZES[size])


# -- the pop-ups at 80x24 (issue 12: nothing hidden: focus, key hints, "more below") ------

@pytest.mark.parametrize("lang", LANGS)
def test_notes_popup(snap_compare, tmp_path, lang):
    app, _clock = app_for(tmp_path, lang)

    async def before(pilot):
        await pilot.press("enter", "n")
        await settled(pilot)
        await pilot.press("e", *"calme", "tab", "down", "space")
        await settled(pilot)

    assert snap_compare(app, run_before=before, terminal_size=SIZES["80x24"])


@pytest.mark.parametrize("lang", LANGS)
def test_actions_popup(snap_compare, tmp_path, lang):
    app, _clock = app_for(tmp_path, lang)

    async def before(pilot):
        await pilot.press("enter", "a")
        for what, role, due in (("Demander un local calme", "major", "30/04/2026"),
                                ("Former deux collègues", "sage-femme", "")):
            await pilot.press(*(c if c != " " else "space" for c in what))
            await pilot.press("tab", *role, "tab", *due, "enter")
        await settled(pilot)

    assert snap_compare(app, run_before=before, terminal_size=SIZES["80x24"])


@pytest.mark.parametrize("lang", LANGS)
def test_follow_up_popup(snap_compare, tmp_path, lang):
    from ccfacil.sessions.session import ActionItem, SessionRecord
    from ccfacil.storage.store import SessionStore
    from tests.tui_helpers import WALL

    data = tmp_path / "data"
    with SessionStore.open(data) as store:
        last = SessionRecord("BKO-CSREF", "courage", lang, 9, started_at=WALL.replace(month=2),
                             ended_at=WALL.replace(month=2))
        last.actions = [ActionItem(f"Action {n}: demander du savon et des gants au magasin",
                                   "major") for n in range(1, 7)]
        store.save(last)
    app, _clock = app_for(tmp_path, lang)

    async def before(pilot):
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("d", "c", "x", "d")  # the cursor moves past what fits

    assert snap_compare(app, run_before=before, terminal_size=SIZES["80x24"])
