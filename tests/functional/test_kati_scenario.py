"""Issue 9's scenario, through the CLI with three data folders: two facilitators' devices
(A and B) at KATI and a coordinator's (C).

Three sessions were really held in March (6, 5 and 7 people present; 5, 2 and 2 cards:
18 participants, 9 cards); a fourth was started to reach the history and left empty.
One session was exported, then changed by the next session's follow-up and exported
again; it also went from A to B and back, and B reviewed its action item apart from A.
Before schema 2 every record counted: the empty session with its 6 seats, and each
version of the first session kept as a conflict (two more: 12 people, 10 cards), that is
6 sessions, 36 participants and 19 cards.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from click.testing import CliRunner

from ccfacil import paths
from ccfacil.cards.deck import localized
from ccfacil.cards.library import DeckLibrary
from ccfacil.cli import cli
from ccfacil.i18n.catalogs import LocaleRegistry
from ccfacil.i18n.runtime import Localizer
from ccfacil.sessions import followup
from ccfacil.sessions.runner import SessionRun, SessionSetup
from ccfacil.sessions.session import ActionItem, ActionStatus, SessionState, new_origin
from ccfacil.sessions.turns import FakeClock
from ccfacil.storage.repository import open_actions
from ccfacil.storage.store import SessionStore

MAPPING = Path(__file__).resolve().parents[2] / "docs" / "dhis2-mapping.example.toml"
MALI = dt.timezone.utc
ORIGINS = {"A": new_origin(), "B": new_origin()}


def ccfacil(folder: Path, *args) -> str:
    result = CliRunner().invoke(cli, ["--lang", "en", "--data-dir", str(folder),
                                      *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.stdout


def hold(folder: Path, device: str, day: int, present: int, cards: int,
         review: dict[str, ActionStatus] | None = None, actions: tuple[str, ...] = ()) -> str:
    """A session at KATI as the app runs it: follow-up, moods, cards, closing."""
    deck = localized(DeckLibrary([paths.shipped_decks_dir()]).load("courage"),
                     Localizer(LocaleRegistry([paths.shipped_locales_dir()]), "fr"))
    start = dt.datetime(2026, 3, day, 9, 0, tzinfo=MALI)
    setup = SessionSetup(lang="fr", participants=present, site="KATI", seed=day,
                         origin=ORIGINS[device])
    run = SessionRun(setup, deck, FakeClock(), lambda: start)
    with SessionStore.open(folder) as store:
        items = open_actions(store, "KATI")
        for _record, item in items:
            item.status = (review or {}).get(item.what, ActionStatus.OPEN)
        for record in followup.apply(items, run.record):
            store.save(record)
        for mood in range(present if cards else 0):
            run.add_mood(mood % 5 + 1)
        for _ in range(cards):
            run.next()
        run.record.actions += [ActionItem(what) for what in actions]
        run.close()
        for mood in range(present - 1 if cards else 0):  # one left before the check-out
            run.add_mood(mood % 4 + 2)
        record = run.finish()
        store.save(record)
    return record.id


def march(folder: Path, fmt: str, out: Path | None = None) -> str:
    args = ["report", "--from", "2026-03", "--to", "2026-03", "--site", "kati", "--format", fmt]
    if fmt.startswith("dhis2"):
        args += ["--mapping", MAPPING]
    if out is not None:
        # files passed between the site's devices carry the free text (--include-notes):
        # the other device follows up the action items by their text
        notes = ["--include-notes"] if fmt == "json" else []
        ccfacil(folder, *args, *notes, "--out", out)
        return out.read_text(encoding="utf-8")
    return ccfacil(folder, *args)


def truth(folder: Path) -> None:
    """3 sessions, 18 participants, 9 cards, in every report format and in DHIS2."""
    md = march(folder, "md")
    for row in ("| Sessions held | 3 |", "| Started but not held | 1 |",
                "| Participants | 18 (mean 6 per session) |", "| Cards discussed | 9 |",
                "| Mood ratings given | check-in 18, check-out 15, of 18 present |"):
        assert row in md, row
    txt = march(folder, "txt")
    assert "Sessions held: 3" in txt and "Participants: 18 " in txt
    assert "Cards discussed: 9" in txt
    rows = list(csv.reader(io.StringIO(march(folder, "csv").lstrip("\ufeff"))))
    assert ["Sessions held", "3"] in rows and ["Participants", "18"] in rows
    assert ["Cards discussed", "9"] in rows
    figures = json.loads(march(folder, "json"))["report"]
    assert (figures["sessions"], figures["participants"]["total"],
            figures["cards"]["discussed"], figures["sessions_not_held"]) == (3, 18, 9, 1)
    actions = figures["actions"]
    assert actions["decided"] == actions["done"] + actions["carried"] + actions[
        "dropped"] + actions["open"] == 2
    payload = json.loads(march(folder, "dhis2-json"))
    values = {v["dataElement"]: v["value"] for v in payload["dataValues"]
              if "categoryOptionCombo" not in v}
    assert (values["CC_SESSIONS_HELD"], values["CC_PARTICIPANTS"],
            values["CC_CARDS_DISCUSSED"], values["CC_SESSIONS_NOT_HELD"]) == ("3", "18", "9", "1")
    dhis2_csv = march(folder, "dhis2-csv")
    assert "CC_SESSIONS_HELD,202603,ML_KK_KATI_CSREF,,,3" in dhis2_csv
    assert "CC_PARTICIPANTS,202603,ML_KK_KATI_CSREF,,,18" in dhis2_csv


def test_kati_march_gives_the_true_numbers_everywhere(tmp_path):
    a, b, c, usb = (tmp_path / name for name in ("A", "B", "C", "usb"))
    usb.mkdir()
    # A: the first session, exported at once
    first = hold(a, "A", 3, present=6, cards=5, actions=("demander une salle de repos",))
    ccfacil(a, "export", "session", first[:8], "--format", "json", "--include-notes", "--out",
            usb / "a1.json")
    # A: started to reach the history, left with nothing (kept: not held)
    empty = hold(a, "A", 10, present=6, cards=0)
    # A -> B -> A: B merges A's file and sends its March back; A has it already
    assert "1 new" in ccfacil(b, "merge", usb / "a1.json")
    march(b, "json", usb / "b1.json")
    back = ccfacil(a, "merge", usb / "b1.json")
    assert "0 new, 0 updated, 1 already present, 0 conflicts" in back
    # A: the second session reviews the first one's item (done): the first one changes
    second = hold(a, "A", 17, present=5, cards=2,
                  review={"demander une salle de repos": ActionStatus.DONE},
                  actions=("afficher le planning",))
    march(a, "json", usb / "a2.json")  # the first session again, newer, and the others
    # B: the third session; B reviews the first session's item too, apart from A: dropped
    third = hold(b, "B", 24, present=7, cards=2,
                 review={"demander une salle de repos": ActionStatus.DROPPED})
    march(b, "json", usb / "b2.json")
    # old files still merge: a session exported by ccfacil before schema 2
    old = json.loads((Path(__file__).resolve().parents[1] / "golden" / "v1" /
                      "session.en.json").read_text(encoding="utf-8"))
    assert old["version"] == 1 and old["sessions"][0]["schema"] == 1
    old["sessions"][0]["site"] = "SEGOU"  # another site: the KATI figures stay the truth
    (usb / "old.json").write_text(json.dumps(old), encoding="utf-8")

    # C, the coordinator, merges everything (folder order), twice: nothing more happens
    out = ccfacil(c, "merge", usb)
    assert "Merged 5 files: 5 new, 1 updated, " in out and ", 1 conflict" in out
    again = ccfacil(c, "merge", usb)
    assert "0 new, 0 updated, 8 already present, 0 conflicts" in again.splitlines()[-1]
    with SessionStore.open(c) as store:
        states = {r.id: r.state for r in store.list() if r.conflict_of is None}
    assert states[empty] is SessionState.NOT_HELD
    assert {states[first], states[second], states[third]} == {SessionState.HELD}
    truth(c)  # the conflict is counted once

    # the conflict: A marked the item done, B dropped it
    listed = ccfacil(c, "sessions", "conflicts")
    assert f"Session {first} (KATI, " in listed and "they differ in: actions" in listed
    versions = json.loads(ccfacil(c, "sessions", "conflicts", "--format", "json"))
    [conflict] = versions
    with SessionStore.open(a) as store:
        done = store.get(first).rev
    assert done in {v["rev"] for v in conflict["versions"]}
    settled = ccfacil(c, "sessions", "resolve", first[:8], "--keep", done)
    assert "1 other version discarded" in settled
    assert ccfacil(c, "sessions", "conflicts") == "No conflicts.\n"
    truth(c)
    ccfacil(c, "export", "session", first[:8], "--format", "json", "--out", usb / "c1.json")

    # every device merges every file, in another order: the same sessions everywhere
    files = sorted(usb.iterdir(), reverse=True)
    for device in (a, b):
        ccfacil(device, "merge", *files)
        assert ccfacil(device, "sessions", "conflicts") == "No conflicts.\n"
        truth(device)
    layouts = []
    for device in (a, b, c):
        with SessionStore.open(device) as store:
            layouts.append(sorted((r.id, r.rev, r.conflict_of) for r in store.list()))
    assert layouts[0] == layouts[1] == layouts[2]
    with SessionStore.open(a) as store:
        [item] = store.get(first).actions
    assert item.status is ActionStatus.DONE  # as the coordinator settled it
