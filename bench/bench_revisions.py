"""Revision figures for issue 9: what schema 2 costs a facilitator's device and a
coordinator's.

1. Size of a full monthly record, schema 1 and schema 2 (JSON bytes).
2. A running session that autosaves 500 times (8 cards, a speaker talking): its history
   stays one revision long; the cost of one snapshot with its revision hash.
3. ``SessionStore.list()`` of 10,000 stored sessions, schema 2 and schema 1 (checked,
   migrated and stored again in the stored form at the first open).
4. Merging 100 files of 100 sessions a second time (everything already present).

Prints the figures; always exits 0.  Usage: python bench/bench_revisions.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_export import session  # noqa: E402

from ccfacil import paths  # noqa: E402
from ccfacil.cards.deck import localized  # noqa: E402
from ccfacil.cards.library import DeckLibrary  # noqa: E402
from ccfacil.export import bundle, merge  # noqa: E402
from ccfacil.i18n.catalogs import LocaleRegistry  # noqa: E402
from ccfacil.i18n.runtime import Localizer  # noqa: E402
from ccfacil.sessions.runner import SessionRun, SessionSetup  # noqa: E402
from ccfacil.sessions.session import SessionRecord, now  # noqa: E402
from ccfacil.sessions.turns import FakeClock  # noqa: E402
from ccfacil.storage.journal import JournalStorage  # noqa: E402
from ccfacil.storage.store import TABLE, SessionStore  # noqa: E402

NEW_FIELDS = ("state", "seats", "attendance", "origin", "conflict_of", "discarded", "rev",
              "revisions")


def as_schema_1(record: SessionRecord) -> dict:
    data = {k: v for k, v in record.to_dict().items() if k not in NEW_FIELDS}
    data["schema"] = 1
    data["actions"] = [{k: v for k, v in a.items() if k != "carried_from"}
                       for a in data["actions"]]
    return data


def running_session(saves: int) -> tuple[float, SessionRun]:
    deck = localized(DeckLibrary([paths.shipped_decks_dir()]).load("courage"),
                     Localizer(LocaleRegistry([paths.shipped_locales_dir()]), "fr"))
    clock = FakeClock()
    run = SessionRun(SessionSetup(lang="fr", seed=1), deck, clock, now)
    for _ in range(8):
        run.next()
    run.turn.toggle()
    times = []
    for _ in range(saves):
        clock.advance(3)
        started = time.perf_counter()
        run.snapshot()
        times.append(time.perf_counter() - started)
    return statistics.median(times), run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    scale = 10 if parser.parse_args().quick else 1
    rng = random.Random(6)
    records = [session(rng, n) for n in range(10_000 // scale)]

    old, new = (len(json.dumps(d, ensure_ascii=False))
                for d in (as_schema_1(records[0]), records[0].to_dict()))
    print(f"a monthly record: schema 1 {old:,} bytes, schema 2 {new:,} bytes "
          f"(+{(new - old) / old:.0%})")

    median, run = running_session(500)
    print(f"500 autosaves of a running session: {len(run.record.revisions)} revision "
          f"in its history ({run.record.rev[:12]}…); one snapshot {median * 1000:.2f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        for label in ("schema 2", "schema 1"):
            folder = Path(tmp) / label.replace(" ", "")
            if label == "schema 2":
                with SessionStore.open(folder) as store:
                    store.save_many(records)
            else:  # as an older ccfacil left them
                storage = JournalStorage(folder)
                storage.write({TABLE: {str(n): as_schema_1(r)
                                       for n, r in enumerate(records, start=1)}})
                storage.close()
                started = time.perf_counter()
                SessionStore.open(folder).close()
                print(f"first open of {len(records):,} schema-1 records (each checked, "
                      f"migrated and stored again, once): "
                      f"{time.perf_counter() - started:.2f} s")
            times = []
            for _ in range(3):
                with SessionStore.open(folder) as store:
                    started = time.perf_counter()
                    found = store.list()
                    times.append(time.perf_counter() - started)
            print(f"list {len(found):,} stored sessions ({label}): "
                  f"{min(times) * 1000:,.0f} ms (best of 3)")

        exports = Path(tmp) / "exports"
        exports.mkdir()
        files = 100 // scale
        for n in range(files):
            (exports / f"device-{n:03d}.json").write_text(bundle.dumps(bundle.envelope(
                records[n * 100:(n + 1) * 100], include_notes=True)), encoding="utf-8")
        for label in ("into an empty folder", "again (all already present)"):
            started = time.perf_counter()
            with SessionStore.open(Path(tmp) / "merged") as store:
                merger = merge.Merger(store)
                for path in sorted(exports.iterdir()):
                    merger.apply(merger.plan(bundle.load(path).records))
            print(f"merge {files} files x 100 sessions {label}: "
                  f"{time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
