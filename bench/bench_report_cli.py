"""The whole ``ccfacil report`` command over 10,000 stored sessions, as a process (issue 11).

1. ``ccfacil report --from 2026-01 --to 2026-12`` (md to a file) over a data folder
   holding 10,000 sessions, from spawning the process to its exit.  Goal: under 1 second
   (median).  The floor, ``python -c pass``, is measured in the same run.
2. Where the time goes, in one process: reading the snapshot (bytes, checksum, JSON),
   checking each record (``ccfacil.sessions.validate``), making ``SessionRecord``s, building and
   rendering the report; and ``SessionStore.list()`` as a whole.
3. ``ccfacil sessions list`` over 1,000 stored sessions, as a process (to keep it no
   slower).

The data is written with the real store API (``save_many``, then a close that compacts):
realistic records of schema 2, 8 cards with notes and air time, tallies, tags, two action
items, a history of three revisions.  Sessions fall in 2026, so the report counts them all.

Prints the figures and PASS/FAIL; always exits 0.

Usage: python bench/bench_report_cli.py [--runs N] [--sessions N]
       PYTHONPATH=/path/to/other/checkout python bench/bench_report_cli.py  (other code)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# This checkout's ccfacil, unless PYTHONPATH names another one to measure.
sys.path.insert(len(sys.path) if os.environ.get("PYTHONPATH") else 0, str(HERE.parent))

from ccfacil.sessions import revisions  # noqa: E402
from ccfacil.sessions.session import ActionItem, ActionStatus, CardRecord, SessionRecord  # noqa: E402

SITES = ("KATI", "BAMAKO-CV", "SEGOU", "KOULIKORO", "SIKASSO", "MOPTI", "KAYES", "GAO")
TAGS = ("breathing", "music", "talking", "prayer", "rest", "peer-support", "humour")
THEMES = ("workload", "night-shifts", "shortages", "death", "money", "home", "recognition")
NOTES = ("On a parlé de la fatigue après les gardes de nuit ; la cheffe va demander un "
         "deuxième lit dans la salle de repos.", "Dɔɔnin dɔɔnin kɔnɔnin bɛ a nàgá dá.",
         "Les collègues se sentent seules face aux familles.")
GOAL = 1.0


def session(rng: random.Random, number: int) -> SessionRecord:
    """A full monthly session of 2026, as the app leaves it, revised twice after."""
    start = (dt.datetime(2026, 1, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=0)))
             + dt.timedelta(hours=rng.randrange(24 * 360)))
    record = SessionRecord(site=rng.choice(SITES), deck="courage", lang="fr",
                           participants=rng.randint(8, 12), facilitator="F07",
                           id=f"{number:08x}-0000-4000-8000-{rng.getrandbits(48):012x}",
                           started_at=start, ended_at=start + dt.timedelta(minutes=62),
                           origin=f"{rng.getrandbits(128):032x}")
    for card in range(8):
        domain = rng.choice(("self", "clients", "family", "colleagues"))
        record.cards.append(CardRecord(
            f"{domain}-{rng.randint(1, 12):02d}", domain,
            started_at=start + dt.timedelta(minutes=5 + 7 * card),
            seconds=round(rng.uniform(200, 500), 1),
            airtime={seat: round(rng.uniform(5, 90), 1) for seat in range(1, 11)},
            note=rng.choice(NOTES)))
    for _ in range(record.participants):
        record.checkin.add(rng.randint(1, 5))
        record.checkout.add(rng.randint(2, 5))
    record.strategies = rng.sample(TAGS, 2)
    record.themes = rng.sample(THEMES, 2)
    record.actions = [ActionItem("demander une salle de repos", role="sage-femme maîtresse",
                                 due=start.date() + dt.timedelta(days=30),
                                 status=rng.choice(list(ActionStatus))),
                      ActionItem("ɲɔgɔn dɛmɛ", role="major")]
    record.notes = rng.choice(NOTES)
    record.settle()
    revisions.revise(record)
    record.notes += " (relu)"  # corrected after the session: revisions 2 and 3
    revisions.revise(record)
    record.actions[1].status = ActionStatus.DONE
    revisions.revise(record)
    return record


def fill(folder: Path, records: list[SessionRecord]) -> None:
    from ccfacil.storage.store import SessionStore

    with SessionStore.open(folder) as store:
        store.save_many(records)


def one_run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    # Not from the checkout: "-m" would put the current folder first on the path.
    done = subprocess.run(command, env=env, capture_output=True, cwd=tempfile.gettempdir())
    taken = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): "
                 f"{done.stderr.decode(errors='replace')}")
    return taken


def process(args: list[str], data: Path, runs: int) -> list[float]:
    # As installed by pip: byte-code compiled once, not at every start.  PYTHONPATH, if
    # set, says which ccfacil to measure (the code before a change, say).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(CCFACIL_DATA_DIR=str(data), CCFACIL_LANG="fr")
    command = [sys.executable, "-m", "ccfacil", *args]
    one_run(command, env)  # byte-code, caches (catalogs, decks), file cache
    return [one_run(command, env) for _ in range(runs)]


def breakdown(data: Path) -> dict[str, float]:
    """Each step of reading and reporting, timed once in this process, as a command-line
    run does them (``bulk.short_lived`` and ``paused_gc``, where the code has them)."""
    import gc
    import json

    from ccfacil.export import formats, report
    from ccfacil.i18n import runtime as i18n
    from ccfacil.sessions.validate import check_session
    from ccfacil.storage.datafiles import SNAPSHOT, parse_snapshot, read_bytes
    from ccfacil.storage.store import SessionStore

    try:
        from ccfacil.storage import bulk, docform
    except ImportError:  # the code before issue 11
        bulk = docform = None
    else:
        bulk.short_lived()
    times: dict[str, float] = {}

    def timed(name, work):
        gc.collect()  # what came before is not this step's
        started = time.perf_counter()
        if bulk is not None:  # as the code does it (the collector paused, then frozen)
            with bulk.paused_gc():
                result = work()
        else:
            result = work()
        times[name] = time.perf_counter() - started
        return result

    raw = timed("read the snapshot's bytes", lambda: read_bytes(data / SNAPSHOT))
    timed("json.loads of the snapshot", lambda: json.loads(raw))
    tables = timed("parse_snapshot (checksum + JSON + shape)", lambda: parse_snapshot(raw))[0]
    docs = list(tables["sessions"].values())
    plain = [docform.plain(doc) for doc in docs] if docform else [dict(d) for d in docs]
    if docform:
        timed("docform.decode, every record (marked: no check)",
              lambda: [docform.decode(doc) for doc in docs])
    timed("check_session, every record (unmarked)",
          lambda: [check_session(dict(doc)) for doc in plain])
    timed("SessionRecord.from_dict, every record (unmarked)",
          lambda: [SessionRecord.from_dict(dict(doc)) for doc in plain])
    del raw, tables, docs, plain

    def open_and_list():
        with SessionStore.open(data) as store:
            records = store.list()
            damaged = len(store.damaged()) if hasattr(store, "damaged") else 0
        return records, damaged

    records, _damaged = timed("SessionStore.open + list() + damaged() + close",
                              open_and_list)
    i18n.set_language("fr")
    built = timed("report.build", lambda: report.build(
        records, (), dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    timed("render md", lambda: formats.render_report("md", built, formats.Options()))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per process figure")
    parser.add_argument("--sessions", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(11)
    records = [session(rng, n) for n in range(args.sessions)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        big, small, out = root / "big", root / "small", root / "report.md"
        fill(big, records)
        fill(small, records[:1000])
        size = (big / "sessions.json").stat().st_size
        print(f"data: {args.sessions:,} sessions, snapshot {size / 1e6:.1f} MB")

        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        floor = statistics.median(one_run([sys.executable, "-c", "pass"], env)
                                  for _ in range(args.runs))
        taken = process(["report", "--from", "2026-01", "--to", "2026-12", "--out", str(out)],
                        big, args.runs)
        median = statistics.median(taken)
        print(f"whole process, median of {args.runs} (python -c pass: {floor * 1000:.0f} ms)")
        print(f"  ccfacil report --from 2026-01 --to 2026-12, {args.sessions:,} sessions: "
              f"{median * 1000:7.0f} ms (min {min(taken) * 1000:.0f}, max "
              f"{max(taken) * 1000:.0f})   goal < {GOAL * 1000:.0f} ms: "
              f"{'PASS' if median < GOAL else 'FAIL'}")
        listed = statistics.median(process(["sessions", "list"], small, args.runs))
        print(f"  ccfacil sessions list, 1,000 sessions: {listed * 1000:7.0f} ms")

        print("breakdown, in one process")
        for name, seconds in breakdown(big).items():
            print(f"  {name:<44} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
