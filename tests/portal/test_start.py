from django.utils import timezone

from tests.conftest import count_queries
from tests.factories import AgencyFactory, NeighbourhoodFactory


def test_start_page_is_german_and_explains_social_enterprises(anonymous, db):
    page = anonymous.get("/").content.decode()

    assert '<html lang="de">' in page
    assert "Was ist ein Soziales Unternehmen?" in page


def test_start_page_lists_active_agencies_with_their_neighbourhoods(
    anonymous, agency, neighbourhoods
):
    AgencyFactory(name="Geschlossene Agentur", archived_at=timezone.now())

    page = anonymous.get("/").content.decode()

    assert "Entwicklungsagentur Kiez" in page
    assert "Boxhagener Platz" in page
    assert "Geschlossene Agentur" not in page


def test_start_page_sends_a_strict_content_security_policy(anonymous, db):
    policy = anonymous.get("/")["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in policy


def test_start_page_needs_constant_queries(anonymous, agency, neighbourhoods):
    one = count_queries(lambda: anonymous.get("/"))
    for _ in range(10):
        NeighbourhoodFactory(agency=AgencyFactory())

    assert count_queries(lambda: anonymous.get("/")) == one


def test_start_page_loads_nothing_from_other_hosts(anonymous, db):
    page = anonymous.get("/").content.decode()

    assert "https://" not in page and "http://" not in page
