import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kiezwerk.network.models import Partnership
from kiezwerk.reporting.models import SocialCapitalSnapshot
from tests.conftest import client_for, count_queries
from tests.factories import (
    DeliveryFactory,
    InitiativeFactory,
    NeedCategoryFactory,
    NeedFactory,
    PartnerFactory,
)
from tests.reporting.conftest import forum_in, partnership_of, referral


def overview_url(hood) -> str:
    return reverse(
        "backoffice:neighbourhood", kwargs={"slug": hood.agency.slug, "neighbourhood": hood.slug}
    )


def chart_url(hood) -> str:
    return reverse(
        "backoffice:social_capital_chart",
        kwargs={"slug": hood.agency.slug, "neighbourhood": hood.slug},
    )


def _get(user, url):
    """The page in English (the language switch's cookie): stable whatever the catalogue."""
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        return client.get(url)


def _rows(response, name: str) -> dict[str, list]:
    """A table of the page by its English row labels."""
    with translation.override("en"):
        return {str(row.label): row.cells for row in response.context[name]}


@pytest.fixture
def needs(network):
    """In Boxhagener Platz: two needs raised in 2004 (one met in 2005), one open since 2005
    that initiative A works on, one merged into another; one need in Helmholtzplatz."""
    hood, agency = network.hood, network.hood.agency
    childcare = NeedCategoryFactory(name="Kinderbetreuung")
    repair = NeedCategoryFactory(name="Reparatur")
    kita = NeedFactory(
        agency=agency,
        neighbourhood=hood,
        category=childcare,
        title="Kita-Plätze fehlen",
        raised_on=dt.date(2004, 2, 1),
    )
    NeedFactory(
        agency=agency,
        neighbourhood=hood,
        category=repair,
        title="Fahrradwerkstatt",
        raised_on=dt.date(2004, 3, 1),
        status="met",
        closed_on=dt.date(2005, 8, 1),
    )
    mending = NeedFactory(
        agency=agency,
        neighbourhood=hood,
        category=repair,
        title="Kleiderreparatur",
        raised_on=dt.date(2005, 5, 1),
        status="addressed",
    )
    network.a.needs.add(mending, through_defaults={"agency": agency})
    NeedFactory(
        agency=agency,
        neighbourhood=hood,
        category=childcare,
        title="Doppelt gemeldet",
        raised_on=dt.date(2004, 2, 2),
        merged_into=kita,
    )
    NeedFactory(
        agency=agency,
        neighbourhood=network.c.neighbourhood,
        category=childcare,
        title="Spielplatz Helmholtz",
        raised_on=dt.date(2004, 2, 1),
    )
    return {"kita": kita, "mending": mending}


def test_manager_sees_the_neighbourhood_year_by_year(network, needs, manager):
    response = _get(manager, overview_url(network.hood))

    assert response.status_code == 200
    assert response.context["years"] == [2004, 2005]
    assert _rows(response, "summary") == {
        "Needs raised": ["2", "1"],
        "Needs met": ["0", "1"],
        "Forums and events": ["1", "0"],
        "People at forums and events": ["34", "0"],
        "Referrals to partners": ["2", "1"],
        "Local partnerships agreed": ["1", "0"],
        "Hours of support received": ["14", "0"],
        "Value of resources received": ["500.00\N{NO-BREAK SPACE}€", "0.00\N{NO-BREAK SPACE}€"],
    }


def test_open_needs_link_to_their_pages_and_the_register(network, needs, manager):
    response = _get(manager, overview_url(network.hood))
    page = response.content.decode()

    assert [need.title for need in response.context["open_needs"]] == [
        "Kita-Plätze fehlen",
        "Kleiderreparatur",
    ]
    assert [need.working_on for need in response.context["open_needs"]] == [0, 1]
    detail = reverse("needs:detail", kwargs={"slug": "kiez", "pk": needs["kita"].pk})
    assert f'href="{detail}"' in page
    register = reverse("needs:register", kwargs={"slug": "kiez"})
    assert f'href="{register}?neighbourhood={network.hood.pk}"' in page
    assert "Fahrradwerkstatt" not in page  # met
    assert "Doppelt gemeldet" not in page  # merged
    assert "Spielplatz Helmholtz" not in page  # another neighbourhood


