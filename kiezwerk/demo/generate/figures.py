"""The months of every business line: one `MonthFigures` row (costs, volunteer work with the
year's hour rate) and its `Revenue` rows, written with the fast row writer."""

import datetime as dt
import random

from kiezwerk.core.bulk import Writer
from kiezwerk.demo.generate.economy import GRANT_MONTHS, LAST_MONTH, MONTH_FIELDS, REVENUE_FIELDS
from kiezwerk.demo.generate.rows import money, stamp


def write_months(found, cases: list, donations: int, rates: dict, rng: random.Random) -> tuple:
    """Write the figures and revenue of all lines; `donations` months of all line-months
    (chosen by selection sampling) also have a donation. Returns (figures, revenue) counts."""
    from kiezwerk.economy.models import MonthFigures, Revenue

    figures, revenue = Writer(MonthFigures, MONTH_FIELDS), Writer(Revenue, REVENUE_FIELDS)
    room = sum(line.months for case in cases for line in case.lines)
    state = [donations, room]
    for case in cases:
        hood = found.hoods[case.hood].pk
        for line in case.lines:
            head = (found.agency.pk, case.pk, hood)
            _line_months(rng, case, line, head, rates, state, figures, revenue)
    figures.flush()
    revenue.flush()
    return figures.count, revenue.count


def _line_months(rng, case, line, head, rates, state, figures, revenue) -> None:
    growth = 0.12 if case.grows else 0.04
    ceiling = 2.5 if case.grows else 1.4
    for index in range(line.start, LAST_MONTH + 1):
        year, month = divmod(index, 12)
        month += 1
        age = index - line.start
        factor = min(ceiling, 1 + growth * age / 12)
        market = int(
            line.market * line.season[month - 1] / 100 * factor * (0.85 + 0.3 * rng.random())
        )
        at = (*head, year, month, line.pk)
        income = [("market", None, market)]
        if age < GRANT_MONTHS:
            income.append(("grants", None, line.grants))
        if rng.random() * state[1] < state[0]:
            income.append(("donations", None, rng.randint(20, 800) * 100))
            state[0] -= 1
        state[1] -= 1
        others = sum(amount for _, _, amount in income)
        for client in line.clients:
            base = 2 * others if case.dependent else int(line.public * factor)
            income.append(("public", client, int(base * (0.95 + 0.1 * rng.random()))))
        total = 0
        for source, client, amount in income:
            revenue.add((*at, source, client, money(amount)))
            total += amount
        rate, method = rates[year]
        hours = rng.randrange(0, 1_600) * 25  # quarter hours, in hundredths
        day = stamp(dt.date(year, month, 28))
        figures.add(
            (
                *at,
                money(int(total * (0.8 + 0.25 * rng.random()))),
                money(hours),
                rng.randint(1, 25) if hours else 0,
                line.reciprocal,
                rate,
                method,
                0,
                day,
                day,
            )
        )
