"""Open data (issue 9): the directory of social enterprises as JSON-LD and CSV for the whole
installation and per agency, each agency's indicator figures per period as CSV and JSON, the
licence they are published under and the page that links them."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from kiezwerk.funding.models import Indicator
from kiezwerk.portal.views_opendata import LICENCE_URL
from tests.conftest import count_queries
from tests.factories import (
    ConsultationFactory,
    ContactPersonFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
)
from tests.portal.directory import enterprise

PAGE = "/open-data/"
ALL_JSONLD = "/open-data/enterprises.jsonld"
ALL_CSV = "/open-data/enterprises.csv"
KIEZ = "/agencies/kiez/open-data/"


@pytest.fixture
def reader():
    """A machine or a resident, reading in English."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def content(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def csv_rows(response) -> list[dict[str, str]]:
    text = content(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def listed(response) -> list[dict]:
    return [element["item"] for element in json.loads(content(response))["itemListElement"]]


def assert_open(response) -> None:
    assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"


@pytest.fixture
def world(agency, neighbourhoods, other_agency):
    """Two enterprises of the agency in the directory, one of another agency, and records that
    must never appear (not opted in, still a concept, archived, in a closed neighbourhood)."""
    box, helm = neighbourhoods
    workshop = enterprise(agency, box, name="Reparaturwerkstatt", founded_on=dt.date(2003, 5, 1))
    paper = enterprise(agency, helm, name="Stadtteilzeitung", public_address="")
    ContactPersonFactory(initiative=workshop, name="Erika Geheim", email="erika@privat.example")
    other = enterprise(
        other_agency, NeighbourhoodFactory(agency=other_agency), name="Anderer Laden"
    )
    enterprise(agency, box, name="Nicht veröffentlicht", is_public=False)
    enterprise(agency, box, name="Noch im Konzept", stage="concept")
    enterprise(agency, box, name="Archiviert", archived_at=timezone.now())
    closed = NeighbourhoodFactory(agency=agency, archived_at=timezone.now())
    enterprise(agency, closed, name="Im geschlossenen Quartier")
    return {"workshop": workshop, "paper": paper, "other": other}


# ------------------------------------------------------------------------------------------
# The directory as JSON-LD


def test_directory_jsonld_lists_every_agencys_published_enterprises(reader, world):
    response = reader.get(ALL_JSONLD)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert [item["name"] for item in listed(response)] == [
        "Anderer Laden",
        "Reparaturwerkstatt",
        "Stadtteilzeitung",
    ]
    assert_open(response)


def test_directory_jsonld_is_a_licensed_schema_org_item_list(reader, world):
    workshop = world["workshop"]

    data = json.loads(content(reader.get(KIEZ + "enterprises.jsonld")))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ItemList"
    assert data["license"] == LICENCE_URL
    assert data["creditText"] == "Entwicklungsagentur Kiez (Kiezwerk)"
    assert data["numberOfItems"] == 2
    first = data["itemListElement"][0]
    assert (first["@type"], first["position"]) == ("ListItem", 1)
    assert first["item"] == {
        "@type": "LocalBusiness",
        "@id": f"http://testserver/enterprises/{workshop.pk}/",
        "url": f"http://testserver/enterprises/{workshop.pk}/",
        "name": "Reparaturwerkstatt",
        "description": "Lampen, Toaster und Radios – schnell und günstig repariert.",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Krossener Straße 7",
            "postalCode": "10245",
            "addressLocality": "Berlin",
            "addressCountry": "DE",
        },
        "telephone": "030 291 12 34",
        "email": "hallo@reparatur.example",
        "openingHours": ["Mo-Fr 10:00-18:00"],
        "areaServed": {"@type": "Place", "name": "Boxhagener Platz"},
        "foundingDate": "2003-05-01",
    }
    assert data["itemListElement"][1]["item"]["@type"] == "Organization"


def test_directory_files_hold_nothing_of_the_case(reader, world):
    for url in (ALL_JSONLD, ALL_CSV, KIEZ + "enterprises.jsonld", KIEZ + "enterprises.csv"):
        text = content(reader.get(url))

        assert "Erika Geheim" not in text
        assert "erika@privat.example" not in text
        assert "Nicht veröffentlicht" not in text
        assert "Noch im Konzept" not in text
        assert "Archiviert" not in text
        assert "Im geschlossenen Quartier" not in text


def test_agency_directory_files_list_only_that_agencys_enterprises(reader, world):
    names = [item["name"] for item in listed(reader.get(KIEZ + "enterprises.jsonld"))]
    rows = csv_rows(reader.get(KIEZ + "enterprises.csv"))

    assert names == ["Reparaturwerkstatt", "Stadtteilzeitung"]
    assert [row["name"] for row in rows] == ["Reparaturwerkstatt", "Stadtteilzeitung"]


