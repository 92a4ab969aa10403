"""Issue 9 in the app: an empty session is offered for discarding, the people present are
confirmed at the start and corrected with g, history/export/report without a session,
and revisions that stay small while a session runs."""

from __future__ import annotations

import json

from ccfacil.sessions import revisions
from ccfacil.sessions.runner import SessionSetup
from ccfacil.sessions.session import ActionStatus, SessionState
from ccfacil.sessions.turns import FakeClock
from ccfacil.storage import settings
from ccfacil.storage.store import SessionStore
from ccfacil.tui.app import make_app
from ccfacil.tui.screens.attendance import AttendanceScreen
from ccfacil.tui.screens.discard import DiscardScreen
from ccfacil.tui.screens.export import ExportScreen
from ccfacil.tui.screens.followup import FollowUpScreen
from ccfacil.tui.screens.history import HistoryScreen, TextScreen
from ccfacil.tui.screens.session import SessionScreen
from ccfacil.tui.screens.setup import SetupScreen
from tests.tui_helpers import WALL, build_app, screen_text, type_text, wait_saved


def stored(data):
    with SessionStore.open(data) as store:
        return store.list()


def remembered_app(data, clock=None, **values):
    """The app as ``ccfacil`` opens it: setup from what the settings remember."""
    return make_app(data_dir=data, clock=clock or FakeClock(), wall=lambda: WALL,
                    console_safe=False, theme="normal", bell=False, **values)


# -- a session with nothing in it -------------------------------------------------------

