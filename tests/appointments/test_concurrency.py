"""Two residents ask for the same time at the same moment (PostgreSQL only): the database's
unique constraint keeps one request and refuses the other with SlotTaken, never both.

The first request's transaction stops right after its INSERT and stays open until the second
request's INSERT is seen waiting for it (pg_blocking_pids), so the two overlap for certain;
then the first commits and the second meets the constraint. Each thread has its own
connection. Mirrors tests/economy/test_concurrency.py.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from kiezwerk.appointments import services
from kiezwerk.appointments.models import AppointmentRequest
from tests.appointments.world import next_opening, weekly_slot

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs two overlapping transactions: PostgreSQL only (SQLite runs one writing "
        "transaction at a time)",
    ),
]
WAIT = 10
INSERT = 'INSERT INTO "appointments_appointmentrequest"'


class _Race:
    def __init__(self, opening) -> None:
        self.opening = opening
        self.written = threading.Event()
        self.release = threading.Event()
        self.second_pid: int | None = None
        self.outcome: dict[str, object] = {}

    def run(self) -> dict[str, object]:
        threads = [
            threading.Thread(target=self._request, args=("first", True)),
            threading.Thread(target=self._request, args=("second", False)),
        ]
        for thread in threads:
            thread.start()
        try:
            assert self.written.wait(WAIT), "the first request was not written"
            self._until_second_waits()
        finally:
            self.release.set()
            for thread in threads:
                thread.join(WAIT)
        assert not any(thread.is_alive() for thread in threads), "a request hung"
        return self.outcome

    def _request(self, name: str, first: bool) -> None:
        try:
            if first:
                with connection.execute_wrapper(self._hold_after_insert):
                    self.outcome[name] = self._send(name)
            else:
                assert self.written.wait(WAIT)
                self.second_pid = _backend_pid()
                self.outcome[name] = self._send(name)
        except Exception as error:  # the outcome is what the test looks at
            self.outcome[name] = error
            self.written.set()
        finally:
            connection.close()

    def _send(self, name: str):
        slot = self.opening.slot
        with transaction.atomic():
            return services.request_appointment(
                slot.agency,
                neighbourhood=slot.neighbourhood,
                opening=self.opening,
                name=name,
                phone="030 1",
                email="",
                description="Gleiche Zeit",
            )

    def _hold_after_insert(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith(INSERT) and not self.written.is_set():
            self.written.set()
            self.release.wait(WAIT)
        return result

    def _until_second_waits(self) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.second_pid is not None and _is_blocked(self.second_pid):
                return
            time.sleep(0.01)
        raise AssertionError(f"the second request never waited for the first: {self.outcome}")


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _is_blocked(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [pid])
        return cursor.fetchone()[0]


def test_two_requests_for_the_same_time_at_once_keep_one_and_refuse_the_other(
    agency, neighbourhoods
):
    weekly_slot(agency, neighbourhoods[0])
    opening = next_opening(agency)

    outcome = _Race(opening).run()

    assert isinstance(outcome["first"], AppointmentRequest)
    assert type(outcome["second"]) is services.SlotTaken
    assert list(AppointmentRequest.objects.values_list("name", flat=True)) == ["first"]
