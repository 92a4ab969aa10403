"""Issue 10, point 5: two ``ccfacil --start`` launched at the same instant on one data
folder.  Each runs in its own terminal (a pty), as two windows would; every time, one
gets the folder and saves its session, the other exits 1 with one line and no traceback.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TRIALS = 10


class Window:
    """``ccfacil`` in a terminal of its own; what it draws is read as it comes."""

    def __init__(self, data: Path):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color",
               "COLUMNS": "80", "LINES": "24"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ccfacil", "--data-dir", str(data), "--lang", "fr",
             "--start", "--site", "KATI"],
            stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env, start_new_session=True)
        os.close(slave)
        self.master, self.screen = master, bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.screen += chunk

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.proc.stderr.close()
        os.close(self.master)
        self.reader.join(5)


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pty")
def test_second_of_two_simultaneous_starts_gets_one_line_and_exit_1(tmp_path):
    outcomes = []
    for trial in range(TRIALS):
        data = tmp_path / f"trial-{trial}"
        windows = [Window(data), Window(data)]  # launched together
        try:
            assert wait_for(lambda: any(w.proc.poll() is not None for w in windows), 60), (
                f"trial {trial}: both windows are still running")
            [loser] = [w for w in windows if w.proc.poll() is not None]
            [winner] = [w for w in windows if w is not loser]
            stderr = loser.proc.stderr.read().decode()
            loser.reader.join(5)
            outcomes.append(loser.proc.returncode)
            assert loser.proc.returncode == 1, (trial, stderr, bytes(loser.screen))
            assert stderr == (f"ccfacil\xa0: erreur\xa0: le dossier de données {data} est déjà "
                              "ouvert dans une autre fenêtre\n"), (trial, stderr)
            assert b"Traceback" not in loser.screen, trial
            # The winner goes on: its session is saved, in its own folder lock.
            journal = data / "sessions.journal"
            assert wait_for(lambda: journal.exists() and journal.stat().st_size > 0, 60), (
                trial, bytes(winner.screen)[-2000:])
            assert winner.proc.poll() is None, (trial, winner.proc.stderr.read())
        finally:
            for window in windows:
                window.stop()
    assert outcomes == [1] * TRIALS
