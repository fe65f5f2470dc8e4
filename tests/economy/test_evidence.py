"""What the figures show for criteria 3 and 4, beside the rating: on the case page and on the
criteria form (the `economy_evidence` template tags)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from kiezwerk.economy import services
from kiezwerk.economy.models import ValuationRate
from tests.conftest import client_for, count_queries
from tests.economy.conftest import month

EUR = "\N{NO-BREAK SPACE}€"
PCT = "\N{NO-BREAK SPACE}%"
NO_PAYOUT = (
    "No profit was paid out to private persons in 2004\N{EN DASH}2005; surpluses stayed in the "
    "enterprise."
)


def case_url(initiative) -> str:
    return reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": initiative.pk})


def form_url(initiative) -> str:
    return reverse("initiatives:assess_criteria", kwargs={"slug": "kiez", "pk": initiative.pk})


def get(user, url) -> str:
    """The page in English (the language switch's cookie): stable whatever the catalogue."""
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def save(line, year, number, actor, **fields):
    services.save_month(line, year, number, month(**fields), actor=actor, version=0)


def distribute(enterprise, manager, year: int, amount: str = "1200") -> None:
    services.record_distribution(
        enterprise,
        actor=manager,
        day=dt.date(year, 12, 1),
        amount=Decimal(amount),
        recipients="die beiden Gründerinnen",
        explanation="Gewinn des Jahres",
    )


@pytest.fixture
def figures(agency, enterprise, cafe, repairs, district_office, job_centre, manager):
    """2004: the district office pays most (a warning); 2005 is half public, half market."""
    ValuationRate.objects.create(agency=agency, year=2004, rate="10", method="agency")
    save(cafe, 2004, 2, manager, market=100, public={district_office: 800}, hours=10, costs=700)
    save(repairs, 2004, 11, manager, public={job_centre: 50}, grants=40, donations=10)
    save(cafe, 2005, 3, manager, market=300, public={district_office: 300}, grants=20, costs=520)
    return enterprise


@pytest.mark.parametrize("url", [case_url, form_url])
def test_criterion_3_says_that_no_profit_was_paid_out(figures, advisor, url):
    page = get(advisor, url(figures))

    assert "What the figures show" in page
    assert NO_PAYOUT in page
    assert "Flag: profit distributed" not in page
    assert "+300.00" + EUR in page  # the result of 2004, kept in the enterprise


@pytest.mark.parametrize("url", [case_url, form_url])
def test_criterion_3_flags_a_distribution_with_its_explanation(figures, advisor, manager, url):
    distribute(figures, manager, 2005, "1500")

    page = get(advisor, url(figures))

    assert "Flag: profit distributed" in page
    assert "In 2005, 1,500.00" + EUR + " were paid out to private persons:" in page
    assert "12/2005: 1,500.00" + EUR + " to die beiden Gründerinnen. Gewinn des Jahres" in page
    assert "\N{MINUS SIGN}1,400.00" + EUR in page  # 2005: +100.00 result, 1,500.00 paid out
    assert NO_PAYOUT not in page


@pytest.mark.parametrize("url", [case_url, form_url])
def test_criterion_4_shows_the_latest_shares_and_sources(figures, advisor, url):
    page = get(advisor, url(figures))

    assert (
        f"In 2005: public contracts 50{PCT}, market sales 50{PCT}, volunteer work 0{PCT} of the "
        "financing mix." in page
    )
    assert "2 of the three sources contribute." in page
    assert "Grants of 20.00" + EUR + " come on top; they are not part of the mix." in page
    assert "No dependency warning in 2005." in page


def test_criterion_4_names_the_warnings_of_the_latest_year(figures, cafe, advisor, manager):
    save(cafe, 2006, 1, manager, market=900, public={}, costs=100)

    page = get(advisor, case_url(figures))

    assert f"In 2006: public contracts 0{PCT}, market sales 100{PCT}" in page
    assert "1 of the three sources contributes." in page
    assert "In 2006, market sales brought in 100.0" + PCT in page
    assert "In 2004, public contracts" not in page  # only the latest year's warnings


def test_case_page_links_to_the_economics_from_the_evidence(figures, advisor):
    page = get(advisor, case_url(figures))

    economics = reverse("economy:enterprise", kwargs={"slug": "kiez", "pk": figures.pk})
    assert f'href="{economics}">All figures on the economics page</a>' in page


def test_criteria_form_puts_each_criterion_beside_its_fieldset(figures, advisor):
    page = get(advisor, form_url(figures))

    legends = [page.index(f"<legend>{text}") for text in ("Does not distribute", "Financed by")]
    profit, financing = page.index(NO_PAYOUT), page.index("2 of the three sources contribute.")
    assert legends[0] < profit < legends[1] < financing
    assert page.count("What the figures show") == 2


@pytest.mark.parametrize("url", [case_url, form_url])
def test_without_figures_the_evidence_says_so(enterprise, advisor, url):
    page = get(advisor, url(enterprise))

    assert "No figures entered yet." in page


def test_the_latest_check_and_the_evidence_stand_together(figures, advisor):
    from tests.initiatives.test_assessments import criteria_check

    criteria_check(figures, on=dt.date(2006, 3, 1), actor=advisor)

    page = get(advisor, case_url(figures))

    assert page.index("Check of") < page.index("What the figures show")


def test_not_shown_without_the_permission_to_read_the_figures(figures, funder, other_founder):
    template = Template("{% load economy_evidence %}{% criteria_evidence initiative %}")

    for user in (funder, other_founder):
        assert template.render(Context({"user": user, "initiative": figures})).strip() == ""


def test_founders_see_no_criteria_and_no_evidence(figures, founder):
    page = get(founder, case_url(figures))

    assert "What the figures show" not in page


def test_case_page_queries_do_not_grow_with_lines_and_years(
    enterprise, cafe, repairs, district_office, job_centre, manager, advisor
):
    save(cafe, 2004, 1, manager, market=1)
    distribute(enterprise, manager, 2004, "1")
    client = client_for(advisor)
    client.get(case_url(enterprise))  # warm: session and content types
    one = count_queries(lambda: client.get(case_url(enterprise)))
    for year in (2004, 2005, 2006, 2007, 2008):
        for number in range(2, 13, 3):
            save(cafe, year, number, manager, market=1, public={district_office: 9}, hours=1)
            save(repairs, year, number, manager, public={job_centre: 3}, grants=1, costs=1)
        distribute(enterprise, manager, year, "2")

    many = count_queries(lambda: client.get(case_url(enterprise)))

    assert one == many


def test_criteria_form_reads_the_figures_once(
    enterprise, cafe, repairs, district_office, manager, advisor
):
    save(cafe, 2004, 1, manager, market=1)
    client = client_for(advisor)
    client.get(form_url(enterprise))
    one = count_queries(lambda: client.get(form_url(enterprise)))
    for year in (2005, 2006):
        save(repairs, year, 1, manager, market=5, costs=1)
        distribute(enterprise, manager, year, "3")

    assert count_queries(lambda: client.get(form_url(enterprise))) == one
