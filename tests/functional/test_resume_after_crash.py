"""A power cut mid-card: the next start offers to resume the session where it stood.

The crash is simulated the way it happens: while the first app is still running, mid-card,
its data folder is copied as it is on disk (what a ``kill -9`` or a power cut leaves:
no clean exit, no last save); a new app is started on the copy.
"""

from __future__ import annotations

import shutil

import pytest

from ccfacil.sessions.runner import Phase
from ccfacil.sessions.turns import FakeClock
from ccfacil.storage.store import SessionStore
from ccfacil.tui.screens.resume import ResumeScreen
from ccfacil.tui.screens.session import SessionScreen
from ccfacil.tui.screens.setup import SetupScreen
from tests.tui_helpers import build_app, screen_text, settle


async def started(pilot):
    """The store opens just after the first frame; the offer comes then."""
    for _ in range(200):
        await pilot.pause(0.01)
        if pilot.app._store is not None and isinstance(pilot.app.screen, ResumeScreen):
            break
    await pilot.pause()


async def crash_mid_card(tmp_path, lang):
    """Run a session to the second card and copy the data folder as the power goes."""
    clock = FakeClock()
    app = build_app(tmp_path / "data", lang, clock, participants=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "3", "4", "space")
        clock.advance(19)
        await pilot.press("t")
        clock.advance(8)
        await pilot.press("n", "space")
        clock.advance(30)
        await pilot.press("n", "r", "t", "t", "space")
        clock.advance(45)
        await pilot.press("e", *"bruit", "escape")
        await settle(pilot)
        app.keeper.tick()  # the autosave that runs every few seconds
        await settle(pilot)
        run = app.session
        state = {"id": run.record.id, "card": run.view().card.id, "reveal": run.reveal,
                 "seat": run.turn.seat, "cards": [c.card_id for c in run.record.cards]}
        shutil.copytree(tmp_path / "data", tmp_path / "after-cut")
    return state


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
@pytest.mark.parametrize("lang", ["fr", "bm"])
async def test_resume_after_a_power_cut(tmp_path, lang, size):
    before = await crash_mid_card(tmp_path, lang)
    clock = FakeClock(5000)
    app = build_app(tmp_path / "after-cut", lang, clock, participants=6)
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        assert isinstance(app.screen, ResumeScreen)
        assert app.screen.focused.id == "answer-resume"
        assert app.screen.query_one("#resume-keybar").shown  # key hints in view
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        run = app.session
        assert run.record.id == before["id"]
        assert run.phase is Phase.CARDS and run.view().card.id == before["card"]
        assert run.reveal == before["reveal"] and run.turn.seat == before["seat"]
        assert run.record.checkin.total == 2
        assert run.card_record().note == "bruit"
        assert run.view().card.question.split()[0] in screen_text(app)
        await pilot.press("n", "c", "n")
        assert run.phase is Phase.DONE
        await settle(pilot)
    with SessionStore.open(tmp_path / "after-cut") as store:
        records = store.list()
    assert [r.id for r in records] == [before["id"]]  # one record, not two
    record = records[0]
    assert record.ended_at is not None and record.resume is None
    assert [c.card_id for c in record.cards][:2] == before["cards"]
    assert record.airtime()[1] == pytest.approx(19.0) and record.airtime()[2] >= 38


async def test_close_it_as_it_stands(tmp_path):
    before = await crash_mid_card(tmp_path, "fr")
    app = build_app(tmp_path / "after-cut", "fr", FakeClock(5000))
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen) and app.session is None
        closed = app.store.get(before["id"])
        assert closed.ended_at is not None and closed.resume is None
        assert [c.card_id for c in closed.cards] == before["cards"]
        await pilot.press("ctrl+q")
    # The next start asks no more.
    app = build_app(tmp_path / "after-cut", "fr", FakeClock(9000))
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        assert isinstance(app.screen, SetupScreen)


async def test_escape_decides_later_and_changes_nothing(tmp_path):
    before = await crash_mid_card(tmp_path, "bm")
    app = build_app(tmp_path / "after-cut", "bm", FakeClock(5000))
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SetupScreen)
        assert app.store.get(before["id"]).ended_at is None
