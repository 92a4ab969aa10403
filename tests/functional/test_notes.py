"""Notes, tags, tallies and action items: typed, saved, found again after a restart."""

from __future__ import annotations

import errno
import subprocess
import sys

import pytest

from ccfacil.sessions.session import ActionStatus, SessionRecord
from ccfacil.sessions.turns import FakeClock
from ccfacil.storage.store import SessionStore
from ccfacil.tui.screens.actions import ActionsScreen
from ccfacil.tui.screens.confirm import ConfirmScreen
from ccfacil.tui.screens.followup import FollowUpScreen
from ccfacil.tui.screens.history import HistoryScreen, TextScreen
from ccfacil.tui.screens.notes import NotesScreen
from ccfacil.tui.screens.session import SessionScreen
from tests.tui_helpers import (
    WALL,
    add_actions,
    build_app,
    screen_text,
    type_text,
    wait_saved,
    wait_shown,
)


async def test_notes_survive_quit_and_restart(tmp_path):
    data = tmp_path / "data"
    clock = FakeClock()
    app = build_app(data, "fr", clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "3", "4", "4", "u", "5")
        await pilot.press("n")
        card_id = app.session.view().card.id
        await pilot.press("e")
        assert isinstance(app.screen, NotesScreen)
        await type_text(pilot, "music helps after night shifts")
        await pilot.press("tab")  # to the strategies list
        await pilot.press("space")  # first strategy: music
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("a")
        assert isinstance(app.screen, ActionsScreen)
        await type_text(pilot, "ask for a fan")
        await pilot.press("tab")
        await type_text(pilot, "major")
        await pilot.press("tab")
        await type_text(pilot, "30/04/2026")
        await pilot.press("enter", "escape")
        await wait_saved(app, pilot)
        await wait_shown(pilot, "enregistré")
        session_id = app.session.record.id
        await pilot.press("q", "y")
    # A new app on the same data folder finds everything.
    with SessionStore.open(data) as store:
        record = store.get(session_id)
    assert record.cards[0].card_id == card_id
    assert record.cards[0].note == "music helps after night shifts"
    assert record.strategies == ["music"]
    assert record.checkin.counts == {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    assert [(a.what, a.role, a.due.isoformat()) for a in record.actions] == [
        ("ask for a fan", "major", "2026-04-30")]
    assert record.ended_at is not None


async def test_privacy_warning_before_saving_a_phone_number(tmp_path):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "e")
        await type_text(pilot, "call 76 12 34 56")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "76 12 34 56" in screen_text(app)
        await pilot.press("escape")  # no: back to the note
        assert isinstance(app.screen, NotesScreen)
        assert "34 56" not in app.session.card_record().note  # never autosaved
        app.screen.query_one("#notes-text").load_text("")
        await type_text(pilot, "call the major")
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)
        assert app.session.card_record().note == "call the major"


async def test_follow_up_of_last_sessions_open_items(tmp_path):
    data = tmp_path / "data"
    first = build_app(data, "fr")
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "a")
        await add_actions(pilot, "fan", "soap", "roster")
        await pilot.press("c", "n")
        await wait_saved(first, pilot)
        first_id = first.session.record.id
        await pilot.press("q")
    second = build_app(data, "fr")
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(second.screen, FollowUpScreen)
        await pilot.press("d", "c", "x", "enter")
        assert isinstance(second.screen, SessionScreen)
        carried = second.session.record.actions
        assert [(a.what, a.status, a.from_session) for a in carried] == [
            ("soap", ActionStatus.OPEN, first_id)]
        await wait_saved(second, pilot)
        await pilot.press("q", "y")
    with SessionStore.open(data) as store:
        old = store.get(first_id)
    assert [a.status for a in old.actions] == [ActionStatus.DONE, ActionStatus.CARRIED,
                                               ActionStatus.DROPPED]


