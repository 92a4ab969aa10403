"""A whole session driven by real keys: setup, opening, three cards, turns, overtime,
a language switch mid-card, closing, finish."""

from __future__ import annotations

import json
import random

from click.testing import CliRunner

from ccfacil.cards.draw import DrawPile
from ccfacil.cli import cli
from ccfacil.i18n import runtime as i18n
from ccfacil.sessions.runner import Phase
from ccfacil.sessions.turns import FakeClock
from ccfacil.tui.screens.confirm import ConfirmScreen
from ccfacil.tui.screens.help import HelpScreen
from ccfacil.tui.screens.session import SessionScreen
from ccfacil.tui.screens.setup import SetupScreen
from ccfacil.tui.widgets.turnpanel import TurnPanel
from tests.tui_helpers import build_app, screen_text


async def test_whole_session_by_keys(tmp_path):
    clock = FakeClock()
    app = build_app(tmp_path / "data", "fr", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        run = app.session
        assert run.phase is Phase.OPENING
        assert "Place 1 sur 10" in screen_text(app)

        # Opening: two people check in.
        await pilot.press("space")
        clock.advance(40)
        await pilot.press("t")
        clock.advance(20)
        await pilot.press("t")
        assert run.turn.seat == 3

        # Card 1: talk, reveal advice then affirmation.
        await pilot.press("n")
        assert run.phase is Phase.CARDS and run.reveal == 1
        first = run.view().card
        assert first.question.split()[0] in screen_text(app)
        await pilot.press("r")
        assert run.reveal == 2
        await pilot.press("r", "r")
        assert run.reveal == 3
        await pilot.press("space")
        clock.advance(90)
        await pilot.press("t")
        clock.advance(30)

        # Card 2: a speaker runs over: overtime, one cue; then a language switch mid-card.
        await pilot.press("n")
        second = run.view().card
        await pilot.press("space")
        clock.advance(125)
        app.screen.tick()
        await pilot.pause()
        panel = app.screen.query_one(TurnPanel)
        assert run.turn.overtime and panel.has_class("-overtime") and panel.has_class("-cue")
        assert not run.turn.crossed_overtime()  # the cue is given once
        await pilot.press("plus")
        assert not run.turn.overtime
        await pilot.press("minus", "minus")
        assert run.turn.overtime
        await pilot.press("r")
        await pilot.press("l")
        assert i18n.current_language() == "bm"
        assert run.view().card.id == second.id and run.reveal == 2
        bm_question = run.view().card.question
        assert bm_question != second.question
        assert bm_question.split()[0] in screen_text(app)
        await pilot.press("t")

        # Card 3, skipped card in between, back and forth.
        await pilot.press("n")
        third = run.view().card
        await pilot.press("s")
        assert run.view().card.id != third.id
        await pilot.press("b")
        assert run.view().card.id == second.id
        await pilot.press("n")
        fourth = run.view().card
        clock.advance(60)

        # Closing, then finish.
        await pilot.press("c")
        assert run.phase is Phase.CLOSING
        await pilot.press("n")
        assert run.phase is Phase.DONE
        record = run.record
        assert [c.card_id for c in record.cards] == [first.id, second.id, fourth.id]
        assert record.cards[0].airtime == {3: 90.0, 4: 30.0}
        assert record.cards[1].airtime == {4: 125.0}
        assert record.lang == "bm" and record.ended_at is not None
        assert record.site == "BKO-CSREF" and record.participants == 10
        assert "1" in screen_text(app)

        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen)


async def test_same_seed_same_cards_as_draw(tmp_path):
    app = build_app(tmp_path / "data", "bm", seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "n")
        seen = [app.session.view().card.id]
        for _ in range(4):
            await pilot.press("n")
            seen.append(app.session.view().card.id)
    result = CliRunner().invoke(cli, ["--lang", "bm", "draw", "--seed", "7", "--count", "5",
                                      "--format", "json"])
    assert seen == [card["id"] for card in json.loads(result.stdout)]
    deck = app.ctx.localized_deck("courage")
    assert seen == [c.id for c in DrawPile(deck.cards, random.Random(7)).take(5)]


async def test_help_and_quit_asks_first(tmp_path):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("enter", "n")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen) and app.is_running
        await pilot.press("q", "enter")  # Enter gives the safe answer: No
        assert isinstance(app.screen, SessionScreen) and app.session.phase is Phase.CARDS
        await pilot.press("q", "right", "enter")
        await pilot.pause()
    assert app.session.phase is Phase.DONE


async def test_setup_rejects_bad_values_with_a_clear_line(tmp_path):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        participants = app.screen.query_one("#field-participants")
        participants.value = "25"
        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen)
        assert "20" in screen_text(app)
        participants.value = "8"
        app.screen.query_one("#field-turn").value = "1:75"
        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen)
        app.screen.query_one("#field-turn").value = "1:30"
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.session.setup.participants == 8 and app.session.turn.turn_seconds == 90


async def test_domains_and_balanced_mode(tmp_path):
    app = build_app(tmp_path / "data", "fr", mode="balanced")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "n")
        domains = {app.session.view().card.domain}
        for _ in range(3):
            await pilot.press("n")
            domains.add(app.session.view().card.domain)
        assert domains == {"self", "clients", "family", "colleagues"}
        await pilot.press("d", "1", "2", "3", "enter")  # keep only the fourth domain
        for _ in range(3):
            await pilot.press("n")
            assert app.session.view().card.domain == "colleagues"


async def test_setup_language_choice_switches_everything(tmp_path):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#field-lang").focus()
        await pilot.press("right")
        assert i18n.current_language() == "bm"
        await pilot.press("enter")
        assert app.session.setup.lang == "bm" and app.session.deck.lang == "bm"


async def test_l_switches_language_from_a_number_field(tmp_path):
    app = build_app(tmp_path / "data", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.focused.id == "field-participants"
        await pilot.press("l")
        assert i18n.current_language() == "bm"
        assert app.screen.query_one("#field-participants").value == "10"
        app.screen.query_one("#field-site").focus()
        await pilot.press("l")
        assert app.screen.query_one("#field-site").value == "BKO-CSREFl"
