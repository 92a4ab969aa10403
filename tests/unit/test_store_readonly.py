"""Issue 10, point 4: a read-only data folder (what ext4 does after I/O errors) is read;
commands that only read work, writers say in one line that nothing can be saved.

Two ways to make it read-only, as root cannot be stopped by ``chmod``: the folder and its
files made immutable (``chattr +i``, real, skipped where the file system or the user
cannot), and every write into the folder failing with EROFS (injected)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccfacil.cli import cli
from ccfacil.sessions.session import SessionRecord
from ccfacil.storage.journal import JOURNAL, SNAPSHOT
from ccfacil.storage.store import SessionStore
from tests.store_helpers import power_cut

REPO = Path(__file__).resolve().parents[2]
START = dt.datetime(2026, 3, 5, 9, 0).astimezone()
WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def run(*args):
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.fixture
def folder(hermetic, tmp_path) -> Path:
    """Two sessions closed, a third cut off by a power cut (the journal needs compacting),
    half-written temporary files left over, and an export of the first to merge."""
    records = [SessionRecord("KATI", "courage", "fr", 9, notes=f"n{i}",
                             id=f"1a2b3c4d-0000-4000-8000-00000000000{i}",
                             started_at=START + dt.timedelta(days=i)) for i in range(3)]
    with SessionStore.open(hermetic) as store:
        store.save(records[0])
        store.save(records[1])
    store = SessionStore.open(hermetic)
    store.save(records[2])
    power_cut(store.close, hermetic)
    assert (hermetic / JOURNAL).stat().st_size
    (hermetic / (SNAPSHOT + ".tmp")).write_bytes(b'{"format":2,"crc')
    (hermetic / (SNAPSHOT + ".bak.tmp")).write_bytes(b"")
    other = SessionRecord("BAMAKO", "courage", "fr", 4, id="9f8e7d6c-0000-4000-8000-0000000000aa",
                          started_at=START)
    with SessionStore.open(tmp_path / "other") as store:
        store.save(other)
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "other"), "export", "session",
                                      other.id, "--format", "json", "--out",
                                      str(tmp_path / "other.json")])
    assert result.exit_code == 0, result.output
    return hermetic


def immutable(folder: Path, request) -> None:
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    paths = [*folder.iterdir(), folder]
    done = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True, text=True)

    def undo():
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)

    request.addfinalizer(undo)
    if done.returncode:
        pytest.skip(f"this file system or user cannot make files immutable: {done.stderr}")


def erofs(folder: Path, monkeypatch) -> None:
    """Every change to the folder fails as on a file system remounted read-only."""
    inside = str(folder)

    def refuse(path) -> bool:
        return str(path).startswith(inside)

    def guard(name, check=lambda *args: True):
        real = getattr(os, name)

        def patched(path, *args, **kwargs):
            if refuse(path) and check(*args):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, patched)

    guard("open", lambda flags, *rest: flags & WRITES)
    for name in ("unlink", "remove", "rename", "replace", "link", "mkdir", "chmod", "rmdir"):
        guard(name)


@pytest.fixture(params=["chattr", "erofs"])
def read_only(request, folder, monkeypatch) -> Path:
    before = state(folder)
    if request.param == "chattr":
        immutable(folder, request)
    else:
        erofs(folder, monkeypatch)
    yield folder
    assert state(folder) == before  # nothing written, renamed or deleted


def test_reading_commands_work(read_only, tmp_path):
    result = run("sessions", "list")
    assert result.exit_code == 0, result.output
    assert [line[:8] for line in result.stdout.splitlines()] == ["1a2b3c4d"] * 3
    assert "Read-only" not in result.output and "Traceback" not in result.output
    result = run("sessions", "show", "1a2b3c4d-0000-4000-8000-000000000002")
    assert result.exit_code == 0, result.output
    assert "n2" in result.stdout
    result = run("export", "session", "1a2b3c4d-0000-4000-8000-000000000002", "--format",
                 "csv", "--out", "-")
    assert result.exit_code == 0, result.output
    result = run("report", "--from", "2026-03", "--to", "2026-03", "--format", "txt",
                 "--out", "-")
    assert result.exit_code == 0, result.output
    result = run("merge", "--dry-run", str(tmp_path / "other.json"))
    assert result.exit_code == 0, result.output
    assert "1 new" in result.stdout


@pytest.mark.parametrize("args", [
    ["sessions", "delete", "1a2b3c4d-0000-4000-8000-000000000001", "--yes"],
    ["merge", "{other}"],
])
def test_writers_say_nothing_can_be_saved(read_only, tmp_path, args):
    result = run(*[arg.format(other=tmp_path / "other.json") for arg in args])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line == (f"ccfacil: error: data folder {read_only} is read-only: nothing can be "
                    "saved")


def test_the_app_does_not_start_on_a_read_only_folder(read_only, monkeypatch):
    from ccfacil.tui.app import CcfacilApp

    monkeypatch.setattr(CcfacilApp, "run", lambda self: pytest.fail("the app started"))
    result = run("run")
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert "read-only" in line and "nothing can be saved" in line


def test_damaged_snapshot_on_a_read_only_folder_is_read_from_the_others(folder, monkeypatch):
    (folder / SNAPSHOT).write_bytes(b"\0" * 40)
    before = state(folder)
    erofs(folder, monkeypatch)
    with SessionStore.open(folder) as store:
        assert [r.notes for r in store.list()] == ["n0", "n1", "n2"]
        kinds = [e.kind for e in store.recovery]
        assert store.read_only
    assert kinds == ["damaged", "restored", "read_only"]
    assert state(folder) == before