async def test_history_read_and_delete(tmp_path):
    data = tmp_path / "data"
    with SessionStore.open(data) as store:
        for month, minutes in ((1, 10), (2, 20)):
            start = WALL.replace(month=month)
            record = SessionRecord(site="BKO-CSREF", deck="courage", lang="fr",
                                   participants=9, started_at=start, ended_at=start)
            record.notes = f"session of {minutes} minutes"
            store.save(record)
        store.save(SessionRecord(site="OTHER", deck="courage", lang="fr", participants=5))
    app = build_app(data, "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "h")
        assert isinstance(app.screen, HistoryScreen)
        listing = app.screen.query_one("#history-list")
        assert len(listing.records) == 3  # two saved + this one, not the other site
        await pilot.press("up", "up", "enter")
        assert isinstance(app.screen, TextScreen)
        assert "session of 10 minutes" in str(app.screen.query_one("#text-body").content)
        await pilot.press("escape", "x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the safe answer: nothing deleted
        assert len(listing.records) == 3
        await pilot.press("x", "y")
        assert len(listing.records) == 2
        await pilot.press("escape")
    with SessionStore.open(data) as store:
        assert len(store.list("BKO-CSREF")) == 2


async def test_fresh_cards_avoid_recent_ones(tmp_path):
    data = tmp_path / "data"
    seen = set()
    for _ in range(2):
        app = build_app(data, "fr", seed=5)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter", "n")
            ids = [app.session.view().card.id]
            for _ in range(5):
                await pilot.press("n")
                ids.append(app.session.view().card.id)
            assert not seen & set(ids)  # same seed, yet none of last time's cards
            seen |= set(ids)
            await pilot.press("c", "n")
            await wait_saved(app, pilot)
            await pilot.press("q")


async def test_disk_full_says_not_saved_and_keeps_the_note(tmp_path, monkeypatch):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("enter", "n")
        await wait_saved(app, pilot)
        from ccfacil.storage import store as store_module

        original = store_module.SessionStore.save

        def full(self, record):
            raise store_module.SaveError(errno.ENOSPC and "No space left on device")

        monkeypatch.setattr(store_module.SessionStore, "save", full)
        await pilot.press("e")
        await type_text(pilot, "kept safe")
        await pilot.press("escape")
        for _ in range(20):
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            if app.save_state.error:
                break
        assert app.save_state.error and app.keeper.saver.pending == 1
        assert "NON ENREGISTRÉ" in screen_text(app).upper()
        monkeypatch.setattr(store_module.SessionStore, "save", original)
        app.keeper.tick()  # the autosave, every few seconds, tries again
        await wait_saved(app, pilot)
        assert app.save_state.error is None


def test_second_window_on_the_same_data_folder_gets_one_line(tmp_path):
    data = tmp_path / "data"
    with SessionStore.open(data):
        proc = subprocess.run([sys.executable, "-m", "ccfacil", "--data-dir", str(data),
                               "--lang", "fr"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "déjà ouvert dans une autre fenêtre" in lines[0]


async def test_export_from_the_app_to_a_usb_drive(tmp_path, monkeypatch):
    from ccfacil.export import places

    drive = tmp_path / "media" / "awa" / "USB"
    drive.mkdir(parents=True)
    monkeypatch.setattr(places.os.path, "ismount", lambda p: str(p) == str(drive))
    monkeypatch.setattr(places, "MOUNT_ROOTS", (str(tmp_path / "media"),))
    monkeypatch.setattr(places.export_folders, "__defaults__", ((str(tmp_path / "media"),),))
    app = build_app(tmp_path / "data", "bm")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "c", "n", "x")
        from ccfacil.tui.screens.export import ExportScreen

        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#export-folder").value == str(drive)  # USB first
        await pilot.press("tab", "right", "right")  # format: csv
        await pilot.press("enter")
        written = list(drive.glob("ccfacil-BKO-CSREF-*.csv"))
        shown = str(app.screen.query_one("#export-result").content)
        assert len(written) == 1 and str(written[0]) in shown
        assert written[0].read_bytes().startswith(b"\xef\xbb\xbf")
        await pilot.press("shift+tab", "right", "enter")  # this month's report
        assert len(list(drive.glob("ccfacil-report-BKO-CSREF-*.csv"))) == 1


async def test_export_screen_offers_the_registry_and_writes_html(tmp_path, monkeypatch):
    from ccfacil.export import formats, places

    monkeypatch.setattr(places.export_folders, "__defaults__", ((str(tmp_path / "none"),),))
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "c", "n", "x")
        choice = app.screen.query_one("#export-format")
        assert [value for value, _label in choice.options] == list(
            formats.names(formats.in_app()))
        await pilot.press("tab", *["right"] * choice.options.index(
            next(o for o in choice.options if o[0] == "html")))
        assert choice.value == "html"
        shown = screen_text(app)
        assert "pour regarder ou imprimer" in shown and "HTML" in shown  # words, then the name
        await pilot.press("enter")
        written = list((tmp_path / "data" / "exports").glob("ccfacil-*.html"))
        assert len(written) == 1
        assert written[0].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        await pilot.press("shift+tab", "right", "enter")  # this month's report, as html
        assert len(list((tmp_path / "data" / "exports").glob("ccfacil-report-*.html"))) == 1


@pytest.mark.parametrize("existing", [False, True], ids=["new", "made-before-0755"])
async def test_the_apps_exports_folder_is_private(tmp_path, monkeypatch, existing):
    """Issue 10, point 11: exports may carry notes; our exports folder is 0700."""
    import stat

    from ccfacil.export import places

    monkeypatch.setattr(places.export_folders, "__defaults__", ((str(tmp_path / "none"),),))
    data = tmp_path / "data"
    if existing:
        (data / "exports").mkdir(parents=True)
        (data / "exports").chmod(0o755)
    app = build_app(data, "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "c", "n", "x")
        assert app.screen.query_one("#export-folder").value == str(data / "exports")
        await pilot.press("enter")
        assert len(list((data / "exports").glob("ccfacil-*.md"))) == 1
    assert stat.S_IMODE((data / "exports").stat().st_mode) == 0o700
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_removable_drives_are_found(tmp_path, monkeypatch):
    from ccfacil.export import places

    user_drive = tmp_path / "media" / "awa" / "KINGSTON"
    plain = tmp_path / "mnt" / "usb"
    for folder in (user_drive, plain, tmp_path / "media" / "awa" / "notmounted"):
        folder.mkdir(parents=True)
    mounted = {str(user_drive), str(plain)}
    monkeypatch.setattr(places.os.path, "ismount", lambda p: str(p) in mounted)
    roots = (tmp_path / "media", tmp_path / "run-media-missing", tmp_path / "mnt")
    assert places.removable_drives(roots) == [user_drive, plain]
    assert places.export_folders(tmp_path / "data", roots)[-1] == tmp_path / "data" / "exports"


async def test_fast_typing_across_fields_lands_in_the_right_field(tmp_path):
    from textual import events

    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "a")
        for key, char in [*((c, c) for c in "fan"), ("tab", "\t"), *((c, c) for c in "major")]:
            app.post_message(events.Key(key, char))  # all at once, as a paste or a fast typist
        await pilot.pause()
        assert app.screen.query_one("#action-what").value == "fan"
        assert app.screen.query_one("#action-role").value == "major"