def test_many_open_needs_of_a_category_show_the_oldest_and_link_to_the_rest(network, manager):
    category = NeedCategoryFactory(name="Treffpunkte")
    for day in range(1, 8):
        NeedFactory(
            agency=network.hood.agency,
            neighbourhood=network.hood,
            category=category,
            title=f"Treffpunkt {day}",
            raised_on=dt.date(2004, 1, day),
        )

    response = _get(manager, overview_url(network.hood))

    shown = response.context["open_needs"]
    assert [need.title for need in shown] == [f"Treffpunkt {day}" for day in range(1, 6)]
    assert {need.in_category for need in shown} == {7}
    register = reverse("needs:register", kwargs={"slug": "kiez"})
    link = f"{register}?neighbourhood={network.hood.pk}&amp;category={category.pk}"
    assert link in response.content.decode()


def test_resources_are_totalled_by_kind_and_partner(network, manager):
    response = _get(manager, overview_url(network.hood))

    assert _rows(response, "by_kind") == {
        "Advice": ["4 h, 200.00\N{NO-BREAK SPACE}€", "–", "4 h, 200.00\N{NO-BREAK SPACE}€"],
        "Rooms": ["10 h, 300.00\N{NO-BREAK SPACE}€", "–", "10 h, 300.00\N{NO-BREAK SPACE}€"],
    }
    assert _rows(response, "by_partner") == {
        "Bezirksamt": ["14 h, 500.00\N{NO-BREAK SPACE}€", "–", "14 h, 500.00\N{NO-BREAK SPACE}€"]
    }


def test_partnerships_show_status_and_parties(network, manager):
    partnership_of(network.hood, network.a, title="Geplanter Verbund", status="planned")

    response = _get(manager, overview_url(network.hood))

    assert [
        (p.title, p.status, p.partner_count, p.initiative_count)
        for p in response.context["partnerships"]
    ] == [("Kiezladen-Verbund", "active", 2, 1), ("Geplanter Verbund", "planned", 0, 1)]


def test_partners_and_partnerships_link_to_their_pages_and_met_needs_to_the_register(
    network, manager
):
    page = _get(manager, overview_url(network.hood)).content.decode()

    partnership = Partnership.objects.get(title="Kiezladen-Verbund")
    partner_url = reverse("network:partner_detail", kwargs={"slug": "kiez", "pk": network.p2.pk})
    partnership_url = reverse(
        "network:partnership_detail", kwargs={"slug": "kiez", "pk": partnership.pk}
    )
    register = reverse("needs:register", kwargs={"slug": "kiez"})
    assert f'href="{partner_url}"' in page
    assert f'href="{partnership_url}"' in page
    assert f'href="{register}?neighbourhood={network.hood.pk}&amp;status=met"' in page


def test_social_capital_table_chart_and_brokers(network, manager):
    response = _get(manager, overview_url(network.hood))
    page = response.content.decode()

    capital = _rows(response, "capital")
    assert [cell["value"] for cell in capital["Ties"]] == ["7", "4"]
    assert capital["Ties"][1]["change"] == "−3"
    assert [cell["value"] for cell in capital["Density"]] == [
        "46.7\N{NO-BREAK SPACE}%",
        "66.7\N{NO-BREAK SPACE}%",
    ]
    assert [cell["value"] for cell in capital["Linking ties"]] == ["3", "2"]
    assert [b["name"] for b in response.context["brokers"][0]["brokers"]] == [
        "Nachbarschaftshaus",
        "Kiezküche",
    ]
    assert f'src="{chart_url(network.hood)}"' in page
    assert 'id="social-capital"' in page
    assert "Ties to institutions with power" in page  # each figure explained
    assert SocialCapitalSnapshot.objects.filter(neighbourhood=network.hood).count() == 2


