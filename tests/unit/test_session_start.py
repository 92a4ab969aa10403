"""Issue 11, point 2: what a session starts from, in the core and without Textual: the
follow-up of the site's open action items, what carrying one over does, and the
fresh-card rule.  Each test runs against a repository in memory and on disk."""

from __future__ import annotations

import datetime as dt

from ccfacil.sessions.session import ActionItem, ActionStatus, CardRecord, SessionRecord
from ccfacil.sessions.turns import FakeClock
from ccfacil.sessionstart import recent_cards, start_run, to_review
from tests.unit.test_runner import WALL, make_run

UTC = dt.timezone.utc


def held(day: int, site: str = "KATI", actions=(), cards=(), **fields) -> SessionRecord:
    start = dt.datetime(2026, 3, 1, 9, tzinfo=UTC) + dt.timedelta(days=day)
    record = SessionRecord(site, "courage", "fr", 6, started_at=start,
                           ended_at=start + dt.timedelta(hours=1), **fields)
    record.actions = [ActionItem(what) for what in actions]
    record.cards = [CardRecord(card, card.split("-")[0], seconds=60.0) for card in cards]
    return record


def never_opened():
    raise AssertionError("the store was opened for nothing")


# -- the follow-up -------------------------------------------------------------------

def test_no_site_code_reviews_nothing_and_opens_no_store():
    run = make_run(site="")
    assert to_review(never_opened, run) == []


def test_the_last_session_of_the_site_is_reviewed_not_its_conflict_copy(repo):
    old = held(1, actions=["older item"])
    last = held(8, actions=["soap", "fan"])
    last.actions[1].status = ActionStatus.DONE
    copy = held(9, actions=["only in the copy"], conflict_of=last.id)
    other_site = held(10, site="SEGOU", actions=["not ours"])
    empty = held(11)  # started, nothing in it: it must not hide the one before
    repo.save_many([old, last, copy, other_site, empty])
    run = make_run(site="kati")  # site codes in any case
    review = to_review(lambda: repo, run)
    assert [(r.id, item.what) for r, item in review] == [(last.id, "soap")]


def test_the_running_session_is_not_its_own_follow_up(repo):
    run = make_run(site="KATI")
    run.add_action("decided just now")
    repo.save(run.snapshot())  # saved as it runs
    assert to_review(lambda: repo, run) == []


def test_carrying_over_twice_carries_once_and_revises_once(repo):
    last = held(8, actions=["soap", "fan", "water"])
    repo.save(last)
    run = make_run(site="KATI")
    review = to_review(lambda: repo, run)
    review[0][1].status = ActionStatus.CARRIED
    review[1][1].status = ActionStatus.DONE  # "water" left open
    changed = run.carry_over(review)
    assert [r.id for r in changed] == [last.id] and changed[0].rev.startswith("2-")
    assert run.take_outbox() == changed and run.take_outbox() == []
    before = run.changes
    assert run.carry_over(review) == [] and run.carry_over(review + review) == []  # Enter twice
    assert run.changes == before and run.take_outbox() == []
    [carried] = run.record.actions
    assert (carried.what, carried.from_session, carried.carried_from) == (
        "soap", last.id, review[0][1].id)
    assert changed[0].rev.startswith("2-")  # not revised again


def test_the_same_item_twice_in_one_review_is_carried_once(repo):
    last = held(8, actions=["soap"])
    repo.save(last)
    run = make_run(site="KATI")
    [(record, item)] = to_review(lambda: repo, run)
    item.status = ActionStatus.CARRIED
    run.carry_over([(record, item), (record, item)])
    assert [a.what for a in run.record.actions] == ["soap"]


def test_an_item_marked_again_after_the_review_is_applied_anew(repo):
    """Done first, then (the facilitator changed her mind) carried over: both count."""
    last = held(8, actions=["soap"])
    repo.save(last)
    run = make_run(site="KATI")
    [(record, item)] = to_review(lambda: repo, run)
    item.status = ActionStatus.DONE
    run.carry_over([(record, item)])
    assert run.record.actions == []
    item.status = ActionStatus.CARRIED
    [changed] = run.carry_over([(record, item)])
    assert [a.what for a in run.record.actions] == ["soap"]
    assert changed.actions[0].status is ActionStatus.CARRIED


def test_items_left_open_change_nothing(repo):
    repo.save(held(8, actions=["soap"]))
    run = make_run(site="KATI")
    review = to_review(lambda: repo, run)
    assert run.carry_over(review) == [] and run.changes == 0 and run.record.actions == []


# -- fresh cards -----------------------------------------------------------------------

def test_fresh_cards_need_a_site_and_a_count():
    assert recent_cards(never_opened, "", 3) == set()
    assert recent_cards(never_opened, "KATI", 0) == set()


def test_recent_cards_are_those_of_the_last_sessions_held_at_the_site(repo):
    repo.save_many([
        held(1, cards=["self-01"]),
        held(2, cards=["self-02"]),
        held(3, cards=["self-03"], conflict_of="whatever"),  # a conflict copy: not one
        held(4, cards=["self-04"], site="SEGOU"),
        held(5, cards=["self-05"]),
    ])
    assert recent_cards(lambda: repo, "kati", 2) == {"self-02", "self-05"}


def test_a_deck_where_every_card_is_recent_still_deals_every_card(repo):
    deck_run = make_run(site="KATI")
    every = [c.id for c in deck_run.deck.cards]
    repo.save(held(1, cards=every))
    assert recent_cards(lambda: repo, "KATI", 3) == set(every)
    run = start_run(deck_run.setup, deck_run.deck, lambda: repo, 3, FakeClock(), lambda: WALL)
    seen = []
    run.next()
    for _ in range(len(every)):
        seen.append(run.view().card.id)
        run.next()
    assert sorted(seen) == sorted(every)  # nothing left out, none twice


def test_recent_cards_come_after_all_the_others(repo):
    deck_run = make_run(site="KATI")
    every = [c.id for c in deck_run.deck.cards]
    recent = set(every[::2])
    repo.save(held(1, cards=sorted(recent)))
    run = start_run(deck_run.setup, deck_run.deck, lambda: repo, 3, FakeClock(), lambda: WALL)
    dealt = []
    for _ in range(len(every)):
        run.next()
        dealt.append(run.view().card.id)
    fresh = len(every) - len(recent)
    assert not set(dealt[:fresh]) & recent and set(dealt[fresh:]) == recent
