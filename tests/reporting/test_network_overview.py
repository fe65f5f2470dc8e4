"""The network-wide overview: figures per agency equal each agency's own indicators, per
neighbourhood likewise; the year and order chosen by GET (bad ones refused with 400); both
tables as CSV and XLSX; a chart; no person and no initiative named anywhere; constant queries;
read by the planner who holds the permission (and superusers), by nobody else; the back-office
home links to it. The dataset is tests/reporting/network_world.py."""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kiezwerk.core.exporters import XLSX_MIME
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.funding.indicators import QUERIES, actuals
from kiezwerk.reporting.network_overview.queries import KEYS, network_overview
from tests.conftest import client_for, count_queries
from tests.factories import (
    AgencyFactory,
    ConsultationFactory,
    ForumFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
    UserFactory,
)
from tests.reporting import network_world
from tests.reporting.network_world import CAFE, CONTACT_EMAIL, CONTACT_NAME, JOB_TITLE, YEAR

OVERVIEW = reverse("network_overview:overview")
CHART = reverse("network_overview:chart")
# The figures that are keys of the indicator registry (the others have no indicator).
INDICATOR_KEYS = [key for key in KEYS if key in QUERIES]


def export_url(table: str, fmt: str) -> str:
    return reverse("network_overview:export", kwargs={"table": table, "fmt": fmt})


@pytest.fixture
def planner(db):
    """The city department: holds the permission (granted in the admin), no membership."""
    user = UserFactory(name="Stadtplanung Senatsverwaltung", email="planung@senat.test")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="reporting", codename="view_network_overview"
        )
    )
    return user


@pytest.fixture
def world(agency, other_agency, neighbourhoods):
    return network_world.build(agency, other_agency, neighbourhoods)


def get(user, url: str, **params):
    """The answer in English (the language switch's cookie)."""
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        return client.get(url, params)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[list[str]]:
    text = body(response).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def xlsx_text(response) -> str:
    workbook = zipfile.ZipFile(io.BytesIO(body(response)))
    return "".join(workbook.read(name).decode() for name in workbook.namelist())


def span(year: int = YEAR) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# ------------------------------------------------------------------------------------------
# The figures


def test_each_agencys_figures_equal_its_own_indicators(world):
    found = network_overview(YEAR)

    for row in found.agencies:
        expected = actuals(INDICATOR_KEYS, row.agency.pk, *span())
        assert {key: Decimal(row.figures[key]) for key in INDICATOR_KEYS} == expected, row.agency


def test_each_neighbourhoods_figures_equal_its_indicators(world):
    found = network_overview(YEAR)

    assert len(found.neighbourhoods) == 3
    for row in found.neighbourhoods:
        hood = row.neighbourhood
        expected = actuals(INDICATOR_KEYS, hood.agency_id, *span(), neighbourhood_id=hood.pk)
        assert {key: Decimal(row.figures[key]) for key in INDICATOR_KEYS} == expected, hood


def test_figures_counted_by_hand(world):
    found = {row.agency.slug: row for row in network_overview(YEAR).agencies}

    kiez, andere = found["kiez"].figures, found["andere"].figures
    assert (kiez["consultations_held"], andere["consultations_held"]) == (3, 3)
    assert (kiez["jobs_total"], kiez["jobs_created"]) == (2, 1)
    assert (andere["jobs_total"], andere["jobs_created"]) == (2, 2)
    assert (kiez["forum_attendance"], andere["forum_attendance"]) == (34, 10)
    assert (kiez["resource_value"], andere["resource_value"]) == (
        Decimal("150.50"),
        Decimal("99.99"),
    )


def test_pipeline_counts_active_initiatives_by_broad_stage(world):
    """Werkstatt is before founding, café and Stadtteilladen founded; the paused and the
    archived initiative are not in the pipeline."""
    kiez = next(row for row in network_overview(YEAR).agencies if row.agency.slug == "kiez")

    assert (kiez.figures["before_founding"], kiez.figures["founded"]) == (1, 2)


def test_enterprises_founded_in_the_year_and_up_to_its_end(world):
    kiez = next(row for row in network_overview(YEAR).agencies if row.agency.slug == "kiez")

    assert (kiez.figures["enterprises_founded"], kiez.figures["enterprises_total"]) == (1, 2)


def test_total_row_adds_up_the_agencies(world):
    found = network_overview(YEAR)

    for key in KEYS:
        assert found.total.figures[key] == sum(row.figures[key] for row in found.agencies)
    assert found.total.neighbourhoods == 3


def test_archived_agency_and_its_figures_are_left_out(world, other_agency):
    other_agency.archived_at = timezone.now()
    other_agency.save()

    found = network_overview(YEAR)

    assert [row.agency.slug for row in found.agencies] == ["kiez"]
    assert found.total.figures["consultations_held"] == 3
    assert {row.agency.slug for row in found.neighbourhoods} == {"kiez"}


