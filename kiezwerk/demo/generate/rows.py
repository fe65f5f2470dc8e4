"""Values of a synthetic world in database form (moments, money) for the fast writer
(`kiezwerk.core.bulk.Writer`), and the small helpers that split a total
exactly between parts."""

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

from django.db import connection

UTC = dt.UTC


@lru_cache(maxsize=65_536)
def stamp(day: dt.date, hour: int = 9) -> object:
    """A moment on `day` (UTC) in the form the database takes it."""
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return connection.ops.adapt_datetimefield_value(moment)


def money(cents: int) -> str:
    """Cents as a decimal string with two places (what Django writes for a DecimalField)."""
    return f"{cents // 100}.{cents % 100:02d}"


def share(total: int, parts: int, index: int) -> int:
    """Part `index` of `total` split into `parts` nearly equal whole parts (exact in sum)."""
    return total // parts + (1 if index < total % parts else 0)


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights`, by largest remainder: the parts sum to
    `total` exactly (all zero when there is no weight)."""
    whole = sum(weights)
    if whole <= 0 or total <= 0:
        return [0] * len(weights)
    exact = [total * weight / whole for weight in weights]
    parts = [int(value) for value in exact]
    missing = total - sum(parts)
    order = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for index in order[:missing]:
        parts[index] += 1
    return parts
