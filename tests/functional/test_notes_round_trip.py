"""Two facilitators' laptops, the app and the commands: notes sent away without their text
come back without losing the text (``notes_withheld``).

A holds a session with a note and action items; it sends it to B *without* notes; B's
next session reviews those items in the app (a new revision of A's session, made
without the text B never had) and B sends everything back *with* notes.  A keeps its
note and the text of its items, and takes B's review."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.sessions.session import ActionStatus
from ccfacil.storage.store import SessionStore
from ccfacil.tui.screens.followup import FollowUpScreen
from ccfacil.tui.screens.history import HistoryScreen
from ccfacil.tui.screens.session import SessionScreen
from tests.tui_helpers import add_actions, build_app, type_text, wait_saved, wait_shown


def ccfacil(data: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--lang", "fr", "--data-dir", str(data), *args])
    assert result.exit_code == 0, result.output
    return result.output


async def test_a_review_made_without_the_notes_does_not_erase_them(tmp_path):
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a = build_app(a_dir, "fr")
    async with a.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "e")
        await type_text(pilot, "la garde de nuit pese")
        await pilot.press("escape", "a")
        await add_actions(pilot, "ventilateur", "savon")
        await pilot.press("c", "n")
        await wait_saved(a, pilot)
        session_id = a.session.record.id
        await pilot.press("q")
    ccfacil(a_dir, "export", "session", session_id[:8], "--format", "json",
            "--out", str(tmp_path / "a-to-b.json"))
    ccfacil(b_dir, "merge", str(tmp_path / "a-to-b.json"))  # B: a new laptop

    b = build_app(b_dir, "fr")
    async with b.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(b.screen, FollowUpScreen)
        await pilot.press("d", "x", "enter")  # first item done, second dropped
        assert isinstance(b.screen, SessionScreen)
        await wait_saved(b, pilot)
        await pilot.press("h")
        assert isinstance(b.screen, HistoryScreen)
        await wait_shown(pilot, "notes absentes ici")
        await pilot.press("escape", "q", "y")
    ccfacil(b_dir, "export", "session", session_id[:8], "--format", "json",
            "--include-notes", "--out", str(tmp_path / "b-to-a.json"))
    ccfacil(a_dir, "merge", str(tmp_path / "b-to-a.json"))

    with SessionStore.open(a_dir) as store:
        record = store.get(session_id)
    assert [c.note for c in record.cards] == ["la garde de nuit pese"]
    assert [(x.what, x.status) for x in record.actions] == [
        ("ventilateur", ActionStatus.DONE), ("savon", ActionStatus.DROPPED)]
    assert record.notes_withheld is None
    assert "notes absentes" not in ccfacil(a_dir, "sessions", "list")
    assert "notes absentes ici" in ccfacil(b_dir, "sessions", "list")
