"""Founder and advisor save the same month at the same time (PostgreSQL only): the second save
is refused with the conflict message, the first is kept whole, nothing is half-saved.

Both load the month with the same version (a Barrier makes sure both read it before either
saves). The founder's transaction then stops right after its write to the month's row and
stays open until the advisor's save is seen waiting for the founder's lock (pg_blocking_pids),
so the two transactions overlap for certain; then the founder commits and the advisor's save
goes on. Each thread has its own database connection.
"""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.utils.translation import gettext as _

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy import services
from kiezwerk.economy.models import BusinessLine, MonthFigures, Revenue
from kiezwerk.economy.services import StaleFigures
from tests.economy.conftest import month

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs two overlapping transactions with row locks: PostgreSQL only "
        "(SQLite runs one writing transaction at a time)",
    ),
]
WAIT = 10  # seconds before a step counts as hung
MONTH_WRITE = ('INSERT INTO "economy_monthfigures"', 'UPDATE "economy_monthfigures"')


class _Race:
    """Two saves of one month: `first` holds its transaction open after writing the month until
    `second` waits for its lock."""

    def __init__(self, line_pk: int, year: int, month_number: int) -> None:
        self.period = (line_pk, year, month_number)
        self.loaded = threading.Barrier(2, timeout=WAIT)
        self.written = threading.Event()
        self.release = threading.Event()
        self.second_pid: int | None = None
        self.outcome: dict[str, object] = {}

    def run(self, first: tuple, second: tuple) -> dict[str, object]:
        threads = [
            threading.Thread(target=self._save, args=(*first, True)),
            threading.Thread(target=self._save, args=(*second, False)),
        ]
        for thread in threads:
            thread.start()
        try:
            assert self.written.wait(WAIT), "the first save did not write the month"
            self._until_second_waits()
        finally:
            self.release.set()
            for thread in threads:
                thread.join(WAIT)
        assert not any(thread.is_alive() for thread in threads), "a save hung"
        return self.outcome

    def _save(self, name: str, actor, values, first: bool) -> None:
        line_pk, year, month_number = self.period
        try:
            line = BusinessLine.objects.select_related("initiative").get(pk=line_pk)
            version = _loaded_version(line, year, month_number)
            self.loaded.wait()  # both forms show the same version
            if first:
                with connection.execute_wrapper(self._hold_after_month_write):
                    saved = services.save_month(
                        line, year, month_number, values, actor=actor, version=version
                    )
            else:
                assert self.written.wait(WAIT)
                self.second_pid = _backend_pid()
                saved = services.save_month(
                    line, year, month_number, values, actor=actor, version=version
                )
            self.outcome[name] = saved
        except Exception as error:  # the outcome is what the test looks at
            self.outcome[name] = error
            self.written.set()
        finally:
            connection.close()

    def _hold_after_month_write(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith(MONTH_WRITE) and not self.written.is_set():
            self.written.set()
            self.release.wait(WAIT)
        return result

    def _until_second_waits(self) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.second_pid is not None and _is_blocked(self.second_pid):
                return
            time.sleep(0.01)
        raise AssertionError(f"the second save never waited for the first's lock: {self.outcome}")


def _loaded_version(line, year: int, month_number: int) -> int:
    found = MonthFigures.objects.filter(line=line, year=year, month=month_number).first()
    return found.version if found else 0


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _is_blocked(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [pid])
        return cursor.fetchone()[0]


def _stored(line) -> tuple:
    figures = MonthFigures.objects.get(line=line, year=2004, month=3)
    revenue = {
        (row.source, row.client_id): row.amount
        for row in Revenue.objects.filter(line=line, year=2004, month=3)
    }
    return figures.version, figures.costs, figures.volunteer_hours, revenue


def _saves(line) -> int:
    return ActivityLogEntry.objects.filter(
        verb="economy.month_saved", object_id=str(line.pk)
    ).count()


def test_concurrent_first_saves_of_a_new_month_keep_one_and_refuse_the_other(
    cafe, district_office, founder, advisor
):
    founders = month(market=1200, public={district_office: 800}, costs=1500, hours=40)
    advisors = month(market=999, costs=10, hours=1)

    outcome = _Race(cafe.pk, 2004, 3).run(
        ("founder", founder, founders), ("advisor", advisor, advisors)
    )

    assert isinstance(outcome["founder"], MonthFigures)
    assert type(outcome["advisor"]) is StaleFigures
    assert outcome["advisor"].messages == [
        _("Someone else saved these figures in the meantime. Please check them and save again.")
    ]
    assert _stored(cafe) == (
        1,
        Decimal("1500"),
        Decimal("40"),
        {("market", None): Decimal("1200"), ("public", district_office.pk): Decimal("800")},
    )
    assert _saves(cafe) == 1


def test_concurrent_saves_of_a_saved_month_keep_one_and_refuse_the_other(
    cafe, district_office, founder, advisor
):
    services.save_month(cafe, 2004, 3, month(market=100, costs=50), actor=founder, version=0)
    founders = month(market=1200, public={district_office: 800}, costs=1500, hours=40)
    advisors = month(market=999, costs=10, hours=1)

    outcome = _Race(cafe.pk, 2004, 3).run(
        ("founder", founder, founders), ("advisor", advisor, advisors)
    )

    assert isinstance(outcome["founder"], MonthFigures)
    assert type(outcome["advisor"]) is StaleFigures
    assert _stored(cafe) == (
        2,
        Decimal("1500"),
        Decimal("40"),
        {("market", None): Decimal("1200"), ("public", district_office.pk): Decimal("800")},
    )
    assert _saves(cafe) == 2  # the first save of the month and the founder's
