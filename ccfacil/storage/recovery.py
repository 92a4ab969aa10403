"""Reading the session notes back from the data folder, checked, without writing anything.

``scan`` reads the snapshot and the journal, and checks the backups' checksums.  If
anything is missing, damaged or out of step, it reads every file that may hold a change
(snapshots, journals, backups and set-aside copies) and rebuilds the newest state: the
newest valid snapshot, then every later change once, in order.  A hole in the change
numbers (in format 1, the generations) that no damaged line explains is a *gap*: a file
that held changes is missing.  What to write about it is ``ccfacil.storage.journal``'s business.
The formats are in ``ccfacil.storage.datafiles``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ccfacil.storage.datafiles import (
    ASIDE,
    BACKUP,
    EMPTY,
    JOURNAL,
    JOURNAL_BACKUP,
    SNAPSHOT,
    Journal,
    Line,
    Snapshot,
    checked_backup,
    checked_journal,
    parse_journal,
    parse_snapshot,
    read_bytes,
    replay,
)
from ccfacil.storage.errors import _, ngettext


@dataclass
class Damage:
    path: Path
    problem: str | None = None  # what is wrong with the whole file
    bad: int = 0  # or: damaged lines of a journal, and its good ones
    good: int = 0


@dataclass
class Gap:
    changes: int  # how many changes are missing (0: not known, format-1 generations)
    files: list[str]  # the files that would hold them: missing or damaged


@dataclass
class Found:
    """The state rebuilt, and what the folder looked like."""

    tables: dict
    gen: int  # the generation new journal lines carry
    n: int  # the number of the last change
    snapshot_size: int = 0
    journal_size: int = 0
    tail_clean: bool = True
    checked: bool = False  # every file had to be read: something was wrong
    base: Path | None = None
    sources: list[Path] = field(default_factory=list)
    writes: int = 0
    damaged: list[Damage] = field(default_factory=list)
    missing: Path | None = None
    stale: Path | None = None
    gap: Gap | None = None


def _after(line: Line, base: Snapshot) -> bool:
    """Whether the line is a change made after the snapshot (one it does not hold)."""
    if line.n is not None and base.n is not None:
        return line.n > base.n
    return line.gen >= base.gen


def holes(base: Snapshot, lines: list[Line]) -> list[tuple[int, int] | None]:
    """Changes missing between the snapshot and the lines: (first, last) change numbers,
    or None for format-1 generations skipped."""
    found: list[tuple[int, int] | None] = []
    gen, n, started = base.gen, base.n, False
    for line in lines:
        if line.n is not None:
            want = 1 if n is None else n + 1
            if line.n > want:
                found.append((want, line.n - 1))
            n = line.n
        else:
            if line.gen > gen + (1 if started else 0):
                found.append(None)
            gen = max(gen, line.gen)
        started = True
    return found


def _explained(hole: tuple[int, int] | None, journals: list[Journal]) -> bool:
    """Whether damaged lines in a journal were where the missing changes had been."""
    if hole is None:
        return False
    first, last = hole
    for journal in journals:
        for run in journal.runs:
            if run.before is not None and run.after is not None:
                if run.before < first and run.after > last:
                    return True
            elif run.after == last + 1 or (run.after is None and run.before == first - 1):
                if last - first + 1 <= run.count:
                    return True
    return False


class _Folder:
    """The data folder's files, each read and parsed at most once."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._raw: dict[Path, bytes | None | ValueError] = {}
        self._parsed: dict[Path, Snapshot | Journal | Damage | None] = {}

    def raw(self, path: Path) -> bytes | None | ValueError:
        if path not in self._raw:
            try:
                self._raw[path] = read_bytes(path)
            except ValueError as problem:
                self._raw[path] = problem
        return self._raw[path]

    def snapshot(self, path: Path) -> Snapshot | Damage | None:
        if path not in self._parsed:
            self._parsed[path] = self._parse(path, _snapshot)
        return self._parsed[path]

    def journal(self, path: Path) -> Journal | Damage | None:
        if path not in self._parsed:
            self._parsed[path] = self._parse(path, parse_journal)
        return self._parsed[path]

    def _parse(self, path: Path, parse) -> Snapshot | Journal | Damage | None:
        raw = self.raw(path)
        if raw is None or isinstance(raw, ValueError):
            return raw if raw is None else Damage(path, str(raw))
        try:
            return parse(path, raw)
        except ValueError as problem:
            return Damage(path, str(problem))

    def aside(self, *names: str) -> list[Path]:
        prefixes = tuple(name + ASIDE for name in names)
        return sorted(p for p in self.folder.iterdir() if p.name.startswith(prefixes))


def _snapshot(path: Path, raw: bytes) -> Snapshot:
    tables, gen, n = parse_snapshot(raw)
    return Snapshot(path, tables, gen, n, len(raw))


