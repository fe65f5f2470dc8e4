"""The public directory of social enterprises and each enterprise's page (issue 7)."""

import json
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.portal.directory_jsonld import opening_hours
from kiezwerk.portal.views_directory import ALL_NEIGHBOURHOODS_UP_TO
from tests.conftest import client_for, count_queries
from tests.factories import (
    ContactPersonFactory,
    NeedCategoryFactory,
    NeighbourhoodFactory,
)
from tests.portal.directory import enterprise

DIRECTORY = "/enterprises/"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def reader():
    """A resident reading in English."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def names_on(response) -> list[str]:
    return re.findall(r'<h3>\s*<a href="/enterprises/\d+/">([^<]+)</a>', response.content.decode())


def test_directory_lists_only_enterprises_that_opted_in_and_operate(reader, agency, neighbourhoods):
    hood = neighbourhoods[0]
    enterprise(agency, hood, name="Reparaturwerkstatt")
    enterprise(agency, hood, name="Kiezladen", stage="self_sustaining")
    enterprise(agency, hood, name="Nicht veröffentlicht", is_public=False)
    enterprise(agency, hood, name="Noch im Konzept", stage="concept")
    enterprise(agency, hood, name="Pausiert", stage="paused")
    enterprise(agency, hood, name="Archiviert", archived_at=timezone.now())
    closed = NeighbourhoodFactory(agency=agency, archived_at=timezone.now())
    enterprise(agency, closed, name="Im geschlossenen Quartier")

    response = reader.get(DIRECTORY)

    assert response.status_code == 200
    assert names_on(response) == ["Kiezladen", "Reparaturwerkstatt"]


def test_directory_shows_the_public_profile_and_nothing_of_the_case(reader, agency, neighbourhoods):
    entry = enterprise(agency, neighbourhoods[0], idea="Interne Idee: Zuschuss beantragen")
    ContactPersonFactory(initiative=entry, name="Erika Geheim", email="erika@privat.example")

    for url in (DIRECTORY, reverse("portal:enterprise", kwargs={"pk": entry.pk})):
        page = reader.get(url).content.decode()

        assert "Mo–Fr 10–18 Uhr" in page
        assert "Krossener Straße 7, 10245 Berlin" in page
        assert "Erika Geheim" not in page
        assert "erika@privat.example" not in page
        assert "Interne Idee" not in page


def test_directory_filters_by_agency_neighbourhood_and_category(
    reader, agency, neighbourhoods, other_agency
):
    repairs, food = NeedCategoryFactory(name="Reparatur"), NeedCategoryFactory(name="Versorgung")
    box, helm = neighbourhoods
    enterprise(agency, box, name="Reparatur Box", directory_category=repairs)
    enterprise(agency, helm, name="Laden Helm", directory_category=food)
    served = enterprise(agency, box, name="Lieferdienst Box", directory_category=food)
    served.served_neighbourhoods.add(helm, through_defaults={"agency": agency})
    other_helm = NeighbourhoodFactory(agency=other_agency, name="Helmholtzplatz", slug=helm.slug)
    enterprise(other_agency, other_helm, name="Anderer Laden Helm", directory_category=food)

    def names(**query) -> list[str]:
        return names_on(reader.get(DIRECTORY, query))

    assert names(neighbourhood=helm.slug) == [
        "Anderer Laden Helm",
        "Laden Helm",
        "Lieferdienst Box",
    ]
    assert names(neighbourhood=helm.slug, agency="kiez") == ["Laden Helm", "Lieferdienst Box"]
    assert names(category=repairs.pk) == ["Reparatur Box"]
    assert names(agency="andere", category=food.pk) == ["Anderer Laden Helm"]


def test_directory_offers_only_categories_of_listed_enterprises(reader, agency, neighbourhoods):
    enterprise(agency, neighbourhoods[0], directory_category=NeedCategoryFactory(name="Reparatur"))
    NeedCategoryFactory(name="Kinderbetreuung")

    page = reader.get(DIRECTORY).content.decode()

    assert ">Reparatur</option>" in page
    assert "Kinderbetreuung" not in page


def test_directory_offers_the_chosen_agency_s_neighbourhoods_where_there_are_many(
    reader, agency, neighbourhoods, other_agency
):
    box, helm = neighbourhoods
    many = NeighbourhoodFactory.create_batch(ALL_NEIGHBOURHOODS_UP_TO, agency=other_agency)

    def offered(**query) -> set[str]:
        page = reader.get(DIRECTORY, query).content.decode()
        select = re.search(r'<select name="neighbourhood".*?</select>', page, re.S).group(0)
        return set(re.findall(r'<option value="([^"]+)"', select))

    assert offered() == set()  # 62 would help nobody: the agency first
    assert offered(agency=agency.slug) == {box.slug, helm.slug}
    assert offered(neighbourhood=many[0].slug) == {many[0].slug}  # a link keeps its place
    assert "Choose an agency first" in reader.get(DIRECTORY).content.decode()


def test_directory_offers_every_neighbourhood_where_there_are_few(reader, neighbourhoods):
    page = reader.get(DIRECTORY).content.decode()

    assert all(f'<option value="{hood.slug}"' in page for hood in neighbourhoods)
    assert "Choose an agency first" not in page


@pytest.mark.parametrize(
    ("field", "value"), [("agency", "nirgends"), ("category", "abc"), ("neighbourhood", "x")]
)
def test_directory_refuses_an_unknown_filter_with_an_error_at_the_field(
    reader, agency, neighbourhoods, field, value
):
    enterprise(agency, neighbourhoods[0], name="Reparaturwerkstatt")

    response = reader.get(DIRECTORY, {field: value})

    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert "Select a valid choice." in page
    assert names_on(response) == []


def test_directory_shows_thirty_per_page(reader, agency, neighbourhoods):
    for number in range(31):
        enterprise(agency, neighbourhoods[0], name=f"Unternehmen {number:02d}")

    first, second = reader.get(DIRECTORY), reader.get(DIRECTORY, {"page": 2})

    assert len(names_on(first)) == 30
    assert names_on(second) == ["Unternehmen 30"]
    assert "31 social enterprises" in first.content.decode()


@pytest.mark.parametrize("query", [{}, {"neighbourhood": "boxhagener-platz", "category": "1"}])
def test_directory_needs_the_same_queries_for_2_and_20_enterprises(
    reader, agency, neighbourhoods, query
):
    category = NeedCategoryFactory(name="Reparatur", pk=1)

    def add(count: int) -> None:
        for hood in neighbourhoods * (count // 2):
            enterprise(agency, hood, directory_category=category).served_neighbourhoods.add(
                neighbourhoods[0], through_defaults={"agency": agency}
            )

    add(2)
    small = count_queries(lambda: reader.get(DIRECTORY, query))
    add(18)

    assert count_queries(lambda: reader.get(DIRECTORY, query)) == small


def test_enterprise_page_needs_the_same_queries_with_more_served_neighbourhoods(
    reader, agency, neighbourhoods
):
    entry = enterprise(agency, neighbourhoods[0])
    url = reverse("portal:enterprise", kwargs={"pk": entry.pk})
    small = count_queries(lambda: reader.get(url))
    for _ in range(5):
        hood = NeighbourhoodFactory(agency=agency)
        entry.served_neighbourhoods.add(hood, through_defaults={"agency": agency})

    assert count_queries(lambda: reader.get(url)) == small


def test_directory_pages_may_be_cached_by_anyone_for_five_minutes(
    anonymous, agency, neighbourhoods
):
    entry = enterprise(agency, neighbourhoods[0])

    for url in (DIRECTORY, reverse("portal:enterprise", kwargs={"pk": entry.pk})):
        cache_control = set(anonymous.get(url)["Cache-Control"].split(", "))

        assert cache_control == {"public", "max-age=300"}


@pytest.mark.parametrize(
    "fields", [{"is_public": False}, {"stage": "given_up"}, {"archived_at": timezone.now()}]
)
def test_enterprise_page_is_404_unless_listed(anonymous, agency, neighbourhoods, fields):
    entry = enterprise(agency, neighbourhoods[0], **fields)

    response = anonymous.get(reverse("portal:enterprise", kwargs={"pk": entry.pk}))

    assert response.status_code == 404


def test_enterprise_page_names_where_it_works_and_who_supports_it(reader, agency, neighbourhoods):
    box, helm = neighbourhoods
    entry = enterprise(agency, box, name="Lieferdienst", founded_on=timezone.localdate())
    entry.served_neighbourhoods.add(helm, box, through_defaults={"agency": agency})

    page = reader.get(reverse("portal:enterprise", kwargs={"pk": entry.pk})).content.decode()

    assert "Also active in" in page and "Helmholtzplatz" in page
    assert "Entwicklungsagentur Kiez" in page
    assert "registered association (e.V.)" in page
    assert 'href="tel:0302911234"' in page


def test_enterprise_page_describes_it_as_json_ld(anonymous, agency, neighbourhoods):
    entry = enterprise(agency, neighbourhoods[0], name="Reparaturwerkstatt", website="")
    url = reverse("portal:enterprise", kwargs={"pk": entry.pk})

    data = json.loads(JSONLD.search(anonymous.get(url).content.decode())[1])

    assert data == {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "@id": f"http://testserver{url}",
        "url": f"http://testserver{url}",
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
    }


def test_enterprise_without_an_address_is_an_organization(anonymous, agency, neighbourhoods):
    entry = enterprise(agency, neighbourhoods[0], public_address="", website="https://a.example")

    page = anonymous.get(reverse("portal:enterprise", kwargs={"pk": entry.pk})).content.decode()
    data = json.loads(JSONLD.search(page)[1])

    assert (data["@type"], data["url"]) == ("Organization", "https://a.example")
    assert "address" not in data


def test_json_ld_cannot_end_its_script_element(anonymous, agency, neighbourhoods):
    name = "Café </script><script>alert(1)</script> & Co"
    entry = enterprise(agency, neighbourhoods[0], name=name)

    page = anonymous.get(reverse("portal:enterprise", kwargs={"pk": entry.pk})).content.decode()

    assert "<script>alert(1)" not in page
    assert json.loads(JSONLD.search(page)[1])["name"] == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Di–Fr 9–18 Uhr, Sa 10–16 Uhr", ["Tu-Fr 09:00-18:00", "Sa 10:00-16:00"]),
        ("Mo–Fr 11.30–14 Uhr", ["Mo-Fr 11:30-14:00"]),
        ("So 9-12", ["Su 09:00-12:00"]),
        ("Redaktion: Mi 16–19 Uhr", []),
        ("Mo–Fr 8–20 Uhr, nach Vereinbarung", []),
        ("", []),
    ],
)
def test_opening_hours_in_schema_org_form_only_when_every_part_reads_clearly(text, expected):
    assert opening_hours(text) == expected


def test_advisor_chooses_what_the_enterprise_offers_on_the_case_form(
    advisor, agency, neighbourhoods, initiative
):
    category = NeedCategoryFactory(name="Reparatur")
    url = reverse("initiatives:edit", kwargs={"slug": "kiez", "pk": initiative.pk})
    data = {
        "name": initiative.name,
        "neighbourhood": neighbourhoods[0].pk,
        "legal_form": "none",
        "is_public": "on",
        "directory_category": category.pk,
    }

    response = client_for(advisor).post(url, data)

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.is_public, initiative.directory_category) == (True, category)
    entry = ActivityLogEntry.objects.filter(verb="changed").latest("pk")
    assert "directory_category" in json.dumps(entry.data)
