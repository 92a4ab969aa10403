"""Issue 11, point 2: every change to a running session is a method of ``SessionRun`` that
bumps ``changes`` (in memory, not the stored revision); a change that changes nothing
(a key pressed twice) does not."""

from __future__ import annotations

import datetime as dt

import pytest

from ccfacil.errors import UsageProblem
from ccfacil.sessions.runner import Phase
from ccfacil.sessions.session import ActionStatus
from ccfacil.sessions.turns import FakeClock
from tests.unit.test_runner import make_run


class Counted:
    """A run with a listener that counts what it is told."""

    def __init__(self, **values):
        self.run = make_run(**values)
        self.told = 0
        self.run.subscribe(self.tell)

    def tell(self) -> None:
        self.told += 1

    def bumps(self, change, *args, **kwargs) -> int:
        before, told = self.run.changes, self.told
        change(*args, **kwargs)
        assert self.told - told == self.run.changes - before  # each change is told
        return self.run.changes - before


def test_every_move_and_every_edit_is_counted():
    c = Counted(participants=3)
    run = c.run
    rev = run.record.rev
    assert run.changes == 0
    assert c.bumps(run.add_mood, 4) == 1
    assert c.bumps(run.undo_mood) == 1
    assert c.bumps(run.set_note, "session note") == 1
    assert c.bumps(run.set_present, 4) == 1
    assert c.bumps(run.toggle_turn) == 1
    assert c.bumps(run.next_speaker) == 1
    assert c.bumps(run.adjust_turn, 30) == 1
    assert c.bumps(run.next) == 1  # first card
    card = run.card_record()
    assert c.bumps(run.reveal_more) == 1
    assert c.bumps(run.set_note, "card note", card.card_id) == 1
    assert c.bumps(run.set_tag, "strategies", "music") == 1
    assert c.bumps(run.set_tag, "themes", "night shifts") == 1
    assert c.bumps(run.add_action, " ask for a fan ", " major ", dt.date(2026, 4, 30)) == 1
    assert c.bumps(run.edit_action, 0, role="midwife") == 1
    assert c.bumps(run.cycle_action_status, 0) == 1
    assert c.bumps(run.set_domains, ["self"]) == 1
    assert c.bumps(run.next) == 1
    assert c.bumps(run.skip) == 1
    assert c.bumps(run.back) == 1
    assert c.bumps(run.close) == 1
    assert c.bumps(run.add_mood, 5) == 1
    assert c.bumps(run.remove_action, 0) == 1
    assert run.changes == 22 and run.record.rev == rev  # changes are not revisions
    assert c.bumps(run.finish) == 1
    record = run.record
    assert record.notes == "session note" and card.note == "card note"
    assert record.strategies == ["music"] and record.themes == ["night shifts"]
    assert record.actions == [] and record.participants == 4
    assert record.rev != rev  # the stored revision moves when it is sealed


def test_a_key_pressed_twice_changes_nothing_the_second_time():
    c = Counted(participants=2)
    run = c.run
    run.set_note("same")
    assert c.bumps(run.set_note, "same") == 0
    run.add_mood(3)
    run.add_mood(3)
    assert c.bumps(run.add_mood, 3) == 0  # every seat counted
    assert c.bumps(run.set_present, 2) == 0
    run.set_tag("themes", "workload")
    assert c.bumps(run.set_tag, "themes", "workload") == 0
    assert c.bumps(run.set_tag, "themes", "never on", False) == 0
    assert c.bumps(run.set_tag, "themes", "") == 0
    assert c.bumps(run.reveal_more) == 0  # no card yet
    assert c.bumps(run.back) == 0 and c.bumps(run.skip) == 0
    run.add_action("water")
    assert c.bumps(run.edit_action, 0, what="  water ") == 0
    assert c.bumps(run.edit_action, 0, what="   ") == 0  # an item says what is done
    assert c.bumps(run.set_action_status, 0, ActionStatus.OPEN) == 0
    run.next()
    for _ in range(5):
        run.reveal_more()
    assert run.reveal == 3 and c.bumps(run.reveal_more) == 0
    assert c.bumps(run.set_note, "session note while a card is on") == 0
    assert run.record.notes == "same"
    run.finish()
    assert c.bumps(run.toggle_turn) == 0 and c.bumps(run.next) == 0  # finished: no clock


def test_a_note_for_a_card_not_in_this_session_is_refused_quietly():
    run = make_run()
    assert not run.set_note("lost?", "no-such-card") and run.changes == 0


def test_bad_values_change_nothing():
    run = make_run()
    with pytest.raises(UsageProblem):
        run.add_action("   ")
    with pytest.raises(UsageProblem):
        run.set_present(0)
    with pytest.raises(ValueError):
        run.set_tag("names", "x")  # only strategies and themes are tags
    assert run.changes == 0 and run.record.actions == []


def test_listeners_come_and_go():
    run = make_run(clock=FakeClock())
    told = []
    run.subscribe(lambda: told.append(("first", run.changes)))

    def listener() -> None:
        told.append(("second", run.changes))

    run.subscribe(listener)
    run.add_mood(2)
    run.unsubscribe(listener)
    run.unsubscribe(listener)  # twice: no harm
    run.add_mood(3)
    assert told == [("first", 1), ("second", 1), ("first", 2)]


def test_language_switch_counts_only_when_the_language_changes():
    run = make_run()
    same = run.deck
    run.set_deck_language(same, "fr")
    assert run.changes == 0
    run.set_deck_language(same, "bm")
    assert run.changes == 1 and run.record.lang == "bm"
    assert run.phase is Phase.OPENING
