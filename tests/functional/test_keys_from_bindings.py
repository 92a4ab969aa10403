"""Keys are declared once, as bindings: the key bar and the help are built from them,
``check_action`` keeps each session key to its phases, and the README's key table says
the same as the bindings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding

from ccfacil.i18n import runtime as i18n
from ccfacil.sessions.runner import Phase
from ccfacil.tui.app import CcfacilApp
from ccfacil.tui.keys import bar_keys, help_rows
from ccfacil.tui.screens.confirm import ConfirmScreen
from ccfacil.tui.screens.help import HelpScreen
from ccfacil.tui.screens.history import TextScreen
from ccfacil.tui.screens.session import SessionScreen
from ccfacil.tui.screens.setup import SetupScreen
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.scrollbody import MoreSign
from tests.tui_helpers import build_app

README = Path(__file__).parents[2] / "README.md"
# How the README writes a key -> Textual's name for it.
NAMES = {"?": "question_mark", "F1": "f1", "+": "plus", "=": "equals_sign", "-": "minus",
         "Esc": "escape",
         "Tab": "tab", "Enter": "enter", "↑": "up", "↓": "down"}


def readme_rows() -> list[tuple[list[str], str]]:
    """The key table: ``([textual key names], what it does)`` per row."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| key | what it does |"):]
    rows = []
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        keys_cell, what = [cell.strip() for cell in line.strip("|").split("|", 1)]
        keys: list[str] = []
        for first, last in re.findall(r"`(\d)`–`(\d)`", keys_cell):  # `1`–`5`
            keys += [str(n) for n in range(int(first), int(last) + 1)]
        for token in re.findall(r"`([^`]+)`", re.sub(r"`\d`–`\d`", "", keys_cell)):
            keys.append(NAMES.get(token, token))
        rows.append((keys, keys_cell + " " + what))
    return rows


def bound(owner: type, key: str) -> list[Binding]:
    return [b for k, b in owner._merged_bindings if k == key]


def test_every_key_in_the_readme_table_is_bound_where_it_says():
    rows = readme_rows()
    assert len(rows) >= 20
    for keys, row in rows:
        assert keys, row
        if "on the help screen" in row:
            owners = [HelpScreen]
        elif "on the first screen" in row:
            owners = [SetupScreen]
        else:
            owners = [SessionScreen, SetupScreen, CcfacilApp]
        for key in keys:
            if key in ("escape", "up", "down"):
                continue  # pop-ups and lists: checked below
            assert any(bound(owner, key) for owner in owners), (key, row)


def test_escape_closes_every_pop_up_and_never_ends_a_session():
    import ccfacil.tui.screens.actions  # noqa: F401,E401
    import ccfacil.tui.screens.attendance
    import ccfacil.tui.screens.discard  # noqa: F401,E401
    import ccfacil.tui.screens.domains
    import ccfacil.tui.screens.export  # noqa: F401,E401
    import ccfacil.tui.screens.followup
    import ccfacil.tui.screens.history  # noqa: F401,E401
    import ccfacil.tui.screens.notes
    import ccfacil.tui.screens.referral  # noqa: F401,E401
    import ccfacil.tui.screens.resume  # noqa: F401
    from ccfacil.tui.screens import dialog

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    dialogs = set(subclasses(dialog.Dialog))
    assert len(dialogs) >= 13
    for screen in dialogs:
        assert bound(screen, "escape"), screen
    assert [b.action for b in bound(SessionScreen, "escape")] == ["nothing_open"]


def test_every_key_the_help_and_the_bars_show_is_in_the_readme_table():
    in_readme = {key for keys, _row in readme_rows() for key in keys}
    owners = [SessionScreen, SetupScreen, CcfacilApp]
    helped = {key for keys, _text in help_rows(owners) for key in keys.split(" ")}
    assert {"n", "1-5", "+/-", "h", "x", "r", "l", "p", "m", "?", "q"} <= helped
    for owner in owners:
        for key, binding in owner._merged_bindings:
            if binding.description and (binding.show or binding.tooltip):
                assert key in in_readme, (owner.__name__, key, binding.description)


