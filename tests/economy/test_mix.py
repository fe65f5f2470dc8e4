"""The enterprise's economics page and its financing-mix chart."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kiezwerk.economy import services
from kiezwerk.economy.models import ValuationRate
from tests.conftest import client_for, count_queries
from tests.economy.conftest import month


def page_url(enterprise, **query) -> str:
    url = reverse("economy:enterprise", kwargs={"slug": "kiez", "pk": enterprise.pk})
    return url + (f"?year={query['year']}" if "year" in query else "")


def chart_url(enterprise) -> str:
    return reverse("economy:mix_chart", kwargs={"slug": "kiez", "pk": enterprise.pk})


def get(user, url):
    """The page in English (the language switch's cookie): stable whatever the catalogue."""
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        return client.get(url)


def save(line, year, number, actor, **fields):
    services.save_month(line, year, number, month(**fields), actor=actor, version=0)


def rows(response, name: str) -> dict[str, list[str]]:
    return {row.label: row.cells for row in response.context[name]}


@pytest.fixture
def figures(agency, enterprise, cafe, repairs, district_office, job_centre, manager):
    """2004: the district office pays most (a warning); 2005 is balanced."""
    ValuationRate.objects.create(agency=agency, year=2004, rate="10", method="agency")
    save(cafe, 2004, 2, manager, market=100, public={district_office: 800}, hours=10, costs=700)
    save(repairs, 2004, 11, manager, public={job_centre: 50}, grants=40, donations=10)
    save(cafe, 2005, 3, manager, market=300, public={district_office: 300}, costs=500)
    return enterprise


def test_page_shows_the_mix_per_year_with_shares_that_add_up(figures, manager):
    response = get(manager, page_url(figures))

    assert response.status_code == 200
    mix = rows(response, "mix_rows")
    assert response.context["years"] == ["2004", "2005"]
    assert mix["Public contracts"] == ["850.00\N{NO-BREAK SPACE}€", "300.00\N{NO-BREAK SPACE}€"]
    assert mix["Volunteer work (valued)"] == [
        "100.00\N{NO-BREAK SPACE}€",
        "0.00\N{NO-BREAK SPACE}€",
    ]
    shares = [mix[f"Share of {name}"] for name in ("public contracts", "market sales")]
    assert shares == [
        ["81\N{NO-BREAK SPACE}%", "50\N{NO-BREAK SPACE}%"],
        ["10\N{NO-BREAK SPACE}%", "50\N{NO-BREAK SPACE}%"],
    ]
    money = rows(response, "money_rows")
    assert money["Revenue"] == ["1,000.00\N{NO-BREAK SPACE}€", "600.00\N{NO-BREAK SPACE}€"]
    assert money["Result (revenue minus costs)"] == [
        "300.00\N{NO-BREAK SPACE}€",
        "100.00\N{NO-BREAK SPACE}€",
    ]


def test_page_shows_chart_warnings_clients_and_explanations(figures, district_office, manager):
    response = get(manager, page_url(figures))

    page = response.content.decode()
    assert f'src="{chart_url(figures)}"' in page
    assert "The numbers are in the table below." in page
    assert [(w.year, w.kind) for w in response.context["warnings"]] == [
        (2004, "source"),
        (2004, "client"),
    ]
    assert "Warning:" in page
    assert "the public client Bezirksamt Friedrichshain-Kreuzberg alone" in page
    assert "The Herfindahl index adds up the squared shares" in page
    clients = rows(response, "clients")
    assert clients[district_office.name] == [
        "800.00\N{NO-BREAK SPACE}€ (76.2\N{NO-BREAK SPACE}%)",
        "300.00\N{NO-BREAK SPACE}€ (50.0\N{NO-BREAK SPACE}%)",
    ]
    assert '<caption id="mix-caption">' in page


def test_year_choice_shows_that_year_by_quarter(figures, manager):
    response = get(manager, page_url(figures, year=2004))

    quarters = response.context["quarters"]
    assert quarters["columns"] == ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"]
    public = {row.label: row.cells for row in quarters["mix_rows"]}["Public contracts"]
    assert public == [
        "800.00\N{NO-BREAK SPACE}€",
        "0.00\N{NO-BREAK SPACE}€",
        "0.00\N{NO-BREAK SPACE}€",
        "50.00\N{NO-BREAK SPACE}€",
    ]
    assert "2004 by quarter" in response.content.decode()


@pytest.mark.parametrize("year", ["1999", "abc"])
def test_year_without_figures_shows_no_quarters_and_an_error(figures, manager, year):
    response = get(manager, page_url(figures, year=year))

    assert response.status_code == 200
    assert response.context["quarters"] is None
    assert 'class="field-errors"' in response.content.decode()


def test_lines_link_to_their_latest_year_and_archived_lines_stand_apart(
    figures, cafe, repairs, manager
):
    services.archive_line(repairs, actor=manager)

    response = get(manager, page_url(figures))

    page = response.content.decode()
    cafe_url = reverse(
        "economy:year", kwargs={"slug": "kiez", "pk": figures.pk, "line": cafe.pk, "year": 2005}
    )
    repairs_url = reverse(
        "economy:year",
        kwargs={"slug": "kiez", "pk": figures.pk, "line": repairs.pk, "year": 2004},
    )
    assert [line.name for line in response.context["lines"]] == ["Café"]
    assert [line.name for line in response.context["archived_lines"]] == ["Reparaturdienst"]
    assert f'href="{cafe_url}"' in page
    assert f'href="{repairs_url}"' in page
    assert "Archived business lines" in page


def test_line_without_figures_links_to_this_year(enterprise, cafe, manager):
    response = get(manager, page_url(enterprise))

    assert response.context["lines"][0].year == dt.date.today().year


def test_distribution_raises_a_visible_flag(figures, manager):
    services.record_distribution(
        figures,
        actor=manager,
        day=dt.date(2005, 12, 1),
        amount=Decimal("1200"),
        recipients="die beiden Gründerinnen",
        explanation="Gewinn 2005",
    )

    page = get(manager, page_url(figures)).content.decode()

    assert "Flag: profit distributed" in page
    assert "die beiden Gründerinnen" in page
    assert "(criterion 3)" in page


def test_no_distribution_says_so(figures, manager):
    page = get(manager, page_url(figures)).content.decode()

    assert "No profit distribution has been recorded" in page
    assert "Flag: profit distributed" not in page


@pytest.mark.parametrize(
    ("persona", "links"), [("manager", True), ("founder", True), ("evaluator", False)]
)
def test_entry_links_only_for_who_may_enter_figures(figures, request, persona, links):
    user = request.getfixturevalue(persona)

    page = get(user, page_url(figures)).content.decode()

    create = reverse("economy:line_create", kwargs={"slug": "kiez", "pk": figures.pk})
    distribute = reverse("economy:distribution_create", kwargs={"slug": "kiez", "pk": figures.pk})
    assert (create in page, distribute in page) == (links, links)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager", 200),
        ("advisor", 200),
        ("evaluator", 200),
        ("founder", 200),
        # funders and partners do not see cases at all (the initiatives' visibility rules)
        ("funder", 404),
        ("partner", 404),
        ("outsider", 404),
    ],
)
def test_page_per_persona(figures, request, persona, status):
    user = request.getfixturevalue(persona)

    assert get(user, page_url(figures)).status_code == status