def test_chart_is_an_svg_with_title_and_a_strict_policy(network, manager):
    response = _get(manager, chart_url(network.hood))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "script-src 'none'" in response["Content-Security-Policy"]
    svg = response.content.decode()
    assert '<title id="chart-title">Social capital in Boxhagener Platz</title>' in svg
    assert "2004: 6 organisations, 7 ties (1 bonding, 3 bridging, 3 linking)." in svg


def test_neighbourhood_without_data_has_a_page_but_no_chart(neighbourhoods, manager):
    hood = neighbourhoods[1]

    page = _get(manager, overview_url(hood))
    chart = _get(manager, chart_url(hood))

    assert page.status_code == 200
    assert page.context["years"] == []
    assert "No needs, forums, referrals or partnerships" in page.content.decode()
    assert chart.status_code == 404


def test_advisor_sees_the_own_neighbourhood_only(network, advisor, neighbourhoods):
    own = _get(advisor, overview_url(neighbourhoods[0]))
    other = _get(advisor, overview_url(neighbourhoods[1]))
    other_chart = _get(advisor, chart_url(neighbourhoods[1]))

    assert (own.status_code, other.status_code, other_chart.status_code) == (200, 404, 404)


def test_unknown_neighbourhood_is_404(manager, neighbourhoods):
    url = reverse("backoffice:neighbourhood", kwargs={"slug": "kiez", "neighbourhood": "nirgends"})

    assert client_for(manager).get(url).status_code == 404


def test_neighbourhood_of_another_agency_is_404_for_the_manager(manager, outsider):
    url = reverse("backoffice:neighbourhood", kwargs={"slug": "kiez", "neighbourhood": "falkplatz"})

    assert client_for(manager).get(url).status_code == 404


def _more_of_everything(network, year: int) -> None:
    hood, agency = network.hood, network.hood.agency
    for number in range(8):
        initiative = InitiativeFactory(agency=agency, neighbourhood=hood)
        partner = PartnerFactory(agency=agency, kind=("public", "bank", "union")[number % 3])
        forum_in(hood, year, initiative, partner, network.a)
        on = dt.date(year, 1 + number, 3)
        DeliveryFactory(referral=referral(initiative, partner, on), delivered_on=on)
        partnership_of(hood, partner, initiative, agreed_on=on)
        NeedFactory(agency=agency, neighbourhood=hood, raised_on=on)


def test_page_runs_the_same_number_of_queries_for_little_and_much_data(network, manager):
    client = client_for(manager)
    url = overview_url(network.hood)
    client.get(url)  # the session and the first snapshots
    _more_of_everything(network, 2004)  # the 2004 snapshot is stale now
    little_cold = count_queries(lambda: client.get(url))
    little_warm = count_queries(lambda: client.get(url))
    for year in (2004, 2005, 2006):
        _more_of_everything(network, year)

    much_cold = count_queries(lambda: client.get(url))
    much_warm = count_queries(lambda: client.get(url))

    assert (much_cold, much_warm) == (little_cold, little_warm)


def test_chart_runs_the_same_number_of_queries_for_little_and_much_data(network, manager):
    client = client_for(manager)
    url = chart_url(network.hood)
    client.get(url)
    little = count_queries(lambda: client.get(url))
    _more_of_everything(network, 2005)
    client.get(url)

    much = count_queries(lambda: client.get(url))

    assert much == little


def test_years_are_those_with_data_among_the_latest_twelve(neighbourhoods, agency):
    from kiezwerk.reporting.overview import yearly

    hood = neighbourhoods[1]
    for year in (1990, 2001, 2004):
        NeedFactory(agency=agency, neighbourhood=hood, raised_on=dt.date(year, 5, 1))

    assert yearly(hood).years == [2001, 2004]


def test_archived_forum_counts_nowhere(network, manager):
    from django.utils import timezone

    from kiezwerk.forums.models import Forum

    Forum.objects.filter(pk=network.forum.pk).update(archived_at=timezone.now())

    response = _get(manager, overview_url(network.hood))

    assert _rows(response, "summary")["Forums and events"] == ["0", "0"]
    ties = _rows(response, "capital")["Ties"]
    assert [cell["value"] for cell in ties] == ["4", "4"]  # A-B, A-P1 and B-P1 are gone in 2004
