"""Month summaries kept on write: after every kind of write of figures (a save, a change, a
correction of a closed month, an import, a move to another neighbourhood) they equal a full
recomputation from the rows, and the financing mix of neighbourhoods and agencies reads them."""

import io
import threading
import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from kiezwerk.economy import imports, services, summaries
from kiezwerk.economy.models import ClientSummary, MonthFigures, MonthSummary, Revenue
from kiezwerk.economy.queries import Scope, financing_mix
from tests.economy.conftest import month
from tests.economy.test_concurrency import WAIT, _backend_pid, _is_blocked
from tests.economy.test_import import _csv, _row
from tests.factories import InitiativeFactory, NeedCategoryFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db
PG_ONLY = "needs two overlapping transactions with row locks: PostgreSQL only"


@pytest.fixture
def neighbour(enterprise, manager):
    """A second enterprise in the same neighbourhood, with a bakery line."""
    other = InitiativeFactory(
        agency=enterprise.agency, neighbourhood=enterprise.neighbourhood, name="Kiezbäckerei"
    )
    category = NeedCategoryFactory(name="Backwaren")
    return services.add_line(other, actor=manager, name="Bäckerei", service=category)


def _stored() -> tuple[list, list]:
    months = MonthSummary.objects.order_by("neighbourhood_id", "year", "month").values()
    clients = ClientSummary.objects.order_by("neighbourhood_id", "year", "month", "client_id")
    return (
        [{k: v for k, v in row.items() if k != "id"} for row in months],
        [{k: v for k, v in row.items() if k != "id"} for row in clients.values()],
    )


def _save(line, year, month_number, values, actor, reason=""):
    """Save a month as its form does: with the version it was loaded with."""
    saved = MonthFigures.objects.filter(line=line, year=year, month=month_number).first()
    version = saved.version if saved else 0
    return services.save_month(
        line, year, month_number, values, actor=actor, version=version, reason=reason
    )


def test_summaries_kept_on_every_write_equal_a_rebuild(
    cafe, repairs, neighbour, district_office, founder, advisor, manager, agency
):
    _save(cafe, 2004, 1, month(market=1200, public={district_office: 800}, hours=40), founder)
    _save(repairs, 2004, 1, month(market=300, donations=50, costs=900), founder)
    _save(neighbour, 2004, 1, month(market=2000, costs=1500, hours=10), manager)
    _save(cafe, 2004, 1, month(market=1000, public={district_office: 500}, hours=20), founder)
    _save(cafe, 2004, 2, month(grants=700, hours=5), founder)
    services.close_month(cafe.initiative, 2004, 2, actor=advisor)
    _save(cafe, 2004, 2, month(grants=650), advisor, reason="Bescheid korrigiert")
    content = _csv([_row(month=3, market="400", costs="100"), _row(month=1, market="1.100")])
    imports.import_file(
        cafe.initiative, SimpleUploadedFile("zahlen.csv", content), actor=founder, file_name="z"
    )
    moved = cafe.initiative
    old = moved.neighbourhood_id
    moved.neighbourhood = NeighbourhoodFactory(agency=agency, name="Falkplatz")
    moved.save()
    _save(cafe, 2004, 1, month(market=1111, public={district_office: 500}, hours=20), founder)
    _save(cafe, 2004, 4, month(market=10), founder)  # a new month: in the new neighbourhood

    kept = _stored()
    summaries.rebuild(agency.pk)

    assert summaries.differences(agency.pk) == []
    assert _stored() == kept
    # January to March stay where they were saved first; April is in the new neighbourhood.
    where = [(row["neighbourhood_id"], row["month"]) for row in kept[0]]
    assert where == [(old, 1), (old, 2), (old, 3), (moved.neighbourhood_id, 4)]


def test_neighbourhood_mix_equals_the_sum_of_its_rows(cafe, neighbour, district_office, founder):
    _save(cafe, 2004, 5, month(market=1200, public={district_office: 800}, hours=40), founder)
    _save(neighbour, 2004, 6, month(market=2000, donations=20, costs=1500, hours=10), founder)
    hood = cafe.initiative.neighbourhood

    year = financing_mix(Scope.of_neighbourhood(hood)).year(2004)

    assert (year.public, year.market, year.donations, year.costs, year.hours) == (
        Decimal("800.00"),
        Decimal("3200.00"),
        Decimal("20.00"),
        Decimal("1500.00"),
        Decimal("50.00"),
    )
    assert year.clients == {district_office.pk: Decimal("800.00")}


def test_rows_written_around_the_services_are_found_and_mended_by_the_command(
    cafe, founder, agency
):
    saved = _save(cafe, 2004, 7, month(market=100), founder)
    Revenue.objects.filter(line=cafe, year=2004, month=7).update(amount=Decimal("999"))
    hood = Scope.of_neighbourhood(cafe.initiative.neighbourhood)
    assert financing_mix(hood).year(2004).market == Decimal("100.00")  # read from the summary

    with pytest.raises(CommandError, match="1 summaries differ from their rows"):
        call_command("rebuild_summaries", "--check", stdout=io.StringIO())
    call_command("rebuild_summaries", "--agency", agency.slug, stdout=io.StringIO())

    assert summaries.differences(agency.pk) == []
    assert financing_mix(hood).year(2004).market == Decimal("999.00")
    assert saved.version == 1


def test_rebuild_summaries_refuses_an_unknown_agency():
    with pytest.raises(CommandError, match="No agency with the slug 'nirgendwo'"):
        call_command("rebuild_summaries", "--agency", "nirgendwo")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason=PG_ONLY)
def test_two_saves_in_one_neighbourhood_at_once_keep_the_summary_whole(
    cafe, neighbour, founder, manager, agency
):
    """The first save stops in the middle of refreshing the summary (its old rows deleted, the
    new not yet written) and stays open until the second is seen waiting for the
    neighbourhood's lock; then both commit. The summary holds both."""
    written, release, waiting = threading.Event(), threading.Event(), {}

    def hold(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith('DELETE FROM "economy_monthsummary"') and not written.is_set():
            written.set()
            release.wait(WAIT)
        return result

    def first() -> None:
        with connection.execute_wrapper(hold):
            _save(cafe, 2005, 3, month(market=100), founder)
        connection.close()

    def second() -> None:
        assert written.wait(WAIT)
        waiting["pid"] = _backend_pid()
        _save(neighbour, 2005, 3, month(market=40), manager)
        connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    try:
        assert written.wait(WAIT)
        _until_blocked(waiting)
    finally:
        release.set()
        for thread in threads:
            thread.join(WAIT)

    assert summaries.differences(agency.pk) == []
    assert MonthSummary.objects.get(year=2005, month=3).market == Decimal("140.00")


def _until_blocked(waiting: dict) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if "pid" in waiting and _is_blocked(waiting["pid"]):
            return
        time.sleep(0.01)
    raise AssertionError("the second save never waited for the neighbourhood's lock")
