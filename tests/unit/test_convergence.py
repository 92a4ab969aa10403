"""Three devices edit, export, merge and resolve in any interleaving: once every file is
merged everywhere, every device holds the same sessions, each counted once, and merging
again changes nothing (hypothesis)."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccfacil.export import bundle, conflicts, merge, report
from ccfacil.export.bundle import redact_data
from ccfacil.sessions import revisions
from ccfacil.sessions.session import (
    ActionItem,
    ActionStatus,
    CardRecord,
    SessionRecord,
    SessionState,
)
from ccfacil.storage.store import SessionStore

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
DEVICES = 3


class World:
    """Three data folders and the files they wrote."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.stores = [SessionStore.in_memory() for _ in range(DEVICES)]
        self.origins = [f"{rng.getrandbits(128):032x}" for _ in range(DEVICES)]
        self.files: list[tuple[str, bool]] = []  # json text, notes included
        self.created = 0

    def create(self, device: int) -> None:
        self.created += 1
        start = START + dt.timedelta(days=self.created)
        record = SessionRecord(
            site="KATI", deck="courage", lang="fr", participants=self.rng.randint(2, 12),
            id=f"{self.created:08d}-0000-4000-8000-00000000000{device}", started_at=start,
            ended_at=start + dt.timedelta(hours=1), origin=self.origins[device],
            cards=[CardRecord("self-01", "self", start, 300.0, {1: 60.0}, note="calme")],
            actions=[ActionItem("savon", id=f"item-{self.created}")],
            state=SessionState.HELD, notes="ɲɔgɔn dɛmɛ")
        self.stores[device].save(record)

    def edit(self, device: int) -> None:
        """What the app does to a saved session: the follow-up, a note, a correction."""
        mine = [r for r in self.stores[device].list() if r.conflict_of is None]
        if not mine:
            return
        record = self.rng.choice(mine)
        change = self.rng.randrange(3)
        if change == 0:
            record.actions[0].status = self.rng.choice(list(ActionStatus))
        elif change == 1:
            record.notes = self.rng.choice(["", "calme", "tendu", "ɛɔɲŋ"])
        else:
            record.participants = self.rng.randint(2, 12)
        if revisions.revise(record):
            self.stores[device].save(record)

    def export(self, device: int, notes: bool) -> None:
        found = self.stores[device].list()
        if self.rng.random() < 0.5 and found:  # one session (with its conflict copies)
            one = self.rng.choice(found).session_id
            found = [r for r in found if r.session_id == one]
        text = bundle.dumps(bundle.envelope(found, kind="report", include_notes=notes))
        self.files.append((text, notes))

    def merge(self, device: int, number: int) -> None:
        if self.files:
            text, _notes = self.files[number % len(self.files)]
            found = bundle.parse(text)
            merge.merge(self.stores[device], found.records, notes_included=found.notes_included)

    def resolve(self, device: int) -> None:
        found = conflicts.find(self.stores[device].list())
        if found:
            conflict = self.rng.choice(found)
            keep = self.rng.choice(conflict.versions).rev
            conflicts.resolve(self.stores[device], conflict.session_id, keep)


def layout(store: SessionStore, notes: bool) -> list[tuple]:
    found = []
    for record in store.list():
        content = record.content()
        if not notes:  # what an export without notes leaves out (free text)
            content = redact_data(content)
        found.append((record.id, record.rev, record.conflict_of, repr(sorted(content.items()))))
    return sorted(found)


OPS = st.lists(st.tuples(st.sampled_from(["create", "edit", "edit", "exchange", "exchange",
                                          "export", "merge", "resolve"]),
                         st.integers(0, DEVICES - 1), st.integers(0, 50), st.booleans()),
               min_size=15, max_size=50)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=True)  # the same examples in every run; the one known to fail is below
