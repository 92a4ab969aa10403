"""Every range a facilitator can choose is defined once (``ccfacil.sessions.limits``) and the
command line, the settings file, the setup check and the turn parser agree on each bound:
a value one of them takes, none of the others refuses (issue 11, point 6)."""

from __future__ import annotations

import json

import click
import pytest
from hypothesis import example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ccfacil.commands.options import RUN_OPTIONS
from ccfacil.errors import UsageProblem
from ccfacil.sessions import limits
from ccfacil.sessions.runner import SessionSetup, format_turn, parse_turn
from ccfacil.storage import settings


def cli_option(name: str) -> click.Option:
    @click.command()
    def command(**_kwargs):
        pass

    for option in RUN_OPTIONS:
        command = option(command)
    return next(p for p in command.params if p.name == name)


def cli_takes(name: str, value: int) -> bool:
    option = cli_option(name)
    try:
        option.type.convert(value, option, None)
    except click.BadParameter:
        return False
    return True


def settings_take(data_dir, name: str, value: int) -> bool:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / settings.FILE).write_text(json.dumps({name: value}), encoding="utf-8")
    loaded, warning = settings.load(data_dir)
    for old in data_dir.glob(f"{settings.FILE}.bad-*"):
        old.unlink()
    assert (warning is None) is (getattr(loaded, name) == value)
    return warning is None


def setup_takes(**values) -> bool:
    try:
        SessionSetup(**values).check()
    except UsageProblem:
        return False
    return True


def turn_parser_takes(seconds: int) -> bool:
    try:
        return parse_turn(format_turn(seconds)) == seconds
    except UsageProblem:
        return False


def test_the_numbers_are_the_documented_ones():
    """The ranges the README and the messages give: 2 to 20 seats, 0:10 to 30:00 a turn,
    5 to 600 minutes a session, 1 to 20 people present (a correction), 0 to 100 sessions."""
    assert limits.PARTICIPANTS == (2, 20)
    assert limits.PRESENT == (1, 20)
    assert limits.TURN_SECONDS == (10, 1800)
    assert limits.LENGTH_MINUTES == (5, 600)
    assert limits.FRESH_SESSIONS == (0, 100)


@pytest.mark.parametrize("name, option, field", [
    ("participants", "participants", "participants"),
    ("length_minutes", "length", "length_minutes"),
])
def test_cli_settings_and_setup_agree_at_every_bound(tmp_path, name, option, field):
    low, high = limits.SETTINGS[name]
    for value, inside in ((low - 1, False), (low, True), (high, True), (high + 1, False)):
        assert cli_takes(option, value) is inside, (option, value)
        assert settings_take(tmp_path, name, value) is inside, (name, value)
        assert setup_takes(**{field: value}) is inside, (field, value)


def test_turn_length_agrees_at_every_bound(tmp_path):
    low, high = limits.TURN_SECONDS
    for value, inside in ((low - 1, False), (low, True), (high, True), (high + 1, False)):
        assert turn_parser_takes(value) is inside, value
        assert settings_take(tmp_path, "turn_seconds", value) is inside, value
        assert setup_takes(turn_seconds=value) is inside, value


@hsettings(max_examples=60, deadline=None, derandomize=True)
@given(st.sampled_from(["participants", "length_minutes", "turn_seconds"]),
       st.integers(min_value=-5, max_value=2000))
@example("participants", 21)
@example("length_minutes", 4)
def test_one_range_whatever_the_value(tmp_path_factory, name, value):
    inside = limits.SETTINGS[name].holds(value)
    data_dir = tmp_path_factory.mktemp("data")
    assert settings_take(data_dir, name, value) is inside
    assert setup_takes(**{name: value}) is inside
    if name == "turn_seconds":
        assert turn_parser_takes(value) is inside or value < 0
    else:
        assert cli_takes({"length_minutes": "length"}.get(name, name), value) is inside


def test_messages_name_the_same_numbers():
    """The help, the messages and the setup check say the numbers the range has."""
    help_text = cli_option("participants").help
    assert f"{limits.PARTICIPANTS.low} to {limits.PARTICIPANTS.high}" in help_text
    with pytest.raises(UsageProblem, match="participants must be 2 to 20, not 21"):
        SessionSetup(participants=21).check()
    with pytest.raises(UsageProblem, match="between 0:10 and 30:00"):
        SessionSetup(turn_seconds=limits.TURN_SECONDS.high + 1).check()
    assert (format_turn(limits.TURN_SECONDS.low), format_turn(limits.TURN_SECONDS.high)) == (
        "0:10", "30:00")
    with pytest.raises(UsageProblem, match="5 to 600 minutes, not 601"):
        SessionSetup(length_minutes=601).check()


def test_people_present_correction_range():
    """During a session someone leaves: down to 1 present is fine, 0 is not; the most is
    the most seats."""
    from ccfacil.cards.deck import Card, Deck, Domain
    from ccfacil.sessions.runner import SessionRun

    deck = Deck(id="d", title="D", version=1, source_language="en",
                domains=(Domain("a", "A"),),
                cards=tuple(Card(f"c{i}", "a", f"q{i}", "", "") for i in range(3)))
    run = SessionRun(SessionSetup(deck="d", participants=3), deck, clock=lambda: 0.0)
    assert run.set_present(limits.PRESENT.low)
    assert run.set_present(limits.PRESENT.high)
    for wrong in (limits.PRESENT.low - 1, limits.PRESENT.high + 1):
        with pytest.raises(UsageProblem, match="people present must be 1 to 20"):
            run.set_present(wrong)


def test_settings_fresh_sessions_range(tmp_path):
    low, high = limits.FRESH_SESSIONS
    for value, inside in ((low - 1, False), (low, True), (high, True), (high + 1, False)):
        assert settings_take(tmp_path, "fresh_sessions", value) is inside
