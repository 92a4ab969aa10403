"""Kill -9 a writer at random moments: every acknowledged save survives, the store opens."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ccfacil.storage.store import SessionStore

REPO = Path(__file__).resolve().parents[2]

# Announces each operation ("try"), then acknowledges it ("ack") once the store returned.
WRITER = """
import random, sys
from pathlib import Path
from ccfacil.sessions.session import CardRecord, SessionRecord
from ccfacil.storage.journal import JournalStorage
from ccfacil.storage.store import SessionStore

JournalStorage.compact_bytes = 16_000  # compact often, so that kills land in compactions too
folder, seed, counter = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
print("ready", flush=True)
store = SessionStore.open(folder)
while True:
    counter += 1
    sid = "session-%02d" % rng.randrange(24)
    if rng.random() < 0.1:
        print("try del", sid, counter, flush=True)
        store.delete(sid)
        print("ack del", sid, counter, flush=True)
        continue
    # Notes of up to ~6 KB, so that some lines cross page boundaries.
    record = SessionRecord(site="KATI", deck="courage", lang="fr",
                           participants=counter % 12 + 1, id=sid,
                           notes=str(counter) + " " + "é" * rng.randrange(3000))
    record.cards = [CardRecord("self-%02d" % i, "self", note="n" * rng.randrange(200))
                    for i in range(rng.randrange(5))]
    print("try put", sid, counter, flush=True)
    store.save(record)
    print("ack put", sid, counter, flush=True)
"""

KILLS = 220
BUDGET_SECONDS = 45


def allowed_after(lines: list[str], before: dict[str, int | None]) -> dict[str, set]:
    """For each id, the values allowed after the kill: the last acknowledged one, or the
    one in flight when the writer died (None: deleted or never saved)."""
    allowed = {sid: {value} for sid, value in before.items()}
    in_flight = None
    for line in lines:
        step, op, sid, counter = line.split()
        value = int(counter) if op == "put" else None
        if step == "try":
            in_flight = (sid, value)
        else:
            allowed[sid], in_flight = {value}, None
    if in_flight is not None:
        allowed.setdefault(in_flight[0], {None}).add(in_flight[1])
    return allowed


def stored_state(folder: Path) -> tuple[dict[str, int], list]:
    with SessionStore.open(folder) as store:
        state = {r.id: int(r.notes.split()[0]) for r in store.list()}
        assert store.damaged() == []
        return state, store.recovery


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_acknowledged_saves_survive_sigkill(tmp_path):
    folder = tmp_path / "data"
    rng = random.Random(20240605)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    stored: dict[str, int | None] = {}  # what the store held after the last kill
    counter, acks, events = 0, 0, []
    started = time.monotonic()
    for kill in range(KILLS):
        assert time.monotonic() - started < BUDGET_SECONDS, f"only {kill} kills in time"
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), str(kill), str(counter)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.05))  # covers the open (recovery, compaction) and saves
        writer.send_signal(signal.SIGKILL)
        # Not communicate(): it would skip what readline() already buffered.
        out, err = writer.stdout.read(), writer.stderr.read()
        writer.stdout.close()
        writer.stderr.close()
        assert writer.wait() == -signal.SIGKILL, err
        lines = [line for line in out.splitlines(keepends=True)
                 if line.endswith("\n") and line.startswith(("try ", "ack "))]
        acks += sum(line.startswith("ack") for line in lines)
        allowed = allowed_after(lines, stored)
        state, recovery = stored_state(folder)
        events += recovery
        for sid in set(allowed) | set(state):
            assert state.get(sid) in allowed.get(sid, {None}), (kill, sid, state.get(sid))
        stored = dict(state)
        counter += 10_000
    assert acks > KILLS * 5, "the writer was killed too early to test anything"
    assert not [e for e in events if e.kind in ("nothing_valid", "gap", "stale")]
    # SIGKILL can cut a write short (a torn journal line), never the snapshot.
    assert not [e for e in events if e.kind == "moved_aside" and ".json" in e.path.name]