def scan(folder: Path) -> Found:
    """The newest state the files hold, and what is wrong with them (nothing is written)."""
    files = _Folder(folder)
    found = _clean(files) or _recover(files, asides=False)
    if found.gap is not None or (found.checked and not found.sources):
        found = _recover(files, asides=True)  # the copies set aside may hold what is missing
    return found


def _clean(files: _Folder) -> Found | None:
    """The usual case, quickly: a valid snapshot (or none yet), its journal following on
    from it, backups that pass their checks and are older.  None if anything is off."""
    folder = files.folder
    snapshot, journal = files.snapshot(folder / SNAPSHOT), files.journal(folder / JOURNAL)
    if isinstance(snapshot, Damage) or isinstance(journal, Damage) or (journal and journal.bad):
        return None
    base = snapshot or EMPTY
    lines = [line for line in journal.lines if _after(line, base)] if journal else []
    if holes(base, lines):
        return None
    backup, journal_backup = files.raw(folder / BACKUP), files.raw(folder / JOURNAL_BACKUP)
    if snapshot is None:  # a new folder, or one whose snapshot is gone
        if backup is not None or journal_backup is not None or files.aside(
                SNAPSHOT, BACKUP, JOURNAL, JOURNAL_BACKUP):
            return None
    else:
        if isinstance(backup, ValueError) or isinstance(journal_backup, ValueError):
            return None
        numbers = checked_backup(backup) if backup is not None else (-1, None)
        if numbers is None or numbers[0] > base.gen or (numbers[1] or 0) > (base.n or 0):
            return None
        last = checked_journal(journal_backup) if journal_backup is not None else None
        if last is False or (last is not None and _after(last, base)):
            return None
    every = journal.lines if journal else []
    return _found(base, lines, every, [base] if snapshot else [], journal)


def _found(base: Snapshot, lines: list[Line], every: list[Line], snapshots: list[Snapshot],
           journal: Journal | None) -> Found:
    tables = {name: dict(docs) for name, docs in base.tables.items()}
    for line in lines:
        replay(tables, line.entry)
    gen = max([base.gen, *(s.gen for s in snapshots), *(line.gen for line in every)])
    n = max([base.n or 0, *(line.n or 0 for line in every)])
    found = Found(tables, gen, n, snapshot_size=base.size, base=base.path, writes=len(lines))
    if journal is not None:
        found.journal_size, found.tail_clean = journal.size, journal.tail_clean
    return found


def _recover(files: _Folder, asides: bool) -> Found:
    """Read every file that may hold a change (``asides``: set-aside copies too); rebuild
    from the newest valid snapshot."""
    folder = files.folder
    primary = [folder / SNAPSHOT, folder / BACKUP, folder / JOURNAL, folder / JOURNAL_BACKUP]
    damaged: list[Damage] = []
    snapshots: list[Snapshot] = []
    for path in [*primary[:2], *(files.aside(SNAPSHOT, BACKUP) if asides else [])]:
        got = files.snapshot(path)
        if isinstance(got, Damage):
            damaged += [got] if path in primary else []
        elif got is not None:
            snapshots.append(got)
    journals: list[Journal] = []
    for path in [*primary[2:], *(files.aside(JOURNAL, JOURNAL_BACKUP) if asides else [])]:
        got = files.journal(path)
        if isinstance(got, Damage):
            damaged += [got] if path in primary else []
        elif got is not None:
            journals.append(got)
            if got.bad and path in primary:
                damaged.append(Damage(path, bad=got.bad, good=len(got.lines)))
    base = max(snapshots, key=lambda s: (s.gen, -1 if s.n is None else s.n),
               default=EMPTY)  # max() keeps the first of equals: the snapshot, then its backup
    lines, sources = _changes(journals, base)
    every = [line for journal in journals for line in journal.lines]
    journal = next((j for j in journals if j.path == folder / JOURNAL), None)
    found = _found(base, lines, every, snapshots, journal)
    found.checked, found.damaged = True, damaged
    found.sources = [base.path] * (base.path is not None) + sources
    missing = [hole for hole in holes(base, lines) if not _explained(hole, journals)]
    if missing:
        found.gen += 1  # new lines must follow whatever snapshot comes back
        bad = {d.path for d in damaged}
        # Before any snapshot: the snapshots; after one: the journal that followed it.
        holders = ([primary[0], primary[1], primary[3]] if base.path is None
                   else [p for p in (primary[0], primary[3]) if p != base.path])
        gone = [p.name for p in holders if files.raw(p) is None or p in bad]
        found.gap = Gap(sum(last - first + 1 for first, last in filter(None, missing)),
                        gone or [JOURNAL_BACKUP])
    if files.raw(primary[0]) is None and (snapshots or every or damaged):
        found.missing = primary[0]
    if base.path == primary[0] and any(path != primary[2] for path in sources):
        found.stale = primary[0]
    elif any(s.path == primary[0] and s is not base for s in snapshots):
        found.stale = primary[0]
    return found


