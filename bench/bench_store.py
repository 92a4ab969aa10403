"""Storage figures for issue 5, against TinyDB's own JSONStorage measured in the same run.

A durable save of one note: change one session's note and ``SessionStore.save`` it (it
returns once the change is fsynced), with 100, 1,000 and 10,000 sessions stored.  Ours is
``SessionStore.open`` (journal storage); the baseline is TinyDB as it ships: ``TinyDB(path)``
(``JSONStorage``), the record's ``to_dict()`` written with ``Table.update`` by document id.

Goals: p95 at 10,000 sessions at least 5x faster than JSONStorage; our median at 10,000
no more than 2x our median at 100.  Prints a table and PASS/FAIL; always exits 0.

Usage: python bench/bench_store.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tinydb import TinyDB  # noqa: E402

from ccfacil.sessions.session import ActionItem, CardRecord, SessionRecord  # noqa: E402
from ccfacil.storage.store import TABLE, SessionStore  # noqa: E402

SIZES = (100, 1_000, 10_000)
WORDS = ("garde de nuit", "fatigue", "respirer", "collègue", "famille", "parole", "repos",
         "accouchement", "soutien", "écoute", "patience", "courage")


def session(rng: random.Random, number: int) -> SessionRecord:
    """A full monthly session: 8 cards with notes and air time, tallies, actions, notes."""
    start = dt.datetime(2020, 1, 1, 9).astimezone() + dt.timedelta(days=number)
    record = SessionRecord(site=rng.choice(("KATI", "BAMAKO-CV", "SEGOU")), deck="courage",
                           lang="fr", participants=rng.randint(8, 12), facilitator="F07",
                           started_at=start, ended_at=start + dt.timedelta(minutes=62))
    for card in range(8):
        record.cards.append(CardRecord(
            f"self-{card:02d}", "self", started_at=start, seconds=rng.uniform(200, 500),
            airtime={seat: rng.uniform(5, 90) for seat in range(1, 11)},
            note=" ".join(rng.choices(WORDS, k=12))))
    for _ in range(10):
        record.checkin.add(rng.randint(1, 5))
        record.checkout.add(rng.randint(2, 5))
    record.strategies, record.themes = ["respirer", "parler"], ["garde de nuit"]
    record.actions = [ActionItem("demander une salle de repos", role="sage-femme maîtresse")]
    record.notes = " ".join(rng.choices(WORDS, k=40))
    return record


def durations(save, record: SessionRecord, samples: int) -> list[float]:
    taken = []
    for sample in range(samples):
        record.cards[3].note = f"note {sample}: " + "la garde de nuit était calme"
        started = time.perf_counter()
        save(record)
        taken.append(time.perf_counter() - started)
    return taken


def ours(folder: Path, records: list[SessionRecord], record: SessionRecord,
         samples: int) -> list[float]:
    with SessionStore.open(folder) as store:  # filled in one write, then compacted
        store.save_many(records)
    with SessionStore.open(folder) as store:
        return durations(store.save, record, samples)


def baseline(folder: Path, records: list[SessionRecord], record: SessionRecord,
             samples: int) -> list[float]:
    with TinyDB(folder / "db.json") as db:  # JSONStorage, TinyDB's default
        table = db.table(TABLE)
        doc_id = table.insert_multiple(r.to_dict() for r in records)[records.index(record)]

        def save(changed: SessionRecord) -> None:
            table.update(changed.to_dict(), doc_ids=[doc_id])

        return durations(save, record, samples)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    args = parser.parse_args()
    ours_samples = 60 if args.quick else 300
    json_samples = {100: 20, 1_000: 10, 10_000: 5} if args.quick else {
        100: 100, 1_000: 50, 10_000: 20}
    rng = random.Random(5)
    rows = {}
    for size in SIZES:
        records = [session(rng, n) for n in range(size)]
        docs = [r.to_dict() for r in records]
        record = records[size // 2]
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            mine = ours(Path(a), records, record, ours_samples)
            theirs = baseline(Path(b), records, record, json_samples[size])
            snapshot = (Path(a) / "sessions.json").stat().st_size
        rows[size] = (mine, theirs)
        print(f"{size:>6,} sessions stored ({snapshot / 1e6:.1f} MB; one session "
              f"{len(json.dumps(docs[0], ensure_ascii=False).encode()):,} bytes): "
              f"{len(mine)} + {len(theirs)} samples", flush=True)
    print("\nDurable save of one note (SessionStore.save returns after fsync)")
    print(f"{'sessions':>8}  {'ours median':>12}  {'ours p95':>10}  "
          f"{'JSONStorage median':>18}  {'JSONStorage p95':>15}  {'p95 speed-up':>12}")
    for size, (mine, theirs) in rows.items():
        print(f"{size:>8,}  {ms(statistics.median(mine)):>12}  {ms(p95(mine)):>10}  "
              f"{ms(statistics.median(theirs)):>18}  {ms(p95(theirs)):>15}  "
              f"{p95(theirs) / p95(mine):>11.0f}x")
    big, small = rows[SIZES[-1]], rows[SIZES[0]]
    speedup = p95(big[1]) / p95(big[0])
    growth = statistics.median(big[0]) / statistics.median(small[0])
    growth_p95 = p95(big[0]) / p95(small[0])
    print(f"goal: p95 at 10,000 at least 5x faster than JSONStorage: {speedup:.0f}x -> "
          f"{'PASS' if speedup >= 5 else 'FAIL'}")
    print(f"goal: our cost at 10,000 no more than 2x our cost at 100: median {growth:.2f}x "
          f"(p95 {growth_p95:.2f}x) -> {'PASS' if growth <= 2 else 'FAIL'}")


if __name__ == "__main__":
    main()
