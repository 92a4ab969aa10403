"""Issue 11, point 2: a session changes in one place, and saving follows from the change.

Nothing here asks for a save: a note typed, a tag switched on, an action item added are
on disk a moment later (the debounce), read by another reader of the data folder while
the app still has it open."""

from __future__ import annotations

import ast
from pathlib import Path

import ccfacil
from ccfacil.storage.store import open_store
from ccfacil.tui.screens.notes import NotesScreen
from ccfacil.tui.screens.session import SessionScreen
from tests.tui_helpers import build_app, wait_saved, wait_shown


def on_disk(data: Path):
    """The sessions as another reader finds them on disk (the app keeps the folder)."""
    store = open_store(data)
    try:
        return store.list()
    finally:
        store.close()


async def test_a_note_typed_is_on_disk_after_the_debounce_with_no_save_asked(tmp_path):
    data = tmp_path / "data"
    app = build_app(data, "fr")
    assert not hasattr(app, "request_save")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n")
        card_id = app.session.view().card.id
        await wait_saved(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, NotesScreen)
        for char in "un ventilateur":
            await pilot.press("space" if char == " " else char)
        await pilot.press("tab", "space")  # a strategy switched on
        await wait_saved(app, pilot)
        assert isinstance(app.screen, NotesScreen)  # still typing: nothing was closed
        [record] = on_disk(data)
        assert [c.note for c in record.cards if c.card_id == card_id] == ["un ventilateur"]
        assert record.strategies == ["music"]
        await wait_shown(pilot, "enregistré")  # the status bar, under the pop-up
        await pilot.press("escape", "a", *"eau", "enter", "escape")
        assert isinstance(app.screen, SessionScreen)
        await wait_saved(app, pilot)
        [record] = on_disk(data)
        assert [a.what for a in record.actions] == ["eau"]


async def test_the_status_bar_watches_the_save_state(tmp_path):
    """The save state is the app's reactive: the session screen hands each new one down
    to its status bar, which shows it at once, under a pop-up too."""
    from ccfacil.storage.saver import SaveState
    from ccfacil.tui.widgets.status import StatusBar

    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("enter")
        await wait_saved(app, pilot)
        bar = app.screen.query_one(StatusBar)
        assert "enregistré" in str(bar.render()) and not bar.has_class("-unsaved")
        app.save_state = SaveState(error="disque plein", pending=1)
        await pilot.pause()
        assert "disque plein" in str(bar.render()) and bar.has_class("-unsaved")
        await pilot.press("question_mark")
        assert app.screen is not bar.screen  # the help over the session
        app.save_state = SaveState(error="plus de place", pending=2)
        await pilot.pause()
        assert "plus de place" in str(bar.render())


def test_no_screen_writes_into_the_session_record():
    """Screens call the session's methods; none assigns to ``run.record.<field>`` or
    asks for a save."""
    tui = Path(ccfacil.__file__).parent / "tui"
    found = []
    for file in tui.rglob("*.py"):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                text = ast.unparse(target)
                if ".record." in text:
                    found.append(f"{file.name}: {text}")
            if isinstance(node, ast.Attribute) and node.attr == "request_save":
                found.append(f"{file.name}: request_save")
    assert found == []
