"""One agency of a synthetic world, written in order: frame, needs, cases, economy, jobs,
forums, grant (the month summaries are computed once the world is written)."""

import random

from kiezwerk.demo.generate import agency as agencies
from kiezwerk.demo.generate import cases as plans
from kiezwerk.demo.generate import economy, figures, forums, jobs
from kiezwerk.demo.generate.rows import share


def write_agency(size, index: int, seed: int, pools) -> dict[str, int]:
    """Write agency number `index` of a world of `size`; returns its rows per table."""
    rng = random.Random(f"kiezwerk-world-{seed}-{index}")  # noqa: S311 - data, no secret  # nosec B311
    part = {name: share(getattr(size, name), size.agencies, index) for name in _TOTALS}
    found = agencies.frame(size, index, rng, pools)
    needs = forums.write_needs(found, part["needs"], pools, rng)
    cases = plans.plan(
        rng,
        part["initiatives"],
        len(found.hoods),
        pools,
        part["stage_changes"],
        part["consultations"],
    )
    donations = economy.plan(rng, cases, found.clients, part["revenue"])
    plans.write_initiatives(found, cases, pools, rng)
    changes, talks = plans.write_history(found, cases, rng)
    lines = economy.write_lines(found, cases, pools)
    month_rows, revenue = figures.write_months(found, cases, donations, agencies.hour_rates(), rng)
    positions = jobs.write_positions(found, cases, part["positions"], rng)
    forum_count, attendees = forums.write_forums(
        found, cases, part["forums"], part["attendees"], pools, rng
    )
    links = forums.link_needs(found, cases, needs, rng)
    agencies.grant(found, pools, rng)
    return {
        "agencies": 1,
        "neighbourhoods": len(found.hoods),
        "needs": len(needs),
        "initiatives": len(cases),
        "enterprises": sum(1 for case in cases if case.founded_on),
        "stage_changes": changes,
        "consultations": talks,
        "positions": positions,
        "business_lines": lines,
        "month_figures": month_rows,
        "revenue": revenue,
        "forums": forum_count,
        "attendees": attendees,
        "initiative_needs": links,
        "listed": sum(1 for case in cases if case.listed),
    }


_TOTALS = ("needs", "initiatives", "stage_changes", "consultations", "positions", "revenue")
_TOTALS += ("forums", "attendees")


def big_tables() -> tuple:
    """The tables written with the fast writer: their indexes are built after the load."""
    from kiezwerk.economy.models import MonthFigures, Revenue
    from kiezwerk.forums.models import Attendee
    from kiezwerk.initiatives.models import Consultation, StageChange
    from kiezwerk.jobs.models import Position

    return (Revenue, MonthFigures, Consultation, StageChange, Position, Attendee)