def _changes(journals: list[Journal], base: Snapshot) -> tuple[list[Line], list[Path]]:
    """The changes after the snapshot, each once, in order, and the files they come from.

    Numbered lines: the first file (journal, its backup, set-aside copies) to hold a
    number gives it.  Format-1 lines: each generation from the file holding most of it.
    """
    numbered: dict[int, tuple[Line, Path]] = {}
    old: dict[int, tuple[list[Line], Path]] = {}
    for journal in journals:
        by_gen: dict[int, list[Line]] = {}
        for line in journal.lines:
            if not _after(line, base):
                continue
            if line.n is not None:
                numbered.setdefault(line.n, (line, journal.path))
            else:
                by_gen.setdefault(line.gen, []).append(line)
        for gen, lines in by_gen.items():
            if len(lines) > len(old.get(gen, ([], None))[0]):
                old[gen] = (lines, journal.path)
    ordered = [line for gen in sorted(old) for line in old[gen][0]]
    ordered += [numbered[n][0] for n in sorted(numbered)]
    used = {path for _lines, path in old.values()} | {path for _l, path in numbered.values()}
    return ordered, [journal.path for journal in journals if journal.path in used]


@dataclass
class RecoveryEvent:
    kind: str  # moved_aside, damaged, missing, stale, restored, nothing_valid, gap, read_only
    path: Path
    detail: str
    counts: dict[str, int] = field(default_factory=dict)


def describe(found: Found, folder: Path, moved: dict[Path, Path],
             read_only: bool) -> list[RecoveryEvent]:
    """What the facilitator is told: each damaged file (and where it went), a snapshot
    missing or older than its changes, what the state was rebuilt from, a gap."""
    if not found.checked:
        return []
    events = [_damage(damage, moved.get(damage.path)) for damage in found.damaged]
    if found.missing is not None:
        events.append(RecoveryEvent("missing", found.missing, _("%(name)s was missing") % {
            "name": found.missing.name}))
    if found.stale is not None:
        events.append(RecoveryEvent("stale", found.stale, _(
            "%(name)s is older than the changes saved after it (an old copy put back?)") % {
                "name": found.stale.name}))
    counts = {"records": sum(len(t) for t in found.tables.values()), "writes": found.writes}
    if not found.sources:
        events.append(RecoveryEvent("nothing_valid", folder, _(
            "no valid copy of the session notes was found in %(dir)s; damaged files "
            "were set aside, nothing was deleted") % {"dir": folder}, counts))
    else:
        events.append(RecoveryEvent("restored", found.sources[0], ngettext(
            "restored %(records)d record from %(sources)s",
            "restored %(records)d records from %(sources)s", counts["records"]) % {
                **counts, "sources": ", ".join(p.name for p in found.sources)}, counts))
    if found.gap is not None:
        events.append(RecoveryEvent("gap", folder, _(
            "the session notes in %(dir)s are incomplete: some saved changes were only in "
            "a file that is missing or damaged (%(files)s). Every file was kept as it is, "
            "and nothing will be compacted until a copy of it is put back") % {
                "dir": folder, "files": ", ".join(found.gap.files)},
            {"missing_changes": found.gap.changes}))
    elif read_only:
        events.append(RecoveryEvent("read_only", folder, _(
            "data folder %(dir)s is read-only: what was found is shown, but nothing could "
            "be repaired or saved") % {"dir": folder}))
    return events


def _damage(damage: Damage, aside: Path | None) -> RecoveryEvent:
    values = {"name": damage.path.name, "problem": damage.problem, "bad": damage.bad,
              "kept": damage.good, "aside": aside.name if aside else ""}
    counts = {} if damage.problem else {"bad_lines": damage.bad, "good_lines": damage.good}
    if damage.problem and aside:
        text = _("%(name)s was damaged (%(problem)s); it was set aside, unchanged, as "
                 "%(aside)s")
    elif damage.problem:
        text = _("%(name)s is damaged (%(problem)s); it was left as it is")
    elif aside:
        text = _("%(name)s had %(bad)d damaged or unfinished lines (%(kept)d good ones "
                 "were used); it was set aside, unchanged, as %(aside)s")
    else:
        text = _("%(name)s has %(bad)d damaged or unfinished lines (%(kept)d good ones "
                 "were used); it was left as it is")
    return RecoveryEvent("moved_aside" if aside else "damaged", aside or damage.path,
                         text % values, counts)
