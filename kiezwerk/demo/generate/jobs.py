"""Positions in the enterprises: more in bigger, older and growing ones, started over the
years (growth means more jobs later), some ended, most created during support."""

import datetime as dt
import random

from kiezwerk.core.bulk import Writer
from kiezwerk.demo.generate.cases import END
from kiezwerk.demo.generate.rows import allocate, stamp

TITLES = ("Koch/Köchin", "Servicekraft", "Verkäufer/in", "Erzieher/in", "Pflegehelfer/in")
TITLES += ("Hausmeister/in", "Fahrradmechaniker/in", "Gärtner/in", "Projektleitung", "Buchhaltung")
CONTRACTS = (("part_time", 40), ("full_time", 25), ("marginal", 15), ("subsidised", 15))
CONTRACTS += (("apprenticeship", 5),)
INSTRUMENTS = ("agh", "egz", "bez", "abm", "sam")
HOURS = {"full_time": (39, 40), "part_time": (15, 32), "marginal": (4, 10)}
HOURS |= {"subsidised": (20, 39), "apprenticeship": (39, 40)}
FIELDS = ("agency", "initiative", "neighbourhood", "line", "title", "contract_type")
FIELDS += ("instrument", "instrument_note", "weekly_hours", "full_time_hours", "fte")
FIELDS += ("start_date", "end_date", "origin", "additional", "justification")
FIELDS += ("external_ref", "created_at", "updated_at")


def write_positions(found, cases: list, total: int, rng: random.Random) -> int:
    from kiezwerk.jobs.models import Position

    firms = [case for case in cases if case.lines]
    weights = [sum(line.months for line in firm.lines) * (2 if firm.grows else 1) for firm in firms]
    writer = Writer(Position, FIELDS)
    for firm, count in zip(firms, allocate(total, weights), strict=True):
        for _ in range(count):
            writer.add(_position(found, firm, rng))
    writer.flush()
    return writer.count


def _position(found, firm, rng: random.Random) -> tuple:
    kind = rng.choices([c for c, _ in CONTRACTS], [w for _, w in CONTRACTS])[0]
    hours = rng.randint(*HOURS[kind])
    span = (END - firm.founded_on).days
    start = firm.founded_on + dt.timedelta(days=int(span * rng.random() ** 0.6))
    end = None
    if rng.random() < 0.3:
        end = min(END, start + dt.timedelta(days=rng.randint(90, 1_500))).isoformat()
    additional = rng.random() < 0.4
    line = rng.choice(firm.lines)
    return (
        found.agency.pk,
        firm.pk,
        found.hoods[firm.hood].pk,
        line.pk,
        rng.choice(TITLES),
        kind,
        rng.choice(INSTRUMENTS) if kind == "subsidised" else "",
        "",
        f"{hours}.00",
        "40.00",
        f"{min(hours, 40) / 40:.3f}",
        start.isoformat(),
        end,
        "created" if rng.random() < 0.8 else "maintained",
        additional,
        "Neue Stelle im neuen Geschäftszweig, ohne Förderung nicht entstanden."
        if additional
        else "",
        "",
        stamp(start),
        stamp(start),
    )
