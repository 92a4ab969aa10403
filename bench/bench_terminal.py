"""Start-up in a real terminal: the whole ``ccfacil`` command to its first drawn frame.

What a facilitator waits for: the installed ``ccfacil`` script is started in a
pseudo-terminal of 80x24 (as a terminal emulator or tmux would start it), and the clock
stops when the setup screen's title has been written to the terminal.  The baseline is a
minimal Textual app (Header + Static + Footer, ``bench/minimal_app.py``) started the same
way by the same Python, in the same run, interleaved, so machine noise hits both alike.
Goal (issue 11): ratio <= 1.3.

Usage: python bench/bench_terminal.py [--runs N] [--lang fr|bm]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKER = b"Club Courage"  # on both first screens
ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[P^_][^\x1b]*\x1b\\|.)")


def first_frame(argv: list[str], env: dict[str, str], timeout: float = 20.0) -> float:
    """Seconds from spawning ``argv`` in an 80x24 pty to the marker on its screen."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program, with the pty as its terminal
        os.execvpe(argv[0], argv, env)
    started = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    try:
        while True:
            left = timeout - (time.perf_counter() - started)
            if left <= 0:
                raise RuntimeError(f"no first frame from {argv!r} in {timeout} s")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the program ended
                raise RuntimeError(f"{argv!r} ended before its first frame: "
                                   f"{ESCAPES.sub(b'', seen)[-300:]!r}") from None
            seen += chunk
            if MARKER in ESCAPES.sub(b"", seen):
                return time.perf_counter() - started
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args()

    script = shutil.which("ccfacil", path=str(Path(sys.executable).parent)) or shutil.which(
        "ccfacil")
    if not script:
        sys.exit("bench_terminal: the ccfacil command is not installed (pip install -e .)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24")
    with tempfile.TemporaryDirectory() as data:
        env["CCFACIL_DATA_DIR"] = data
        commands = {
            "minimal Textual app": [sys.executable, str(HERE / "minimal_app.py")],
            f"ccfacil --lang {args.lang}": [script, "--lang", args.lang],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for argv in commands.values():  # warm the file cache and byte-code for both
            first_frame(argv, env)
        for _ in range(args.runs):
            for name, argv in commands.items():
                times[name].append(first_frame(argv, env))
    base, *others = commands
    t_base = statistics.median(times[base])
    print(f"start-up to first frame in an 80x24 pty, whole process (median of {args.runs})")
    print(f"  {base:<24}: {t_base * 1000:7.1f} ms")
    for name in others:
        t = statistics.median(times[name])
        verdict = "PASS" if t / t_base <= 1.3 else "FAIL"
        print(f"  {name:<24}: {t * 1000:7.1f} ms   ratio {t / t_base:.2f}  goal <= 1.30  "
              f"{verdict}")


if __name__ == "__main__":
    main()
