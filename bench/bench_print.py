"""Paper and pictures figures for issue 14.

1. In Python: the 48-card courage deck laid out for printing (``deckhtml.render``, after
   loading and translating the deck), in French and in Bambara; and the HTML report over
   10,000 sessions (``report.build`` + the html renderer).  Goal: each under 1 second.
2. The whole command, as a process, from start to exit: ``ccfacil decks print`` and
   ``ccfacil report --format html`` over a data folder holding 10,000 sessions (reading
   the store included).  No goal of its own: the figure a user waits for.

Prints the figures and PASS/FAIL per goal; always exits 0.

Usage: python bench/bench_print.py [--runs N]
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
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_export import session  # noqa: E402

from ccfacil.cards.deck import localized  # noqa: E402
from ccfacil.cards.guide import STEPS  # noqa: E402
from ccfacil.cards.library import DeckLibrary  # noqa: E402
from ccfacil.export import formats, report  # noqa: E402
from ccfacil.i18n import runtime as i18n  # noqa: E402
from ccfacil.printing import deckhtml  # noqa: E402
from ccfacil.storage.store import SessionStore  # noqa: E402


def median_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def print_deck(lang: str) -> deckhtml.PrintedDeck:
    i18n.set_language(lang)
    deck = localized(DeckLibrary.default().load("courage"))
    return deckhtml.render(deck, deck.cards, lang=lang, small_print="Club Courage · 1",
                           steps=[i18n._(s) for s in STEPS])


def process(args: list[str], data: Path, runs: int) -> float:
    env = {**os.environ, "CCFACIL_DATA_DIR": str(data), "CCFACIL_LANG": "fr"}
    command = [sys.executable, "-m", "ccfacil", *args]
    subprocess.run(command, env=env, capture_output=True, check=True)  # byte-code, caches

    def once():
        subprocess.run(command, env=env, capture_output=True, check=True)
    return median_of(runs, once)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    args = parser.parse_args()
    goal = 1.0

    print("printable deck, courage (48 cards), in Python")
    for lang in ("fr", "bm"):
        printed = print_deck(lang)  # warm: Babel, catalogs, parsed deck
        taken = median_of(args.runs, lambda: print_deck(lang))
        size = len(printed.html.encode("utf-8"))
        print(f"  {lang}: {taken * 1000:7.1f} ms, {printed.pages} pages, {size / 1024:.0f} KiB"
              f"   goal < 1000 ms: {'PASS' if taken < goal else 'FAIL'}")

    rng = random.Random(6)
    records = [session(rng, n) for n in range(10_000)]
    i18n.set_language("fr")
    decks = {"courage": localized(DeckLibrary.default().load("courage"))}
    start, end = dt.date(2024, 1, 1), dt.date(2025, 12, 31)

    def html_report() -> str:
        built = report.build(records, None, start, end)
        return formats.render_report("html", built, formats.Options(decks=decks))

    page = html_report()
    taken = median_of(args.runs, html_report)
    built = report.build(records, None, start, end)
    render_only = median_of(args.runs, lambda: formats.render_report(
        "html", built, formats.Options(decks=decks)))
    print(f"html report over {len(records):,} sessions, in Python")
    print(f"  build + render {taken * 1000:7.1f} ms (render {render_only * 1000:.1f} ms), "
          f"{len(page.encode('utf-8')) / 1024:.0f} KiB   goal < 1000 ms: "
          f"{'PASS' if taken < goal else 'FAIL'}")

    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out"
        out.mkdir()
        with SessionStore.open(data) as store:
            store.save_many(records)
        print(f"whole command as a process (median of {args.runs})")
        taken = process(["decks", "print", "--lang", "bm", "--out", str(out / "cards.html")],
                        data, args.runs)
        print(f"  ccfacil decks print --lang bm: {taken * 1000:7.1f} ms")
        taken = process(["report", "--from", "2024-01", "--to", "2025-12", "--format", "html",
                         "--lang", "fr", "--out", str(out / "report.html")], data, args.runs)
        print(f"  ccfacil report --format html, 10,000 stored sessions: {taken * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
