from django.urls import reverse

from kiezwerk.agencies.views import ACTIVITY_PAGE_SIZE
from kiezwerk.core.activity import log_action
from tests.conftest import client_for, count_queries

URL = reverse("agencies:activity", kwargs={"slug": "kiez"})


def _log(actor, target, count: int) -> None:
    for _ in range(count):
        log_action(actor, "changed", target)


def test_manager_reads_the_agency_log_newest_first(manager, agency, other_agency):
    log_action(manager, "created", agency)
    log_action(manager, "archived", agency)
    log_action(manager, "created", other_agency)

    page = client_for(manager).get(URL).content.decode()

    assert page.index("archiviert") < page.index("angelegt")
    assert "Andere" not in page


def test_log_pages_by_fifty_with_a_link_to_older_entries(manager, agency):
    _log(manager, agency, ACTIVITY_PAGE_SIZE + 5)

    first = client_for(manager).get(URL)

    entries = first.context["entries"]
    assert len(entries) == ACTIVITY_PAGE_SIZE
    assert f"?before={entries[-1].pk}" in first.content.decode()
    second = client_for(manager).get(URL, {"before": entries[-1].pk})
    assert len(second.context["entries"]) == 5
    assert second.context["older"] is None


def test_htmx_gets_only_the_entries_partial(manager, agency):
    _log(manager, agency, 3)

    response = client_for(manager).get(URL, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert body.count("<li") == 3
    assert body.count("data-autofocus") == 1
    assert "<html" not in body


def test_bad_cursor_shows_the_first_page(manager, agency):
    _log(manager, agency, 2)

    response = client_for(manager).get(URL, {"before": "kaputt"})

    assert response.status_code == 200
    assert len(response.context["entries"]) == 2


def test_empty_log_says_so(manager):
    page = client_for(manager).get(URL).content.decode()

    assert "Bisher ist nichts geschehen" in page


def test_log_needs_constant_queries(manager, agency):
    _log(manager, agency, 1)
    one = count_queries(lambda: client_for(manager).get(URL))
    _log(manager, agency, 80)

    assert count_queries(lambda: client_for(manager).get(URL)) == one