def test_archived_neighbourhood_is_listed_only_with_figures_and_counted_in_its_agency(world):
    b = world.hoods[1]
    b.archived_at = timezone.now()
    b.save()
    empty = NeighbourhoodFactory(agency=world.agency, name="Leer", archived_at=timezone.now())

    found = network_overview(YEAR)

    listed = {row.neighbourhood.pk for row in found.neighbourhoods}
    assert b.pk in listed and empty.pk not in listed
    kiez = next(row for row in found.agencies if row.agency.slug == "kiez")
    assert kiez.neighbourhoods == 1
    assert kiez.figures["consultations_held"] == 3  # Werkstatt's in B still counts


# ------------------------------------------------------------------------------------------
# The page


def test_planner_sees_both_tables_of_the_year(world, planner):
    response = get(planner, OVERVIEW, year=YEAR)

    assert response.status_code == 200
    agencies = {row["name"]: row for row in response.context["agencies"]}
    assert set(agencies) == {"Entwicklungsagentur Kiez", "Andere Agentur"}
    assert agencies["Entwicklungsagentur Kiez"]["neighbourhoods"] == "2"
    assert response.context["total"][KEYS.index("consultations_held")] == "6"
    assert response.context["total"][KEYS.index("resource_value")] == "250.49"
    page = response.content.decode()
    assert "All agencies" in page
    assert 'id="neighbourhoods"' in page
    assert "Helmholtzplatz" in page


def test_year_defaults_to_the_latest_with_figures(world, planner):
    response = get(planner, OVERVIEW)

    assert response.status_code == 200
    assert response.context["year"] == "2004"
    assert [choice for choice, _label in response.context["form"].fields["year"].choices] == [
        2004,
        2003,
        2002,
        2001,
    ]


def test_without_any_figures_the_year_is_this_year(agency, planner):
    response = get(planner, OVERVIEW)

    assert response.context["year"] == str(timezone.localdate().year)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "1999"}, "Please choose a year from 2001 to 2004"),
        ({"year": "zwei"}, "Please choose a year from 2001 to 2004"),
        ({"year": "2003", "sort": "name; drop"}, "Please choose one of the orders offered."),
    ],
)
@pytest.mark.parametrize("url", [OVERVIEW, CHART, export_url("agencies", "csv")])
def test_bad_year_or_order_is_refused_with_a_message(world, planner, url, params, message):
    before = ActivityLogEntry.objects.count()

    response = get(planner, url, **params)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ActivityLogEntry.objects.count() == before


def test_neighbourhoods_sort_by_a_figure_highest_first(world, planner):
    response = get(planner, OVERVIEW, year=YEAR, sort="consultations_held")

    names = [row["name"] for row in response.context["neighbourhoods"]]
    assert names == ["Falkplatz", "Boxhagener Platz", "Helmholtzplatz"]


def test_neighbourhoods_sort_by_agency(world, planner):
    response = get(planner, OVERVIEW, year=YEAR, sort="agency")

    agencies = [row["agency"] for row in response.context["neighbourhoods"]]
    assert agencies == ["Andere Agentur", "Entwicklungsagentur Kiez", "Entwicklungsagentur Kiez"]


def test_page_links_chart_and_downloads_for_the_year_and_order(world, planner):
    page = get(planner, OVERVIEW, year=YEAR, sort="agency").content.decode()

    query = f"?year={YEAR}&amp;sort=agency"
    assert f'src="{CHART}{query}"' in page
    for table in ("agencies", "neighbourhoods"):
        for fmt in ("csv", "xlsx"):
            assert f'href="{export_url(table, fmt)}{query}"' in page


# ------------------------------------------------------------------------------------------
# Files and chart


def test_agency_table_as_csv_with_the_total_row(world, planner):
    response = get(planner, export_url("agencies", "csv"), year=YEAR)

    rows = csv_rows(response)
    assert response["Content-Disposition"] == (
        f'attachment; filename="network-overview-agencies-{YEAR}.csv"'
    )
    assert rows[0][:4] == [
        "Year",
        "Agency",
        "Neighbourhoods served",
        "Initiatives before founding (today)",
    ]
    by_agency = {row[1]: row for row in rows[1:]}
    assert set(by_agency) == {"Entwicklungsagentur Kiez", "Andere Agentur", "All agencies"}
    value = rows[0].index("Value of partner resources received (€)")
    assert by_agency["All agencies"][value] == "250.49"


def test_csv_writes_headings_and_euros_as_the_reader_reads_them(world, planner):
    client = client_for(planner)
    with translation.override("de"):
        rows = csv_rows(client.get(export_url("agencies", "csv"), {"year": YEAR}))
        heading = str(_("Value of partner resources received (€)"))

    assert rows[0][:2] == ["Jahr", "Agentur"]
    assert rows[-1][rows[0].index(heading)] == "250,49"