def test_anonymous_is_sent_to_login(figures, anonymous):
    response = anonymous.get(page_url(figures))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_empty_state_without_figures(enterprise, manager):
    response = get(manager, page_url(enterprise))

    page = response.content.decode()
    assert response.status_code == 200
    assert "No figures have been recorded for this enterprise yet." in page
    assert chart_url(enterprise) not in page
    assert "This enterprise has no active business line." in page


def test_chart_is_an_svg_with_title_and_a_strict_policy(figures, manager):
    response = get(manager, chart_url(figures))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "script-src 'none'" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "no-cache" in response["Cache-Control"]
    svg = response.content.decode()
    assert '<title id="chart-title">Financing mix of Nachbarschaftscafé Boxhagen</title>' in svg
    assert (
        "2004: public contracts 850.00\N{NO-BREAK SPACE}€, market sales 100.00\N{NO-BREAK SPACE}€"
        in svg
    )


def test_chart_without_figures_is_404(enterprise, manager):
    assert get(manager, chart_url(enterprise)).status_code == 404


def test_chart_is_404_for_the_funder_and_the_outsider(figures, funder, outsider):
    assert get(funder, chart_url(figures)).status_code == 404
    assert get(outsider, chart_url(figures)).status_code == 404


@pytest.mark.parametrize("url", [page_url, chart_url])
def test_wrong_method_is_405(figures, manager, url):
    assert client_for(manager).post(url(figures)).status_code == 405


def test_page_queries_do_not_grow_with_the_figures(
    enterprise, cafe, repairs, district_office, job_centre, manager
):
    save(cafe, 2004, 1, manager, market=1)
    client = client_for(manager)
    client.get(page_url(enterprise))  # warm: session and content types
    few = count_queries(lambda: client.get(page_url(enterprise, year=2004)))
    for year in (2004, 2005, 2006):
        for number in range(2, 13):
            save(cafe, year, number, manager, market=1, public={district_office: 9}, hours=1)
            save(repairs, year, number, manager, public={job_centre: 3}, grants=1, costs=1)
    services.record_distribution(
        enterprise,
        actor=manager,
        day=dt.date(2005, 1, 1),
        amount=Decimal("5"),
        recipients="Mitglieder",
        explanation="Ausschüttung",
    )
    services.archive_line(repairs, actor=manager)

    many = count_queries(lambda: client.get(page_url(enterprise, year=2004)))

    assert few == many