@given(ops=OPS, seed=st.integers(0, 2**16), notes_always=st.booleans())
def test_three_devices_converge_whatever_they_do(ops, seed, notes_always):
    world = World(random.Random(seed))
    for op, device, number, flag in ops:
        if op == "create":
            world.create(device)
        elif op == "edit":
            world.edit(device)
        elif op == "export":
            world.export(device, notes=notes_always or flag)
        elif op == "merge":
            world.merge(device, number)
        elif op == "exchange":  # a file handed over at once: a USB stick, a phone
            world.export(device, notes=notes_always or flag)
            world.merge((device + 1 + number % 2) % DEVICES, len(world.files) - 1)
        else:
            world.resolve(device)
    # the end: each device exports all it has; every device merges every file, in its order
    for device in range(DEVICES):
        found = world.stores[device].list()
        notes = notes_always or bool(device % 2)
        world.files.append((bundle.dumps(bundle.envelope(found, include_notes=notes)), notes))
    for device, store in enumerate(world.stores):
        order = list(range(len(world.files)))
        random.Random(seed + device).shuffle(order)
        for number in order:
            world.merge(device, number)
    first = layout(world.stores[0], notes_always)
    for store in world.stores[1:]:
        assert layout(store, notes_always) == first
    # each session counted once, whatever its conflicts
    for store in world.stores:
        counted = report.build(store.list(), None, dt.date.min, dt.date.max)
        assert counted.overall.sessions == world.created
        assert len({r.id for r in counted.records}) == world.created
    # merging everything again, in any order, changes nothing
    for device, store in enumerate(world.stores):
        for text, _notes in reversed(world.files):
            found = bundle.parse(text)
            plan = merge.merge(store, found.records, notes_included=found.notes_included)
            assert not plan.to_save and not plan.to_delete
        assert layout(store, notes_always) == first
    # one device settles every conflict; its file settles them everywhere, even where old
    # files holding the discarded versions are merged after it
    settler = world.stores[seed % DEVICES]
    for conflict in conflicts.find(settler.list()):
        world.rng.shuffle(conflict.versions)
        conflicts.resolve(settler, conflict.session_id, conflict.versions[0].rev)
    world.files.append((bundle.dumps(bundle.envelope(settler.list(), include_notes=True)),
                        True))
    for device, store in enumerate(world.stores):
        for number in [len(world.files) - 1, *range(len(world.files))]:
            world.merge(device, number)
        assert conflicts.find(store.list()) == []
        assert all(r.conflict_of is None for r in store.list())
    settled = layout(world.stores[0], notes_always)
    assert all(layout(store, notes_always) == settled for store in world.stores[1:])


def test_devices_converge_in_the_case_found_after_exchanges_without_notes():
    """Found by the property above on 2026-11-26.  A device that had the session without
    its notes changed it twice, another one had it without notes too and changed it once
    from a later revision: the same content at revision 3 on both, reached by two paths.
    With a revision id that hashed the content alone, both were one id with two
    histories, and only one device kept the second path's revision 2 as a conflict copy."""
    ops = [("create", 1, 0, False), ("edit", 0, 0, False), ("edit", 0, 0, False),
           ("exchange", 0, 0, False), ("exchange", 0, 0, False), ("exchange", 1, 0, False),
           ("edit", 2, 0, False), ("edit", 2, 0, False), ("create", 0, 0, False),
           ("create", 0, 0, False), ("edit", 0, 0, False), ("edit", 1, 0, False),
           ("exchange", 1, 1, False), ("edit", 0, 0, False), ("create", 0, 0, False)]
    test_three_devices_converge_whatever_they_do.hypothesis.inner_test(
        ops=ops, seed=77, notes_always=False)


def test_the_same_content_reached_by_two_paths_is_two_revisions_everywhere():
    """With notes this time (no export leaves anything out): device A changes the people
    present then the note, device B the note then the people present.  Both reach the
    same content at revision 3; two devices that merge the four files in two orders must
    keep the same versions (before: one revision id with two histories, and each device
    kept as a conflict copy the revision 2 of the path it had not seen first)."""
    first = SessionRecord(site="KATI", deck="courage", lang="fr", participants=10,
                          id="00000001-0000-4000-8000-000000000000", started_at=START,
                          notes="calme")

    def changed(record: SessionRecord, **changes) -> SessionRecord:
        copy = SessionRecord.from_dict(record.to_dict())
        for name, value in changes.items():
            setattr(copy, name, value)
        assert revisions.revise(copy)
        return copy

    a2 = changed(first, participants=5)
    a3 = changed(a2, notes="tendu")
    b2 = changed(first, notes="tendu")
    b3 = changed(b2, participants=5)
    assert a3.content() == b3.content() and a3.rev != b3.rev
    stores = [SessionStore.in_memory() for _ in range(2)]
    for store, order in zip(stores, ([a2, b2, a3, b3], [b3, a3, a2, b2])):
        for record in order:
            text = bundle.dumps(bundle.envelope([record], include_notes=True))
            merge.merge(store, bundle.parse(text).records)
    assert layout(stores[0], True) == layout(stores[1], True)
    for store in stores:
        [conflict] = conflicts.find(store.list())
        assert sorted(v.rev for v in conflict.versions) == sorted([a3.rev, b3.rev])