def test_neighbourhood_table_as_xlsx_in_the_order_asked_for(world, planner):
    response = get(planner, export_url("neighbourhoods", "xlsx"), year=YEAR, sort="agency")

    text = xlsx_text(response)
    assert response["Content-Disposition"].endswith(
        f'filename="network-overview-neighbourhoods-{YEAR}.xlsx"'
    )
    assert text.index("Andere Agentur") < text.index("Entwicklungsagentur Kiez")
    assert "<f>" not in text


def test_names_in_files_never_become_formulas(world, planner):
    world.agency.name = '=HYPERLINK("http://x")'
    world.agency.save()

    csv_text = body(get(planner, export_url("agencies", "csv"), year=YEAR)).decode()
    xlsx = xlsx_text(get(planner, export_url("agencies", "xlsx"), year=YEAR))

    assert "'=HYPERLINK" in csv_text
    assert "<f>" not in xlsx


def test_chart_is_an_svg_with_a_title_and_a_strict_policy(world, planner):
    response = get(planner, CHART, year=YEAR)

    svg = response.content.decode()
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert f'<title id="chart-title">Agencies compared, {YEAR}</title>' in svg
    assert "Andere" in svg
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_chart_without_agencies_is_404(planner):
    assert get(planner, CHART).status_code == 404


def test_no_person_and_no_initiative_is_named(world, planner):
    answers = [
        get(planner, OVERVIEW, year=YEAR),
        get(planner, CHART, year=YEAR),
        *(
            get(planner, export_url(table, fmt), year=YEAR)
            for table in ("agencies", "neighbourhoods")
            for fmt in ("csv", "xlsx")
        ),
    ]

    for response in answers:
        assert response.status_code == 200
        is_xlsx = response["Content-Type"] == XLSX_MIME
        text = xlsx_text(response) if is_xlsx else body(response).decode()
        for secret in (CAFE, CONTACT_NAME, CONTACT_EMAIL, JOB_TITLE):
            assert secret not in text


# ------------------------------------------------------------------------------------------
# Who reads it, and the way there


@pytest.mark.parametrize(
    "url",
    [OVERVIEW, CHART, export_url("agencies", "csv"), export_url("neighbourhoods", "xlsx")],
)
def test_planner_and_superuser_read_every_view(world, planner, url):
    superuser = UserFactory(is_superuser=True, is_staff=True)

    assert get(planner, url).status_code == 200
    assert get(superuser, url).status_code == 200


def test_the_permission_through_a_group_is_enough(world):
    from django.contrib.auth.models import Group

    department = Group.objects.create(name="Senatsverwaltung")
    department.permissions.add(
        Permission.objects.get(
            content_type__app_label="reporting", codename="view_network_overview"
        )
    )
    user = UserFactory()
    user.groups.add(department)

    assert get(user, OVERVIEW).status_code == 200


def test_home_links_the_planner_without_agencies_to_the_overview(planner):
    response = get(planner, reverse("backoffice:home"))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="{OVERVIEW}"' in page
    assert "does not belong to any agency" not in page


def test_home_shows_a_planner_with_one_agency_both_ways(agency, planner):
    from kiezwerk.accounts.enums import Role
    from tests.factories import MembershipFactory

    MembershipFactory(agency=agency, user=planner, role=Role.EVALUATOR)

    page = get(planner, reverse("backoffice:home")).content.decode()

    assert f'href="{OVERVIEW}"' in page
    assert 'href="/backoffice/kiez/"' in page


def test_home_still_takes_a_member_without_the_permission_to_the_agency(manager):
    response = get(manager, reverse("backoffice:home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:agency", kwargs={"slug": "kiez"})


# ------------------------------------------------------------------------------------------
# Constant queries


def _agency_with_records(number: int) -> None:
    agency = AgencyFactory()
    for hood_number in range(2):
        hood = NeighbourhoodFactory(agency=agency)
        firm = InitiativeFactory(
            agency=agency, neighbourhood=hood, stage="startup", founded_on=dt.date(YEAR, 3, number)
        )
        ConsultationFactory(initiative=firm, held_on=dt.date(YEAR, 4, hood_number + 1))
        ForumFactory(agency=agency, neighbourhood=hood)


@pytest.mark.parametrize(
    "url", [OVERVIEW, CHART, export_url("agencies", "csv"), export_url("neighbourhoods", "xlsx")]
)
def test_the_same_queries_for_two_and_five_agencies(planner, url):
    for number in range(1, 3):
        _agency_with_records(number)
    get(planner, url, year=YEAR)  # warm caches (content types, sessions)
    two = count_queries(lambda: body(get(planner, url, year=YEAR)))

    for number in range(3, 6):
        _agency_with_records(number)
    five = count_queries(lambda: body(get(planner, url, year=YEAR)))

    assert five == two
