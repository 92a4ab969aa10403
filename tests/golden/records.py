"""The fixed sessions every golden file is built from: fixed ids, times with their UTC
offset, tallies, notes with Bambara letters (ɛ ɔ ɲ ŋ) and Markdown/CSV specials."""

from __future__ import annotations

import datetime as dt

from ccfacil.sessions.session import ActionItem, ActionStatus, CardRecord, SessionRecord, Tally

UTC = dt.timezone.utc
WEST = dt.timezone(dt.timedelta(hours=-1))  # a session saved with another offset


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def tally(**counts: int) -> Tally:
    return Tally({m: counts.get(f"m{m}", 0) for m in range(1, 6)})


def kati_march() -> SessionRecord:
    start = at("2026-03-05T09:05:00+00:00")
    return SessionRecord(
        id="11111111-1111-4111-8111-111111111111", site="KATI", deck="courage", lang="fr",
        participants=10, facilitator="F07", planned_start=at("2026-03-05T09:00:00+00:00"),
        planned_minutes=60, started_at=start, ended_at=at("2026-03-05T10:10:00+00:00"),
        cards=[
            CardRecord("self-01", "self", start, 420.0, {1: 95.0, 2: 60.0, 3: 120.0},
                       note="Respirer avant la garde | ça aide."),
            CardRecord("colleagues-03", "colleagues", at("2026-03-05T09:20:00+00:00"), 610.5,
                       {4: 180.0, 5: 75.5, 1: 30.0}, note="An ka ɲɔgɔn dɛmɛ, \"toujours\"."),
            CardRecord("family-02", "family", at("2026-03-05T09:35:00+00:00"), 300.0,
                       {6: 150.0}),
        ],
        checkin=tally(m2=2, m3=3, m4=4, m5=1),
        checkout=tally(m3=2, m4=5, m5=3),
        strategies=["breathing", "peer-support", "ɲɔgɔn dɛmɛ"],
        themes=["night-shifts", "workload"],
        actions=[
            ActionItem("Demander une salle de repos", role="sage-femme maîtresse",
                       due=dt.date(2026, 4, 2), id="a1111111-0000-4000-8000-000000000001"),
            ActionItem("Afficher le planning des gardes, côté ŋ", role="major",
                       status=ActionStatus.DONE, id="a1111111-0000-4000-8000-000000000002"),
        ],
        notes="Séance calme.\nDeux nouvelles collègues | bienvenue.",
    )


def kati_late_march() -> SessionRecord:
    """Saved at UTC-1 late on 31 March: it is 1 April in UTC, but a March session."""
    start = dt.datetime(2026, 3, 31, 22, 0, tzinfo=WEST)
    return SessionRecord(
        id="22222222-2222-4222-8222-222222222222", site="kati", deck="courage", lang="bm",
        participants=8, facilitator="F02", started_at=start,
        ended_at=start + dt.timedelta(minutes=55),
        cards=[CardRecord("self-01", "self", start, 500.0, {1: 200.0, 2: 100.0}),
               CardRecord("clients-05", "clients", start, 400.0, {3: 90.0})],
        checkin=tally(m1=1, m2=3, m3=4), checkout=tally(m2=1, m3=3, m4=4),
        strategies=["breathing", "music"], themes=["night-shifts"],
        actions=[ActionItem("Demander une salle de repos", role="sage-femme maîtresse",
                            status=ActionStatus.CARRIED,
                            id="a2222222-0000-4000-8000-000000000001",
                            from_session="11111111-1111-4111-8111-111111111111",
                            carried_from="a1111111-0000-4000-8000-000000000001")],
        notes="Baro ɲuman.",
    )


def segou_april() -> SessionRecord:
    start = at("2026-04-09T14:00:00+00:00")
    return SessionRecord(
        id="33333333-3333-4333-8333-333333333333", site="SEGOU", deck="courage", lang="fr",
        participants=12, started_at=start, ended_at=at("2026-04-09T15:02:00+00:00"),
        cards=[CardRecord("self-01", "self", start, 360.0, {1: 60.0}),
               CardRecord("family-02", "family", start, 240.0, {2: 60.0})],
        checkin=tally(m2=4, m3=4, m4=4), checkout=tally(m3=2, m4=6, m5=4),
        strategies=["prayer", "breathing"], themes=["shortages"],
        actions=[ActionItem("Réunion avec la direction", role="coordinatrice",
                            status=ActionStatus.DROPPED,
                            id="a3333333-0000-4000-8000-000000000001")],
    )


def bamako_small() -> SessionRecord:
    """A small group: its tallies have counts of 1 and 2, for ``--min-count``."""
    start = at("2026-04-20T10:00:00+00:00")
    return SessionRecord(
        id="44444444-4444-4444-8444-444444444444", site="BAMAKO-CV", deck="error", lang="fr",
        participants=4, started_at=start, ended_at=at("2026-04-20T10:45:00+00:00"),
        cards=[CardRecord("self-02", "self", start, 900.0, {1: 300.0, 2: 240.0})],
        checkin=tally(m1=1, m2=2, m4=1), checkout=tally(m3=2, m4=2),
        themes=["error"],
    )


def kati_empty() -> SessionRecord:
    """Started, then left with nothing discussed: not held, counted apart."""
    start = at("2026-03-12T09:00:00+00:00")
    return SessionRecord(id="66666666-6666-4666-8666-666666666666", site="KATI",
                         deck="courage", lang="fr", participants=9, started_at=start,
                         ended_at=at("2026-03-12T09:01:00+00:00"))


def planned_only() -> SessionRecord:
    """Never started: in no report."""
    return SessionRecord(id="55555555-5555-4555-8555-555555555555", site="KATI",
                         deck="courage", lang="fr", participants=9,
                         planned_start=at("2026-04-30T09:00:00+00:00"))


def all_records() -> list[SessionRecord]:
    return [kati_march(), kati_late_march(), segou_april(), bamako_small(), kati_empty(),
            planned_only()]


START, END = dt.date(2026, 3, 1), dt.date(2026, 4, 30)
