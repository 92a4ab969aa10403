"""One run environment for the command line and the app (issue 11, point 6): the same
library, settings and lock; the settings <-> setup conversion in one place; the fallback
languages read once and given to i18n; the folder's lock decided in one place."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ccfacil import runenv
from ccfacil.i18n import runtime as i18n
from ccfacil.runenv import RunEnv
from ccfacil.sessions import limits
from ccfacil.sessions.runner import SessionSetup
from ccfacil.storage import settings
from ccfacil.storage.errors import StoreError, StoreLocked
from tests.unit.test_store_readonly import erofs


def write_settings(data, **values):
    data.mkdir(parents=True, exist_ok=True)
    (data / settings.FILE).write_text(json.dumps(values), encoding="utf-8")


# -- fallback languages: read by the environment, given to i18n -----------------------

def test_fallback_from_the_environment_variable_wins(tmp_path, monkeypatch):
    data = tmp_path / "data"
    write_settings(data, fallback="en")
    monkeypatch.setenv("CCFACIL_FALLBACK", "bm:fr")
    assert runenv.fallback_languages(data) == ("bm", "fr")


def test_fallback_from_settings_then_none(tmp_path):
    data = tmp_path / "data"
    assert runenv.fallback_languages(data) is None  # no settings file: i18n's own (fr)
    write_settings(data, fallback="  ")
    assert runenv.fallback_languages(data) is None  # blank: as if not set
    write_settings(data, fallback="fr, en")
    assert runenv.fallback_languages(data) == ("fr", "en")


def test_a_damaged_settings_file_is_not_touched_by_reading_the_fallback(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / settings.FILE).write_bytes(b"{not json")
    assert runenv.fallback_languages(data) is None
    assert (data / settings.FILE).read_bytes() == b"{not json"  # not moved aside


def test_start_languages_gives_i18n_the_install_fallback(tmp_path):
    data = tmp_path / "data"
    write_settings(data, fallback="en")
    RunEnv.at(data).start_languages()
    assert i18n.configured_fallback() == ("en",)
    write_settings(data, fallback="fr")
    runenv.start_languages(data)  # changed: configured again
    assert i18n.configured_fallback() == ("fr",)


# -- settings <-> setup -----------------------------------------------------------------

setups = st.builds(
    SessionSetup,
    deck=st.sampled_from(["courage", "error"]),
    participants=st.integers(*limits.PARTICIPANTS),
    turn_seconds=st.integers(*limits.TURN_SECONDS),
    length_minutes=st.integers(*limits.LENGTH_MINUTES),
    mode=st.sampled_from(["shuffle", "balanced", "domain:self"]),
    site=st.from_regex(r"[A-Za-z0-9_.-]{0,32}", fullmatch=True))


@hsettings(max_examples=40, deadline=None, derandomize=True)
@given(setups)
def test_a_setup_remembered_is_the_setup_proposed_next_time(tmp_path_factory, setup):
    data = tmp_path_factory.mktemp("data")
    first = RunEnv.at(data)
    first.remember(setup, theme="projector", bell=False)
    again = RunEnv.at(data)  # next time: read from settings.json
    assert again.settings_warning is None
    proposed = again.settings.to_setup("bm")
    for name in ("deck", "participants", "turn_seconds", "length_minutes", "mode", "site"):
        assert getattr(proposed, name) == getattr(setup, name), name
    assert proposed.lang == "bm"
    assert (again.settings.theme, again.settings.bell) == ("projector", False)


def test_the_proposed_deck_is_one_installed_here(tmp_path):
    data = tmp_path / "data"
    write_settings(data, deck="gone", participants=7)
    setup = RunEnv.at(data).proposed_setup()
    assert setup.deck == "courage" and setup.participants == 7


def test_remembering_in_a_folder_that_cannot_be_written_raises(tmp_path, monkeypatch):
    data = tmp_path / "data"
    write_settings(data, site="KATI")
    env = RunEnv.at(data)
    env.settings
    erofs(data, monkeypatch)
    with pytest.raises(OSError):
        env.remember(SessionSetup(site="SEGOU"))
    assert json.loads((data / settings.FILE).read_text()) == {"site": "KATI"}  # untouched


def test_the_origin_is_made_once_and_kept(tmp_path):
    data = tmp_path / "data"
    env = RunEnv.at(data)
    origin = env.origin
    assert origin and env.origin == origin
    env.remember()
    assert RunEnv.at(data).origin == origin


def test_remembered_site_is_read_without_changing_anything(tmp_path):
    data = tmp_path / "data"
    write_settings(data, site=" KATI ", participants=500)  # a bad value beside it
    before = sorted(p.name for p in data.iterdir())
    assert RunEnv.at(data).remembered_site() == "KATI"
    assert sorted(p.name for p in data.iterdir()) == before  # no .bad- copy made


# -- warnings ---------------------------------------------------------------------------

def test_setting_warnings_name_the_file_and_a_name_as_facilitator_code(tmp_path):
    data = tmp_path / "data"
    write_settings(data, participants=500, facilitator="Moussa")
    found = RunEnv.at(data).setting_warnings()
    assert len(found) == 2
    assert "settings.json" in found[0] and "participants" in found[0]
    assert "Moussa" in found[1] and "facilitator code" in found[1]
    assert RunEnv.at(data).setting_warnings("F07") == found[:1]


# -- the folder's lock, decided in one place --------------------------------------------

def test_the_held_lock_goes_to_the_store_and_nobody_else_writes(tmp_path):
    data = tmp_path / "data"
    running = RunEnv.at(data)
    running.hold_folder()  # 'ccfacil run', first thing
    other = RunEnv.at(data)  # a second window, or a command
    with pytest.raises(StoreLocked, match="already open in another window"):
        other.hold_folder()
    with pytest.raises(StoreLocked):
        other.open_store(write=True)
    with other.open_store() as reader:  # a reader reads what the app has saved
        assert reader.list() == []
    store = running.open_store()  # takes the held lock over
    assert running._lock is None
    running.release_folder()  # nothing left to release: the store holds it
    with pytest.raises(StoreLocked):
        other.open_store(write=True)
    store.close()  # the store lets it go with it
    with other.open_store(write=True) as store:
        assert store.list() == []


def test_released_before_the_store_opened(tmp_path):
    """The app ended before it opened its store: the lock is let go all the same."""
    data = tmp_path / "data"
    running = RunEnv.at(data)
    running.hold_folder()
    running.release_folder()
    running.release_folder()  # twice: harmless
    with RunEnv.at(data).open_store(write=True):
        pass


def test_a_read_only_folder_is_refused_to_a_writer_in_one_line(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    erofs(data, monkeypatch)
    for writer in (lambda env: env.hold_folder(), lambda env: env.open_store(write=True)):
        with pytest.raises(StoreError, match="read-only") as caught:
            writer(RunEnv.at(data))
        assert "\n" not in str(caught.value)
    with RunEnv.at(data).open_store() as reader:  # reading works
        assert reader.list() == []


def test_what_was_repaired_is_told_once_to_whoever_opened(tmp_path):
    told = []
    env = RunEnv.at(tmp_path / "data", tell=told.append)
    with env.open_store(write=True):
        pass
    assert told == []  # nothing to repair, nothing said


# -- the app is built on the command line's environment -------------------------------

def test_the_app_gets_the_command_line_s_environment(tmp_path):
    from ccfacil.tui.app import make_app

    env = RunEnv.at(tmp_path / "data")
    env.hold_folder()
    try:
        app = make_app(env=env)
        assert app.ctx.env is env
        assert app.ctx.library is env.library and app.ctx.settings is env.settings
        assert app.ctx.origin == env.origin
        assert app.ctx.localized_deck("courage") is env.localized_deck("courage")
        assert env._lock is not None  # held until the store opens
    finally:
        env.release_folder()


def test_make_app_keeps_its_old_keywords(tmp_path):
    from ccfacil.cards.library import DeckLibrary
    from ccfacil.storage.filelock import lock_for_writing
    from ccfacil.tui.app import make_app

    library = DeckLibrary.default(tmp_path / "data")
    lock = lock_for_writing(tmp_path / "data")
    try:
        app = make_app(SessionSetup(deck="nope"), data_dir=tmp_path / "data",
                       library=library, lock=lock)
        assert app.ctx.library is library
        assert app.ctx.setup.deck == "courage"  # not installed: the default deck
        assert app.ctx.env._lock is lock
    finally:
        lock.release()
