"""The years an export covers, as filters on dates, moments (Berlin time) and year columns."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone


@dataclass(frozen=True)
class Span:
    """The years asked for, both included; None leaves that side open."""

    first: int | None = None
    last: int | None = None

    def days(self, field: str) -> Q:
        """Rows whose date `field` lies in the years."""
        bounds = {}
        if self.first is not None:
            bounds[f"{field}__gte"] = dt.date(self.first, 1, 1)
        if self.last is not None:
            bounds[f"{field}__lte"] = dt.date(self.last, 12, 31)
        return Q(**bounds)

    def moments(self, field: str) -> Q:
        """Rows whose moment `field` lies in the years, in Berlin time."""
        bounds = {}
        if self.first is not None:
            bounds[f"{field}__gte"] = _new_year(self.first)
        if self.last is not None:
            bounds[f"{field}__lt"] = _new_year(self.last + 1)
        return Q(**bounds)

    def years(self, field: str = "year") -> Q:
        bounds = {}
        if self.first is not None:
            bounds[f"{field}__gte"] = self.first
        if self.last is not None:
            bounds[f"{field}__lte"] = self.last
        return Q(**bounds)

    def recorded_by_end(self, field: str = "created_at") -> Q:
        """Rows recorded before the last year ended (all when the end is open)."""
        return Q() if self.last is None else Q(**{f"{field}__lt": _new_year(self.last + 1)})

    def running(self, start: str, end: str) -> Q:
        """Rows from `start` to `end` (open when None) that overlap the years."""
        overlap = Q()
        if self.last is not None:
            overlap &= Q(**{f"{start}__lte": dt.date(self.last, 12, 31)})
        if self.first is not None:
            begin = dt.date(self.first, 1, 1)
            overlap &= Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": begin})
        return overlap


def _new_year(year: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, 1, 1))