@pytest.mark.parametrize("slug", ["unbekannt", "archiviert"])
@pytest.mark.parametrize("name", ["enterprises.jsonld", "enterprises.csv", "figures.json"])
def test_files_of_an_unknown_or_archived_agency_are_not_found(reader, agency, slug, name):
    from tests.factories import AgencyFactory

    AgencyFactory(slug="archiviert", archived_at=timezone.now())

    response = reader.get(f"/agencies/{slug}/open-data/{name}")

    assert response.status_code == 404


# ------------------------------------------------------------------------------------------
# The directory as CSV


def test_directory_csv_has_fixed_column_names_and_the_public_profile(reader, world):
    response = reader.get(ALL_CSV)
    rows = csv_rows(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="kiezwerk-enterprises-')
    assert_open(response)
    workshop = rows[1]
    assert workshop == {
        "id": str(world["workshop"].pk),
        "url": f"http://testserver/enterprises/{world['workshop'].pk}/",
        "name": "Reparaturwerkstatt",
        "legal_form": "ev",
        "legal_form_label": "registered association (e.V.)",
        "foundingDate": "2003-05-01",
        "description": "Lampen, Toaster und Radios – schnell und günstig repariert.",
        "openingHours": "Mo–Fr 10–18 Uhr",
        "address": "Krossener Straße 7, 10245 Berlin",
        "telephone": "030 291 12 34",
        "email": "hallo@reparatur.example",
        "website": "",
        "category": "",
        "neighbourhood": "Boxhagener Platz",
        "agency": "Entwicklungsagentur Kiez",
        "agency_slug": "kiez",
        "license": LICENCE_URL,
    }


def test_directory_csv_keeps_formula_text_as_text(reader, agency, neighbourhoods):
    enterprise(agency, neighbourhoods[0], name='=HYPERLINK("http://evil.example")')

    rows = csv_rows(reader.get(ALL_CSV))

    assert rows[0]["name"].startswith("'=")


@pytest.mark.parametrize(
    "url", [ALL_JSONLD, ALL_CSV, KIEZ + "enterprises.jsonld", KIEZ + "enterprises.csv"]
)
def test_directory_files_take_the_same_queries_for_one_or_many_enterprises(
    reader, agency, neighbourhoods, url
):
    enterprise(agency, neighbourhoods[0])
    one = count_queries(lambda: content(reader.get(url)))
    for number in range(12):
        enterprise(agency, neighbourhoods[number % 2], name=f"Kiezladen {number}")

    many = count_queries(lambda: content(reader.get(url)))

    assert one == many


# ------------------------------------------------------------------------------------------
# The figures


def consultations(agency, neighbourhood, *days: dt.date) -> None:
    initiative = InitiativeFactory(agency=agency, neighbourhood=neighbourhood)
    for day in days:
        ConsultationFactory(initiative=initiative, held_on=day)


@pytest.fixture
def counted(agency, neighbourhoods, other_agency):
    """Consultations: two in the first quarter of 2003, one in the third, one in 2004, and
    two of another agency in 2003 (not counted)."""
    consultations(
        agency,
        neighbourhoods[0],
        dt.date(2003, 1, 1),
        dt.date(2003, 3, 31),
        dt.date(2003, 7, 15),
        dt.date(2004, 1, 2),
    )
    other_hood = NeighbourhoodFactory(agency=other_agency)
    consultations(other_agency, other_hood, dt.date(2003, 2, 1), dt.date(2003, 2, 2))


def by_code(indicators: list[dict]) -> dict[str, dict]:
    return {row["code"]: row for row in indicators}


def test_figures_json_of_a_year_count_the_agencys_records(reader, counted):
    response = reader.get(KIEZ + "figures.json?year=2003")
    data = json.loads(content(response))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert_open(response)
    assert data["agency"] == {"slug": "kiez", "name": "Entwicklungsagentur Kiez"}
    assert data["period"] == {
        "year": 2003,
        "quarter": None,
        "start": "2003-01-01",
        "end": "2003-12-31",
    }
    assert data["license"] == LICENCE_URL
    held = by_code(data["indicators"])["OWN-01"]
    assert held == {
        "code": "OWN-01",
        "name": "Durchgeführte Beratungen",
        "unit": held["unit"],
        "value": "3",
    }


def test_figures_json_of_a_quarter(reader, counted):
    data = json.loads(content(reader.get(KIEZ + "figures.json?year=2003&quarter=1")))

    assert data["period"] == {
        "year": 2003,
        "quarter": 1,
        "start": "2003-01-01",
        "end": "2003-03-31",
    }
    assert by_code(data["indicators"])["OWN-01"]["value"] == "2"


def test_figures_hold_every_active_catalogue_indicator(reader, counted):
    Indicator.objects.filter(code="OWN-02").update(archived_at=timezone.now())
    expected = list(Indicator.objects.active().values_list("code", flat=True))

    data = json.loads(content(reader.get(KIEZ + "figures.json?year=2003")))

    assert [row["code"] for row in data["indicators"]] == expected
    assert "OWN-02" not in expected
    assert all(Decimal(row["value"]) >= 0 for row in data["indicators"])


@freeze_time("2005-06-15 12:00")
def test_figures_without_a_period_are_of_the_last_calendar_year(reader, counted):
    data = json.loads(content(reader.get(KIEZ + "figures.json")))

    assert data["period"]["year"] == 2004
    assert by_code(data["indicators"])["OWN-01"]["value"] == "1"


def test_figures_csv_has_one_row_per_indicator(reader, counted):
    response = reader.get(KIEZ + "figures.csv?year=2003&quarter=3")
    rows = csv_rows(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kiez-figures-2003-q3-' in response["Content-Disposition"]
    assert_open(response)
    assert len(rows) == Indicator.objects.active().count()
    held = next(row for row in rows if row["code"] == "OWN-01")
    assert held == {
        "agency": "Entwicklungsagentur Kiez",
        "agency_slug": "kiez",
        "year": "2003",
        "quarter": "3",
        "start": "2003-07-01",
        "end": "2003-09-30",
        "code": "OWN-01",
        "indicator": "Durchgeführte Beratungen",
        "unit": held["unit"],
        "value": "1",
        "license": LICENCE_URL,
    }


@freeze_time("2005-06-15 12:00")
@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("year=abc", "year", "invalid"),
        ("year=1999", "year", "min_value"),
        ("year=2006", "year", "future"),
        ("year=2005&quarter=3", "quarter", "future"),
        ("year=2004&quarter=5", "quarter", "invalid_choice"),
        ("year=2004&quarter=x", "quarter", "invalid_choice"),
    ],
)
def test_figures_of_a_bad_period_are_refused_with_the_reason(reader, agency, query, field, code):
    response = reader.get(KIEZ + "figures.json?" + query)
    data = json.loads(content(response))

    assert response.status_code == 400
    assert data["code"] == "invalid_period"
    assert [(error["field"], error["code"]) for error in data["errors"]] == [(field, code)]
    assert data["errors"][0]["message"]


