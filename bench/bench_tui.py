"""TUI figures for issue 4, each against a baseline measured in the same run.

- start-up: process start to first frame, ccfacil vs a minimal Textual app
  (Header + Static + Footer), both headless at 80x24; goal ratio <= 1.3;
- peak memory (max RSS) of those same runs; goal ratio <= 1.5;
- key ``n`` to the new card on screen, in-process; goal median < 20 ms.

Usage: python bench/bench_tui.py [--runs N] [--keys N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def one_start(kind: str, data_dir: str) -> tuple[float, int]:
    """Seconds from spawning the process to its first frame, and its peak memory."""
    # As installed by pip: byte-code compiled once, not at every start (an environment
    # with PYTHONDONTWRITEBYTECODE would make ccfacil's own modules recompile each time).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, str(HERE / "startup_child.py"), kind, data_dir,
                          repr(time.time())], capture_output=True, text=True, check=True,
                         env=env)
    seconds, rss = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(rss)


def fill(data_dir: str, sessions: int) -> None:
    """A data folder with this many stored sessions (six cards and notes each)."""
    import datetime as dt

    from ccfacil.sessions.session import CardRecord, SessionRecord
    from ccfacil.storage.store import SessionStore

    start = dt.datetime(2024, 1, 1, 9, 0).astimezone()
    with SessionStore.open(Path(data_dir)) as store:
        for n in range(sessions):
            when = start + dt.timedelta(days=n)
            record = SessionRecord(site=f"SITE-{n % 20:02d}", deck="courage", lang="fr",
                                   participants=10, started_at=when,
                                   ended_at=when + dt.timedelta(minutes=60))
            record.cards = [CardRecord(f"self-{c:02d}", "self", when, 300.0,
                                       {1: 100.0, 2: 200.0}, "a short note") for c in range(6)]
            store.save(record)


KINDS = ("minimal", "ccfacil", "ccfacil-1000")


def startup(runs: int) -> dict[str, tuple[list[float], list[int]]]:
    results: dict[str, tuple[list[float], list[int]]] = {k: ([], []) for k in KINDS}
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as full:
        fill(full, 1000)
        folders = {"minimal": empty, "ccfacil": empty, "ccfacil-1000": full}
        for kind in KINDS:  # warm the file cache for all
            one_start(kind.split("-")[0], folders[kind])
        for _ in range(runs):  # interleaved, so machine noise hits all alike
            for kind in KINDS:
                seconds, rss = one_start(kind.split("-")[0], folders[kind])
                results[kind][0].append(seconds)
                results[kind][1].append(rss)
    return results


async def key_latency(presses: int) -> list[float]:
    """From the key event to the refresh that puts the new card on screen."""
    from ccfacil.i18n import runtime as i18n
    from ccfacil.sessions.runner import SessionSetup
    from ccfacil.tui.app import make_app
    from ccfacil.tui.screens.session import SessionScreen

    with tempfile.TemporaryDirectory() as data:
        i18n.configure(Path(data))
        i18n.set_language("fr")
        app = make_app(SessionSetup(lang="fr", seed=1), data_dir=Path(data), bell=False,
                       console_safe=False)
        timings: list[float] = []
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter", "n")
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            original = screen.action_next
            for _ in range(presses):
                shown = asyncio.get_running_loop().create_future()

                def action_next(*phase: str) -> None:  # ``next('cards')``: the phase's n
                    original(*phase)
                    screen.call_after_refresh(lambda: shown.set_result(time.perf_counter()))

                screen.action_next = action_next
                before = app.session.view().card.id
                started = time.perf_counter()
                app.simulate_key("n")
                timings.append(await shown - started)
                assert app.session.view().card.id != before
                await pilot.pause()
        return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keys", type=int, default=100)
    args = parser.parse_args()

    results = startup(args.runs)
    t_min = statistics.median(results["minimal"][0])
    m_min = max(results["minimal"][1])
    labels = {"ccfacil": "ccfacil (bm)", "ccfacil-1000": "ccfacil, 1,000 sessions"}
    print(f"start-up to first frame (median of {args.runs}, headless 80x24)")
    print(f"  {'minimal Textual app':<24}: {t_min * 1000:7.1f} ms")
    for kind, label in labels.items():
        t_cc = statistics.median(results[kind][0])
        print(f"  {label:<24}: {t_cc * 1000:7.1f} ms   ratio {t_cc / t_min:.2f}  "
              f"goal <= 1.30  {'PASS' if t_cc / t_min <= 1.3 else 'FAIL'}")
    print("peak memory (max RSS)")
    print(f"  {'minimal Textual app':<24}: {m_min / 1024:7.1f} MiB")
    for kind, label in labels.items():
        m_cc = max(results[kind][1])
        print(f"  {label:<24}: {m_cc / 1024:7.1f} MiB   ratio {m_cc / m_min:.2f}  "
              f"goal <= 1.50  {'PASS' if m_cc / m_min <= 1.5 else 'FAIL'}")
    timings = asyncio.run(key_latency(args.keys))
    median = statistics.median(timings) * 1000
    p95 = sorted(timings)[int(len(timings) * 0.95) - 1] * 1000
    print(f"key n to new card on screen ({args.keys} presses, in-process)")
    print(f"  median {median:.1f} ms, p95 {p95:.1f} ms   goal median < 20 ms  "
          f"{'PASS' if median < 20 else 'FAIL'}")


if __name__ == "__main__":
    main()