async def test_quitting_an_empty_session_discards_it_by_default(tmp_path):
    data = tmp_path / "data"
    app = build_app(data, "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # only to look at the history, say
        await wait_saved(app, pilot)
        assert len(stored_ids := [r.id for r in app.store.list()]) == 1
        await pilot.press("q")
        assert isinstance(app.screen, DiscardScreen)
        await pilot.press("enter")  # the default: discard
        await pilot.pause()
    assert not app.is_running
    assert stored(data) == [] and stored_ids


async def test_an_empty_session_can_be_kept_as_not_held_or_gone_back_to(tmp_path):
    data = tmp_path / "data"
    app = build_app(data, "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "q")
        assert isinstance(app.screen, DiscardScreen)
        await pilot.press("escape")  # back to the session, nothing lost
        assert isinstance(app.screen, SessionScreen) and app.is_running
        await pilot.press("q", "k")
        await pilot.pause()
    [record] = stored(data)
    assert record.state is SessionState.NOT_HELD and record.ended_at is not None


async def test_a_session_with_a_mood_counted_is_not_offered_for_discarding(tmp_path):
    data = tmp_path / "data"
    app = build_app(data, "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "4", "q")
        assert not isinstance(app.screen, DiscardScreen)  # the usual question
        await pilot.press("y")  # yes, quit (Enter is the safe answer, No)
        await pilot.pause()
    [record] = stored(data)
    assert record.state is SessionState.HELD and record.checkin.total == 1


async def test_a_new_session_after_an_empty_one_offers_to_discard_it(tmp_path):
    data = tmp_path / "data"
    app = build_app(data, "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "c", "n")  # closing, finish: nothing was said
        assert app.session.record.state is SessionState.NOT_HELD
        await pilot.press("enter")
        assert isinstance(app.screen, DiscardScreen)
        await pilot.press("enter", "enter")  # the key pressed twice
        await pilot.pause()
        # discarded; the second Enter lands on the setup screen, whose people present
        # field is empty again: nothing starts until the number is typed
        assert isinstance(app.screen, SetupScreen) and app.session is None
    assert stored(data) == []


# -- people present ---------------------------------------------------------------------

async def test_people_present_are_typed_not_carried_over_from_last_time(tmp_path):
    data = tmp_path / "data"
    settings.save(data, settings.Settings(participants=9, people_last=9, site="SEGOU"))
    app = remembered_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        field = app.screen.query_one("#field-participants")
        assert field.value == ""  # proposed, never assumed
        assert "9" in screen_text(app)  # last time: 9
        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen) and app.session is None
        assert "People present" in screen_text(app)
        await pilot.press("4", "enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.session.record.participants == 4 == app.session.record.seats
        assert app.session.turn.seats == 4
        await pilot.press("3")
        await wait_saved(app, pilot)
        await pilot.press("c", "n", "enter")
        # the next session: the field is empty again, proposing 4
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#field-participants").value == ""
        assert "4" in screen_text(app)
    remembered = settings.load(data)[0]
    assert remembered.participants == 4
    [record] = stored(data)
    assert record.participants == 4
    assert record.origin == remembered.origin != "0" * 32  # this data folder, anonymous


async def test_start_without_setup_asks_for_the_people_present(tmp_path):
    data = tmp_path / "data"
    settings.save(data, settings.Settings(participants=9))
    app = remembered_app(data, start_session=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        await pilot.press("backspace", "6", "enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.session.present == 6 and app.session.record.attendance == []
        assert app.session.turn.seats == 6


async def test_start_with_the_people_present_given_asks_nothing(tmp_path):
    data = tmp_path / "data"
    settings.save(data, settings.Settings(participants=9))
    app = remembered_app(data, start_session=True)
    app.ctx.setup.participants, app.ctx.people_hint = 7, None  # as --participants 7 does
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.session.present == 7


async def test_g_corrects_the_people_present_without_losing_air_time(tmp_path):
    clock = FakeClock()
    data = tmp_path / "data"
    app = build_app(data, "fr", clock, participants=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "space")
        clock.advance(40)
        await pilot.press("t", "t", "t", "t")  # the fifth seat speaks
        await pilot.press("g")
        assert isinstance(app.screen, AttendanceScreen)
        clock.advance(30)  # the speaker goes on meanwhile
        await pilot.press("backspace", "3", "enter")  # two left
        run = app.session
        assert isinstance(app.screen, SessionScreen)
        assert run.present == 3 and run.turn.seat == 5 and run.turn.seats == 3
        await pilot.press("g", "up", "up", "up", "enter")  # three came back with a friend
        assert run.present == 6 and run.record.seats == 6
        await pilot.press("g", "escape")  # looked, changed nothing
        await pilot.press("t")
        assert run.turn.seat == 6
        await pilot.press("n")
        assert run.record.cards[0].airtime == {1: 40.0, 5: 30.0}  # nothing lost
        assert [a.participants for a in run.record.attendance] == [3, 6]
        await pilot.press("c")
        for _ in range(7):
            await pilot.press("4")
        assert run.record.checkout.total == 6  # no more moods than people present
        await wait_saved(app, pilot)
    [record] = stored(data)
    assert record.participants == 6 and [a.at for a in record.attendance] == [WALL, WALL]


# -- history, export and the site's report from the setup screen --------------------------

async def test_history_export_and_report_without_starting_a_session(tmp_path):
    data = tmp_path / "data"
    first = build_app(data, "fr", site="KATI")
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "c", "5", "n")
        await wait_saved(first, pilot)
        session_id = first.session.record.id
        await pilot.press("q")
    app = build_app(data, "fr", site="KATI")
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Historique" in screen_text(app) and "Rapport" in screen_text(app)
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        assert len(app.screen.query_one("#history-list").records) == 1
        await pilot.press("escape", "r")
        assert isinstance(app.screen, TextScreen)
        assert "Séances tenues : 1" in screen_text(app)
        await pilot.press("escape", "x")
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.record.id == session_id
        await pilot.press("tab", "left", "left")  # format: json (md → html → json)
        await pilot.press("enter")
        await pilot.press("escape")
        assert isinstance(app.screen, SetupScreen) and app.session is None
    [written] = (data / "exports").glob("*.json")
    assert json.loads(written.read_text(encoding="utf-8"))["sessions"][0]["id"] == session_id
    assert len(stored(data)) == 1  # no session was started to get there


# -- revisions while the session runs -------------------------------------------------------

async def test_a_running_session_keeps_one_revision_until_it_is_shared(tmp_path):
    clock = FakeClock()
    data = tmp_path / "data"
    app = build_app(data, "fr", clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "space")
        for _ in range(5):  # autosaves, keys: the head is amended, not piled up
            clock.advance(20)
            await pilot.press("r")
            app.keeper.tick()  # the autosave that runs every few seconds
            await wait_saved(app, pilot)
        assert app.store.list()[0].rev.startswith("1-")
        await pilot.press("x", "tab", "left", "left", "enter", "escape")  # json (md → html → json)
        [written] = (data / "exports").glob("*.json")
        exported = json.loads(written.read_text(encoding="utf-8"))["sessions"][0]["rev"]
        assert exported.startswith("1-")
        await pilot.press("n")  # a change after the export: a new revision
        await wait_saved(app, pilot)
        second = app.store.list()[0]
        assert second.rev.startswith("2-") and revisions.supersedes(second, exported)
        await pilot.press("c", "n")  # finished: sealed
        await wait_saved(app, pilot)
        sealed = app.store.list()[0]
        assert sealed.rev.startswith("2-") and sealed.state is SessionState.HELD
        await pilot.press("a")
        await type_text(pilot, "soap")
        await pilot.press("enter", "escape")  # a change after the end: a new revision
        await wait_saved(app, pilot)
        assert app.store.list()[0].rev.startswith("3-")


async def test_follow_up_links_the_carried_item_and_revises_the_last_session(tmp_path):
    data = tmp_path / "data"
    first = build_app(data, "fr")
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "a")
        await type_text(pilot, "fan")
        await pilot.press("enter", "escape", "c", "n")
        await wait_saved(first, pilot)
        before = first.session.record.rev
        await pilot.press("q")
    second = build_app(data, "fr")
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(second.screen, FollowUpScreen)
        await pilot.press("c", "enter")
        [carried] = second.session.record.actions
        await wait_saved(second, pilot)
        old = next(r for r in second.store.list() if r.id != second.session.record.id)
        assert carried.carried_from == old.actions[0].id
        assert old.actions[0].status is ActionStatus.CARRIED
        assert old.rev.startswith("2-") and revisions.supersedes(old, before)


async def test_setup_values_given_on_the_command_line_are_confirmed(tmp_path):
    app = make_app(SessionSetup(lang="fr", participants=7), data_dir=tmp_path / "data",
                   clock=FakeClock(), wall=lambda: WALL, console_safe=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.screen.query_one("#field-participants").value == "7"
        await pilot.press("enter")
        assert app.session.present == 7


async def test_the_people_present_stay_within_the_limits_when_typed_or_stepped(tmp_path):
    """1 to 20 people (``limits.PRESENT``): 0 and 21 are refused with the range named,
    the arrows stop at both ends, and the field takes no third digit."""
    from textual.widgets import Static

    from ccfacil.sessions.limits import PRESENT
    from ccfacil.tui.widgets.field import TextField

    app = build_app(tmp_path / "data", "fr", FakeClock(), participants=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "g")
        assert isinstance(app.screen, AttendanceScreen)
        field = app.screen.query_one(TextField)
        error = app.screen.query_one("#attendance-error", Static)
        for wrong in (PRESENT.low - 1, PRESENT.high + 1):
            await pilot.press("backspace", "backspace", *str(wrong), "enter")
            assert isinstance(app.screen, AttendanceScreen)
            said = str(error.render())
            assert f"{PRESENT.low}" in said and f"{PRESENT.high}" in said
        await pilot.press("backspace", "backspace", "1", "9", "9")
        assert field.value == "19"  # two digits at most
        await pilot.press("up", "up", "up")
        assert field.value == str(PRESENT.high)
        await pilot.press("backspace", "backspace", "2", *["down"] * 3)
        assert field.value == str(PRESENT.low)
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen) and app.session.present == PRESENT.low
