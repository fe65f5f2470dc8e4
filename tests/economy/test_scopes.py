"""The financing mix of a neighbourhood and of the agency: totals, the enterprises one by one,
warnings, the charts, who sees what, and constant queries."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kiezwerk.economy import services
from kiezwerk.economy.breakdown import mixes_by_enterprise
from kiezwerk.economy.models import ValuationRate
from kiezwerk.economy.queries import SUMMED, Scope, financing_mix
from tests.conftest import client_for, count_queries
from tests.economy.conftest import month
from tests.factories import InitiativeFactory, NeedCategoryFactory

EUR = "\N{NO-BREAK SPACE}€"
PCT = "\N{NO-BREAK SPACE}%"


def hood_url(hood, chart: bool = False) -> str:
    name = "economy:neighbourhood_chart" if chart else "economy:neighbourhood"
    return reverse(name, kwargs={"slug": "kiez", "neighbourhood": hood.slug})


def agency_url(chart: bool = False) -> str:
    return reverse("economy:agency_chart" if chart else "economy:agency", kwargs={"slug": "kiez"})


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


def listed(response) -> dict[str, tuple]:
    return {
        row.enterprise.name: (row.year, row.shares, row.result, row.warnings)
        for row in response.context["enterprises"]
    }


def enterprise_with_line(agency, hood, manager, name: str, clients=()):
    enterprise = InitiativeFactory(agency=agency, neighbourhood=hood, name=name)
    category = NeedCategoryFactory(name=f"Angebot {name}")
    line = services.add_line(
        enterprise, actor=manager, name="Laden", service=category, clients=clients
    )
    return enterprise, line


@pytest.fixture
def figures(agency, neighbourhoods, enterprise, cafe, district_office, manager):
    """Boxhagener Platz: the café (2004, 80 % from the district office: two warnings) and the
    workshop (2004, and 2005 half public, half market: no warning). Helmholtzplatz: the repair
    café (2004, market sales only: one warning)."""
    ValuationRate.objects.create(agency=agency, year=2004, rate="10", method="agency")
    save(cafe, 2004, 2, manager, market=100, public={district_office: 800}, hours=10, costs=700)
    _workshop, line = enterprise_with_line(
        agency, neighbourhoods[0], manager, "Stadtteilwerkstatt", clients=[district_office]
    )
    save(line, 2004, 3, manager, market=300, public={district_office: 100}, grants=60)
    save(line, 2005, 1, manager, market=50, public={district_office: 50}, costs=30)
    _repairs, line = enterprise_with_line(agency, neighbourhoods[1], manager, "Reparaturcafé")
    save(line, 2004, 5, manager, market=1000, costs=900)
    return neighbourhoods


def test_neighbourhood_totals_are_the_sum_of_its_enterprises(figures, manager):
    response = get(manager, hood_url(figures[0]))

    assert response.status_code == 200
    assert response.context["years"] == ["2004", "2005"]
    mix = rows(response, "mix_rows")
    assert mix["Public contracts"] == ["900.00" + EUR, "50.00" + EUR]
    assert mix["Market sales"] == ["400.00" + EUR, "50.00" + EUR]
    assert mix["Volunteer work (valued)"] == ["100.00" + EUR, "0.00" + EUR]
    money = rows(response, "money_rows")
    assert money["Grants and subsidies"] == ["60.00" + EUR, "0.00" + EUR]
    assert money["Result (revenue minus costs)"] == ["660.00" + EUR, "70.00" + EUR]


def test_agency_totals_are_the_sum_of_all_enterprises(figures, manager):
    response = get(manager, agency_url())

    mix = rows(response, "mix_rows")
    assert mix["Market sales"] == ["1,400.00" + EUR, "50.00" + EUR]
    assert mix["Three sources together"] == ["2,400.00" + EUR, "100.00" + EUR]
    assert set(listed(response)) == {
        "Nachbarschaftscafé Boxhagen",
        "Stadtteilwerkstatt",
        "Reparaturcafé",
    }


@pytest.mark.parametrize("scope", ["neighbourhood", "agency"])
def test_enterprises_add_up_to_the_scope_in_every_figure(figures, agency, scope):
    found = (
        Scope.of_neighbourhood(figures[0]) if scope == "neighbourhood" else Scope.of_agency(agency)
    )

    whole = financing_mix(found)
    parts = mixes_by_enterprise(found).values()

    for period in whole.years:
        in_parts = [mix.year(period.year) for mix in parts if mix.year(period.year)]
        for name in SUMMED:
            assert getattr(period, name) == sum(
                (getattr(part, name) for part in in_parts), Decimal(0)
            ), name
        for client, amount in period.clients.items():
            assert amount == sum((part.clients.get(client, 0) for part in in_parts), Decimal(0))


def test_enterprise_of_the_other_neighbourhood_is_not_on_the_page(figures, manager):
    response = get(manager, hood_url(figures[0]))

    assert set(listed(response)) == {"Nachbarschaftscafé Boxhagen", "Stadtteilwerkstatt"}
    assert "Reparaturcafé" not in response.content.decode()


def test_each_enterprise_shows_its_latest_year_shares_result_and_warnings(figures, manager):
    response = get(manager, agency_url())

    assert listed(response) == {
        "Nachbarschaftscafé Boxhagen": (
            2004,
            ["80" + PCT, "10" + PCT, "10" + PCT],
            "+200.00" + EUR,
            2,
        ),
        "Stadtteilwerkstatt": (2005, ["50" + PCT, "50" + PCT, "0" + PCT], "+70.00" + EUR, 0),
        "Reparaturcafé": (2004, ["0" + PCT, "100" + PCT, "0" + PCT], "+100.00" + EUR, 1),
    }


def test_each_enterprise_links_to_its_economics_page(figures, enterprise, manager):
    page = get(manager, hood_url(figures[0])).content.decode()

    economics = reverse("economy:enterprise", kwargs={"slug": "kiez", "pk": enterprise.pk})
    assert f'href="{economics}"' in page


@pytest.mark.parametrize("url", [lambda hoods: hood_url(hoods[0]), lambda hoods: agency_url()])
def test_shares_add_up_to_100(figures, manager, url):
    response = get(manager, url(figures))

    def whole(cells):
        return sum(int(cell.removesuffix(PCT)) for cell in cells)

    for row in response.context["enterprises"]:
        assert whole(row.shares) == 100
    mix = rows(response, "mix_rows")
    shares = [
        mix[f"Share of {name}"] for name in ("public contracts", "market sales", "volunteer work")
    ]
    assert [whole(year) for year in zip(*shares, strict=True)] == [100, 100]


def test_warnings_are_counted_per_enterprise(figures, manager):
    hood = get(manager, hood_url(figures[0]))
    agency = get(manager, agency_url())

    assert (hood.context["with_warnings"], hood.context["enterprise_count"]) == (1, 2)
    assert (agency.context["with_warnings"], agency.context["enterprise_count"]) == (2, 3)
    assert "Enterprises with a dependency warning in their latest year with figures: 2 of 3." in (
        agency.content.decode()
    )


def test_a_lower_threshold_warns_about_more_enterprises(figures, agency, manager):
    from kiezwerk.economy.models import EconomySettings

    EconomySettings.objects.create(agency=agency, dependency_threshold=40)

    response = get(manager, hood_url(figures[0]))

    assert response.context["with_warnings"] == 2
    # public contracts, market sales and the district office: 50 % each, above 40 %
    assert listed(response)["Stadtteilwerkstatt"][3] == 3


def test_year_choice_shows_the_scope_by_quarter(figures, manager):
    response = get(manager, agency_url() + "?year=2004")

    quarters = response.context["quarters"]
    market = {row.label: row.cells for row in quarters["mix_rows"]}["Market sales"]
    assert market == ["400.00" + EUR, "1,000.00" + EUR, "0.00" + EUR, "0.00" + EUR]


def test_public_clients_are_summed_over_the_enterprises(figures, district_office, manager):
    response = get(manager, hood_url(figures[0]))

    assert rows(response, "clients")[district_office.name] == [
        "900.00" + EUR + " (64.3" + PCT + ")",
        "50.00" + EUR + " (50.0" + PCT + ")",
    ]


@pytest.mark.parametrize(
    ("url", "title"),
    [
        (lambda hoods: hood_url(hoods[0], chart=True), "Financing mix of Boxhagener Platz"),
        (lambda hoods: agency_url(chart=True), "Financing mix of Entwicklungsagentur Kiez"),
    ],
)
def test_chart_is_an_svg_with_the_strict_policy(figures, manager, url, title):
    response = get(manager, url(figures))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "script-src 'none'" in response["Content-Security-Policy"]
    assert "no-cache" in response["Cache-Control"]
    assert f'<title id="chart-title">{title}</title>' in response.content.decode()


def test_pages_show_their_chart(figures, manager):
    assert f'src="{hood_url(figures[0], chart=True)}"' in get(manager, hood_url(figures[0])).text
    assert f'src="{agency_url(chart=True)}"' in get(manager, agency_url()).text


def test_without_figures_the_page_says_so_and_the_chart_is_404(neighbourhoods, manager):
    response = get(manager, hood_url(neighbourhoods[0]))

    assert response.status_code == 200
    assert "No enterprise has recorded figures here yet." in response.text
    assert hood_url(neighbourhoods[0], chart=True) not in response.text
    assert get(manager, hood_url(neighbourhoods[0], chart=True)).status_code == 404
    assert get(manager, agency_url(chart=True)).status_code == 404


def test_advisor_reads_the_own_neighbourhood_only(figures, advisor):
    assert get(advisor, hood_url(figures[0])).status_code == 200
    assert get(advisor, hood_url(figures[1])).status_code == 404
    assert get(advisor, hood_url(figures[1], chart=True)).status_code == 404


def test_advisor_sees_agency_totals_but_lists_only_the_own_enterprises(figures, advisor):
    response = get(advisor, agency_url())

    assert rows(response, "mix_rows")["Market sales"][0] == "1,400.00" + EUR
    assert set(listed(response)) == {"Nachbarschaftscafé Boxhagen", "Stadtteilwerkstatt"}
    assert response.context["not_listed"] == 1
    assert "Reparaturcafé" not in response.text
    assert "One enterprise of a neighbourhood you do not advise" in response.text


def test_unknown_neighbourhood_is_404(figures, manager):
    url = reverse("economy:neighbourhood", kwargs={"slug": "kiez", "neighbourhood": "nirgends"})

    assert get(manager, url).status_code == 404


@pytest.mark.parametrize(
    ("persona", "links"),
    [
        ("manager", True),
        ("advisor", True),
        ("evaluator", True),
        ("funder", False),
        ("founder", False),
        ("partner", False),
    ],
)
def test_dashboard_links_to_the_agency_mix_for_who_may_read_it(request, agency, persona, links):
    user = request.getfixturevalue(persona)

    page = get(user, reverse("backoffice:agency", kwargs={"slug": "kiez"})).text

    assert (f'href="{agency_url()}"' in page) == links


@pytest.mark.parametrize("persona", ["manager", "advisor", "evaluator"])
def test_neighbourhood_overview_links_to_its_mix(request, neighbourhoods, persona):
    user = request.getfixturevalue(persona)
    hood = neighbourhoods[0]
    overview = reverse(
        "backoffice:neighbourhood", kwargs={"slug": "kiez", "neighbourhood": hood.slug}
    )

    assert f'href="{hood_url(hood)}"' in get(user, overview).text


def _add_enterprises(agency, hood, manager, client, numbers: range) -> None:
    for number in numbers:
        _firm, line = enterprise_with_line(
            agency, hood, manager, f"Betrieb {number}", clients=[client]
        )
        for year in (2004, 2005):
            save(line, year, 1, manager, market=10, public={client: 5}, hours=2, costs=3)


@pytest.mark.parametrize("url", [lambda hood: hood_url(hood), lambda hood: agency_url()])
def test_page_queries_do_not_grow_with_the_enterprises(
    agency, neighbourhoods, district_office, manager, url
):
    hood = neighbourhoods[0]
    _add_enterprises(agency, hood, manager, district_office, range(1))
    client = client_for(manager)
    client.get(url(hood))  # warm: session and content types
    one = count_queries(lambda: client.get(url(hood) + "?year=2004"))
    _add_enterprises(agency, hood, manager, district_office, range(1, 3))

    three = count_queries(lambda: client.get(url(hood) + "?year=2004"))

    assert len(get(manager, url(hood)).context["enterprises"]) == 3
    assert one == three


def test_enterprises_are_listed_a_page_at_a_time_by_name_keeping_the_year(
    agency, neighbourhoods, district_office, manager
):
    from kiezwerk.economy.views.scopes import PAGE_SIZE

    hood = neighbourhoods[0]
    for number in range(PAGE_SIZE + 1):
        _firm, line = enterprise_with_line(agency, hood, manager, f"Betrieb {number:03d}")
        save(line, 2004, 1, manager, market=10)
    client = client_for(manager)
    client.get(agency_url())  # warm: session and content types

    queries_first = count_queries(lambda: client.get(agency_url()))
    first = get(manager, agency_url())
    second = get(manager, agency_url() + "?page=2")
    queries_second = count_queries(lambda: client.get(agency_url() + "?page=2"))
    with_year = get(manager, agency_url() + "?year=2004").text

    names = [row.enterprise.name for row in first.context["enterprises"]]
    assert names == [f"Betrieb {number:03d}" for number in range(PAGE_SIZE)]
    assert [row.enterprise.name for row in second.context["enterprises"]] == [
        f"Betrieb {PAGE_SIZE:03d}"
    ]
    assert first.context["enterprise_count"] == PAGE_SIZE + 1
    assert first.context["with_warnings"] == PAGE_SIZE + 1  # market sales only: 100 %
    assert "Page 1 of 2" in first.text
    assert 'href="?year=2004&amp;page=2"' in with_year
    assert queries_first == queries_second
