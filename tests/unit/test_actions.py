"""Action items add up: in any period, decided = done + carried + dropped + still open,
each chain of carried items counted once (issue 9, point 4)."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccfacil.export import report
from ccfacil.sessions import followup
from ccfacil.sessions.session import ActionItem, ActionStatus, SessionRecord

UTC = dt.timezone.utc
STATUSES = (ActionStatus.DONE, ActionStatus.CARRIED, ActionStatus.DROPPED, ActionStatus.OPEN)


def session(day: int, site: str = "KATI", n: int = 0) -> SessionRecord:
    start = dt.datetime(2026, 1, 1, 9, tzinfo=UTC) + dt.timedelta(days=day, minutes=n)
    return SessionRecord(site=site, deck="courage", lang="fr", participants=6,
                         id=f"s-{site}-{day:03d}-{n}", started_at=start,
                         ended_at=start + dt.timedelta(hours=1), cards=[])


def test_the_march_report_adds_up():
    """The issue's March: 7 items decided; one was carried over within the month, and
    counting its copy too made done 1 + carried 1 + dropped 0 + open 6 = 8."""
    first, second = session(62), session(80)  # 4 and 22 March
    first.actions = [ActionItem(f"item {n}") for n in range(6)]
    first.actions[0].status = ActionStatus.DONE
    for item in first.actions[1:]:
        item.status = ActionStatus.OPEN
    review = [(first, first.actions[1])]
    first.actions[1].status = ActionStatus.CARRIED
    followup.apply(review, second)  # the carried item goes on in the second session
    second.actions.append(ActionItem("new in the second session"))
    march = report.build([first, second], None, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    found = march.overall.actions
    assert (found.decided, found.opened, found.carried_in) == (7, 7, 0)
    assert (found.done, found.carried, found.dropped, found.open) == (1, 0, 0, 6)
    # April starts with the item carried into a new session: counted as carried in
    third = session(95)  # 6 April
    second.actions[0].status = ActionStatus.CARRIED
    followup.apply([(second, second.actions[0])], third)
    april = report.build([first, second, third], None, dt.date(2026, 4, 1),
                         dt.date(2026, 4, 30)).overall.actions
    assert (april.decided, april.opened, april.carried_in, april.open) == (1, 0, 1, 1)
    march = report.build([first, second, third], None, dt.date(2026, 3, 1),
                         dt.date(2026, 3, 31)).overall.actions
    assert (march.decided, march.carried, march.open) == (7, 1, 5)  # it left March carried


def test_old_records_link_by_session_and_text():
    """Schema 1 had only ``from_session``: the item of that session with the same text."""
    first, second = session(62), session(80)
    first.actions = [ActionItem("soap", status=ActionStatus.CARRIED)]
    second.actions = [ActionItem("soap", from_session=first.id),
                      ActionItem("from an earlier session", from_session="elsewhere")]
    found = report.build([first, second], None, dt.date.min, dt.date.max).overall.actions
    assert (found.decided, found.opened, found.carried_in, found.open) == (2, 1, 1, 2)


def test_a_loop_of_links_does_not_hang_or_lose_items():
    first = session(62)
    a = ActionItem("a", id="a", carried_from="b")
    b = ActionItem("b", id="b", carried_from="a")
    first.actions = [a, b, ActionItem("self", id="c", carried_from="c")]
    found = report.build([first], None, dt.date.min, dt.date.max).overall.actions
    assert found.decided == found.done + found.carried + found.dropped + found.open


# Property: random histories of several sites ------------------------------------------------

def history(rng: random.Random) -> tuple[list[SessionRecord], dict[tuple[str, str], str]]:
    """Sessions at two sites over a year: each reviews the last one's open items (done,
    carried, dropped or left open) and raises new ones.  Returns the sessions and, for
    the test's own count, the chain each item belongs to."""
    sessions, chains = [], {}
    for site in ("KATI", "SEGOU"):
        last = None
        for number in range(rng.randint(1, 14)):
            record = session(rng.randint(0, 360) if last is None else
                             (last.started_at.date() - dt.date(2026, 1, 1)).days
                             + rng.randint(0, 40), site, number)
            if last is not None:
                review = [(last, item) for item in last.actions
                          if item.status is ActionStatus.OPEN]
                for _record, item in review:
                    item.status = rng.choice(STATUSES)
                followup.apply(review, record)
                for item in record.actions:
                    chains[record.id, item.id] = chains[last.id, item.carried_from]
            for _ in range(rng.randint(0, 3)):
                item = ActionItem(rng.choice(["savon", "ventilateur", "réunion"]))
                if rng.random() < 0.2:  # decided and settled in the same session
                    item.status = rng.choice(STATUSES)
                record.actions.append(item)
                chains[record.id, item.id] = f"{record.id}/{item.id}"
            sessions.append(record)
            last = record
    return sessions, chains


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), first=st.integers(0, 400), days=st.integers(0, 400),
       site=st.sampled_from([None, "KATI", "segou"]))
def test_decided_is_done_plus_carried_plus_dropped_plus_open(seed, first, days, site):
    sessions, chains = history(random.Random(seed))
    start = dt.date(2026, 1, 1) + dt.timedelta(days=first)
    end = start + dt.timedelta(days=days)
    built = report.build(sessions, [site] if site else None, start, end)
    cells = [*built.cells.values(), built.overall]
    for cell in cells:
        found = cell.actions
        assert found.decided == found.done + found.carried + found.dropped + found.open
        assert found.decided == found.opened + found.carried_in
    # the test's own count: each chain once, with the status of its latest item (the
    # sessions of a site are in the order they were held)
    latest: dict[str, tuple[ActionStatus, bool]] = {}
    for record in sessions:
        day = record.started_at.date()
        if not start <= day <= end or (site and record.site != site.upper()):
            continue
        for item in record.actions:
            chain = chains[record.id, item.id]
            carried_in = latest[chain][1] if chain in latest else item.carried_from is not None
            latest[chain] = (item.status, carried_in)
    found = built.overall.actions
    assert found.decided == len(latest)
    assert found.carried_in == sum(carried for _status, carried in latest.values())
    for status, count in ((ActionStatus.DONE, found.done), (ActionStatus.CARRIED,
                                                             found.carried),
                          (ActionStatus.DROPPED, found.dropped),
                          (ActionStatus.OPEN, found.open)):
        assert count == sum(s is status for s, _c in latest.values()), status