async def test_the_bar_shows_the_keys_each_phase_allows_and_no_other(tmp_path):
    app = build_app(tmp_path / "data", "en")
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.press("enter")
        seen = {}
        for press, phase in (((), Phase.OPENING), (("n",), Phase.CARDS),
                             (("c",), Phase.CLOSING), (("n",), Phase.DONE)):
            await pilot.press(*press)
            assert app.session.phase is phase
            bar = app.screen.query_one("#keybar", KeyBar)
            assert bar.shown == [key for key, _text in bar.keys]  # all fit at 200 columns
            seen[phase] = dict(bar.keys)
        assert seen[Phase.OPENING]["n"] == "First card"
        assert seen[Phase.CARDS]["n"] == "Next card"
        assert seen[Phase.CLOSING]["n"] == "Finish"
        assert "n" not in seen[Phase.DONE] and seen[Phase.DONE]["enter"] == "New session"
        assert "1-5" not in seen[Phase.CARDS] and "r" not in seen[Phase.OPENING]
        assert {"space", "t", "+/-", "1-5", "r"}.isdisjoint(seen[Phase.DONE])
        for keys in seen.values():  # help and quit close every bar
            assert list(keys)[-2:] == ["?", "q"]


async def test_a_key_hidden_in_a_phase_does_nothing_there(tmp_path):
    app = build_app(tmp_path / "data", "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # the opening: no card to reveal or skip
        await pilot.press("r", "s", "b", "enter")
        assert app.session.phase is Phase.OPENING and app.session.reveal == 0
        await pilot.press("n", "n", "3")  # cards: no count to add
        assert app.session.phase is Phase.CARDS and app.session.record.checkin.total == 0


async def test_a_new_binding_shows_in_the_bar_and_the_help_by_itself(tmp_path):
    class Louder(SessionScreen):
        BINDINGS = [Binding("z", "app.bell", "Ring", tooltip="ring the bell once")]

    assert ("z", "ring the bell once") in help_rows([Louder])
    app = build_app(tmp_path / "data", "en")
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.press("enter")
        await app.push_screen(Louder(app.session))
        await pilot.pause()
        assert ("z", "Ring") in app.screen.query_one(KeyBar).keys
        assert ("z", "Ring") in bar_keys(app.screen)


@pytest.mark.parametrize("lang", ["fr", "bm"])
async def test_a_language_change_reaches_the_pop_up_and_the_screen_under_it(tmp_path, lang):
    app = build_app(tmp_path / "data", "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n")
        under = app.screen
        await app.push_screen(ConfirmScreen(N_QUIT))
        await pilot.pause()
        app.switch_language(lang)
        await pilot.pause()
        i18n.set_language(lang)
        question = str(app.screen.query_one("#confirm-question").render())
        assert question == i18n._(N_QUIT) != N_QUIT
        assert dict(under.query_one(KeyBar).keys)["n"] == "Next card"
        assert i18n._("Next card") in str(under.query_one(KeyBar).render())
        assert i18n._("Answer") in str(app.screen.query_one(KeyBar).render())
        assert i18n._("Cards") in str(under.query_one("#status").render())


async def test_the_more_below_sign_follows_the_language(tmp_path):
    """It kept the words it was first drawn in when the text under it kept its size."""
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(40, 12)) as pilot:
        await app.push_screen(TextScreen(lambda: "\n".join(f"{n}" for n in range(40))))
        await pilot.pause()
        sign = app.screen.query_one(MoreSign)
        assert "plus bas" in str(sign.render()), str(sign.render())
        app.switch_language("en")
        await pilot.pause()
        assert "more below" in str(sign.render()), str(sign.render())


N_QUIT = "Quit now? The session in progress will end."


async def test_the_app_has_all_that_screens_are_typed_to_ask_of_it(tmp_path):
    """``AppRef`` types ``self.app`` by the ``AppServices`` protocol: the app must keep up."""
    import inspect

    from ccfacil.tui.appref import AppServices

    names = set(AppServices.__annotations__) | {
        name for name, _value in inspect.getmembers(AppServices)
        if not name.startswith("_")}
    assert {"ctx", "store", "language_changed_signal", "push_screen"} <= names
    app = build_app(tmp_path / "data", "en")
    async with app.run_test(size=(80, 24)):
        missing = [name for name in names if not hasattr(app, name)]
        assert missing == []
