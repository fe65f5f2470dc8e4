"""Synthetic worlds for benchmarks and demos: `generate_world(size, seed=...)`.

A world is a number of agencies (slugs `welt-01`, `welt-02`, ...) with their neighbourhoods,
staff, public clients, needs, initiatives (most stall early, a few become enterprises that
grow), stage history, consultations, business lines with monthly figures and revenue, jobs,
forums with attendance and one grant each. Every total of `Size` is split between the
agencies and then between their neighbourhoods, cases or forums by largest remainder, so
the tables hit the requested sizes: exactly for agencies, neighbourhoods, needs, initiatives,
consultations, positions and attendance; stage changes to within one per agency (they come
in pairs of pause and resume); revenue exactly whenever the agency's enterprises have room
for it (the number of months with donations is the fine knob), else as close as they allow.

The same size and seed give the same rows. Agencies are written one after the other, so
memory holds one agency's cases at a time (never a whole table), all in one transaction.
"""

from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class Size:
    """How many rows of each kind a world has, in total over all its agencies."""

    agencies: int
    neighbourhoods: int
    needs: int
    initiatives: int
    stage_changes: int
    consultations: int
    positions: int
    revenue: int
    forums: int
    attendees: int


SIZES = {
    "S": Size(2, 60, 1_000, 2_000, 10_000, 50_000, 10_000, 500_000, 5_000, 100_000),
    "M": Size(12, 542, 10_000, 20_000, 100_000, 500_000, 100_000, 5_000_000, 50_000, 1_000_000),
    "L": Size(
        500,
        10_000,
        100_000,
        200_000,
        1_000_000,
        5_000_000,
        1_000_000,
        50_000_000,
        500_000,
        10_000_000,
    ),
}

FIRST_SLUG = "welt-01"


class WorldExists(Exception):
    """A synthetic world is already in the database (agency `welt-01` exists)."""


def generate_world(size: Size, *, seed: int = 1, progress=None) -> dict[str, int]:
    """Write a world of `size` (deterministic for `seed`); returns the rows per table.
    Raises WorldExists, changing nothing, when agency `welt-01` is already there.

    One transaction: the big tables' secondary indexes are dropped first and built again at
    the end (`core.bulk.indexes_deferred`), then every agency's month summaries are computed
    from its rows. A failure rolls all of it back."""
    from kiezwerk.agencies.models import Agency
    from kiezwerk.core.bulk import indexes_deferred
    from kiezwerk.demo.generate import agency as agencies
    from kiezwerk.demo.generate.world import big_tables, write_agency
    from kiezwerk.economy import summaries

    if Agency.objects.filter(slug=FIRST_SLUG).exists():
        raise WorldExists(FIRST_SLUG)
    shared = agencies.shared(seed)
    counts: dict[str, int] = {}
    with transaction.atomic():
        with indexes_deferred(big_tables()):
            for index in range(size.agencies):
                written = write_agency(size, index, seed, shared)
                for table, number in written.items():
                    counts[table] = counts.get(table, 0) + number
                if progress is not None:
                    progress(index + 1, size.agencies)
        for agency_id in Agency.objects.filter(slug__startswith="welt-").values_list(
            "pk", flat=True
        ):
            summaries.rebuild(agency_id)
    return counts