@freeze_time("2005-06-15 12:00")
def test_figures_csv_of_a_bad_period_is_refused_in_plain_text(reader, agency):
    response = reader.get(KIEZ + "figures.csv?year=2006")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert content(response) == "year: There are no figures for a year that has not begun.\n"


@freeze_time("2005-06-15 12:00")
def test_the_current_quarter_may_be_read(reader, agency):
    response = reader.get(KIEZ + "figures.json?year=2005&quarter=2")

    assert response.status_code == 200


@pytest.mark.parametrize("name", ["figures.json?year=2003", "figures.csv?year=2003"])
def test_figures_take_the_same_queries_for_one_or_many_records(
    reader, agency, neighbourhoods, name
):
    consultations(agency, neighbourhoods[0], dt.date(2003, 2, 1))
    one = count_queries(lambda: content(reader.get(KIEZ + name)))
    for number in range(5):
        consultations(agency, neighbourhoods[number % 2], dt.date(2003, 4, 1), dt.date(2003, 5, 1))

    many = count_queries(lambda: content(reader.get(KIEZ + name)))

    assert one == many


# ------------------------------------------------------------------------------------------
# The page


def test_page_links_every_file_of_every_active_agency_and_names_the_licence(
    reader, agency, other_agency
):
    from tests.factories import AgencyFactory

    AgencyFactory(name="Geschlossene Agentur", slug="zu", archived_at=timezone.now())

    response = reader.get(PAGE)
    page = content(response)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert f'href="{LICENCE_URL}" rel="license"' in page
    for slug in ("kiez", "andere"):
        for name in ("enterprises.jsonld", "enterprises.csv"):
            assert f'href="/agencies/{slug}/open-data/{name}"' in page
        year = timezone.localdate().year - 1
        assert f'href="/agencies/{slug}/open-data/figures.csv?year={year}"' in page
        assert f'href="/agencies/{slug}/open-data/figures.json?year={year}"' in page
    assert 'href="/open-data/enterprises.jsonld"' in page
    assert "Geschlossene Agentur" not in page
    assert "/agencies/zu/" not in page


def test_page_takes_the_same_queries_for_one_or_many_agencies(reader, agency):
    from tests.factories import AgencyFactory

    one = count_queries(lambda: reader.get(PAGE))
    for number in range(4):
        AgencyFactory(slug=f"agentur-{number}")

    assert count_queries(lambda: reader.get(PAGE)) == one


def test_the_portal_footer_links_the_page(reader, agency):
    page = content(reader.get("/"))

    assert f'href="{PAGE}"' in page
