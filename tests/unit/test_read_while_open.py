"""Issue 12, point 10: while the app has the data folder open, commands that only read
still read (what the app has saved, as one consistent state); commands that write are
refused with one line, and nothing a reader does touches the files."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.sessions.session import CardRecord, SessionRecord
from ccfacil.storage.journal import JournalStorage
from ccfacil.storage.repository import unreadable
from ccfacil.storage.store import SessionStore


def run(data: Path, *args: str):
    return CliRunner().invoke(cli, ["--lang", "en", "--data-dir", str(data), *args])


def held(n: int) -> SessionRecord:
    record = SessionRecord("KATI", "courage", "fr", 6, notes=f"session {n}")
    record.cards = [CardRecord("self-01", "self", seconds=60.0)]
    return record


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def app_has_it(tmp_path):
    """A data folder another window (here: a store held open) has open, with 3 sessions."""
    data = tmp_path / "data"
    store = SessionStore.open(data)
    for n in range(3):
        store.save(held(n))
    yield data, store
    store.close()


def test_readers_read_while_the_app_has_the_folder_open(app_has_it):
    data, store = app_has_it
    before = files(data)
    listed = run(data, "sessions", "list")
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.count("KATI") == 3 and listed.stderr == ""
    first = store.list()[0].id
    shown = run(data, "sessions", "show", first[:8])
    assert shown.exit_code == 0 and "session 0" in shown.stdout
    report = run(data, "report", "--from", "2000-01", "--to", "2100-12", "--format", "json")
    assert report.exit_code == 0, report.output
    exported = run(data, "export", "session", first[:8], "--format", "json")
    assert exported.exit_code == 0 and first in exported.stdout
    assert run(data, "sessions", "conflicts").exit_code == 0
    assert files(data) == before  # a reader never writes


def test_a_reader_sees_what_the_app_saved_after_it_started(app_has_it):
    data, store = app_has_it
    store.save(held(99))
    assert run(data, "sessions", "list").stdout.count("KATI") == 4


@pytest.mark.parametrize("args", [
    ("sessions", "delete", "--yes", "SESSION"),
    ("sessions", "resolve", "SESSION", "--keep", "1"),
    ("merge", "EXPORT"),
])
def test_writers_are_refused_in_one_line_while_the_app_has_it(app_has_it, tmp_path, args):
    data, store = app_has_it
    session = store.list()[0].id
    export = tmp_path / "export.json"
    export.write_text(run(data, "export", "session", session[:8], "--format", "json").stdout,
                      encoding="utf-8")
    args = [session if a == "SESSION" else str(export) if a == "EXPORT" else a for a in args]
    before = files(data)
    result = run(data, *args)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "already open in another window" in result.stderr
    assert "Traceback" not in result.output
    assert files(data) == before


def test_a_reader_gets_one_consistent_state_while_the_app_saves_and_compacts(
        tmp_path, monkeypatch):
    """The writer saves and compacts (snapshot and journal replaced) as fast as it can; a
    reader opening at any moment sees every session saved before it opened, each once,
    and never an error or a recovery message."""
    monkeypatch.setattr(JournalStorage, "compact_bytes", 3_000)  # compact very often
    data = tmp_path / "data"
    writer = SessionStore.open(data)
    writer.save(held(0))
    saved = [1]
    stop = threading.Event()

    def keep_saving() -> None:
        n = 1
        while not stop.is_set() and n < 400:
            writer.save(held(n))
            n += 1
            saved[0] = n

    thread = threading.Thread(target=keep_saving)
    thread.start()
    try:
        seen = []
        for _ in range(40):
            at_least = saved[0]
            with SessionStore.open(data, reader=True) as reader:
                records = reader.list()
                assert reader.recovery == [] and unreadable(reader) == 0
            notes = [r.notes for r in records]
            assert len(notes) == len(set(notes))  # each session once
            assert len(records) >= at_least
            seen.append(len(records))
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert seen == sorted(seen)  # what a reader sees only grows
    assert len(set(seen)) > 1  # the readers really read while the writer wrote


def test_a_compaction_in_the_middle_of_a_read_makes_the_reader_read_again(
        app_has_it, monkeypatch):
    """The journal replaced while the reader was reading (the writer compacted): what it
    read may mix two states, so it reads again."""
    import shutil

    from ccfacil.storage import journal

    data, _store = app_has_it
    calls = []
    real_scan = journal.scan

    def scan_then_compact(folder):
        found = real_scan(folder)
        calls.append(1)
        if len(calls) == 1:  # the writer replaces its journal just after this read
            shutil.copy(folder / journal.JOURNAL, folder / "tmp-copy")
            (folder / "tmp-copy").replace(folder / journal.JOURNAL)
        return found

    monkeypatch.setattr(journal, "scan", scan_then_compact)
    with SessionStore.open(data, reader=True) as reader:
        assert len(reader.list()) == 3
    assert len(calls) == 2
