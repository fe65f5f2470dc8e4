"""Entering figures: business lines, the year table (a form per month, htmx rows, conflicts,
closed months and corrections), closing months, and profit distributions."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy import services
from kiezwerk.economy.models import BusinessLine, ClosedMonth, Distribution, MonthFigures, Revenue
from tests.conftest import client_for, count_queries
from tests.economy.conftest import month
from tests.factories import NeedCategoryFactory, PartnerFactory

YEAR = 2004
HTMX = {"HX-Request": "true"}


def _url(name: str, enterprise, **kwargs) -> str:
    return reverse(f"economy:{name}", kwargs={"slug": "kiez", "pk": enterprise.pk, **kwargs})


def _year(line, year: int = YEAR) -> str:
    return _url("year", line.initiative, line=line.pk, year=year)


def _enterprise_page(enterprise) -> str:
    return _url("enterprise", enterprise)


def _figures(line) -> dict:
    """{month: (costs, hours, volunteers, reciprocal, version)} of the line's saved months."""
    return {
        row.month: (row.costs, row.volunteer_hours, row.volunteers, row.reciprocal, row.version)
        for row in MonthFigures.objects.filter(line=line)
    }


def _revenue(line) -> dict:
    return {
        (row.month, row.source, row.client_id): row.amount
        for row in Revenue.objects.filter(line=line)
    }


def _de(text: str) -> str:
    """`text` as the German interface shows it (the catalogue may not have it yet)."""
    with translation.override("de"):
        return translation.gettext(text)


def _row(number: int, version: int = 0, **values) -> dict:
    return {"month": number, "version": version, **values}


# ------------------------------------------------------------------------------------------
# The year table: reading


def test_year_table_shows_saved_figures_and_their_totals(cafe, district_office, founder):
    services.save_month(cafe, YEAR, 3, month(market="1234.5", costs=100), actor=founder, version=0)
    services.save_month(cafe, YEAR, 4, month(market=1000, costs=50), actor=founder, version=0)

    response = client_for(founder).get(_year(cafe))

    table = response.context["rows"]
    assert response.status_code == 200
    assert [cell.value for cell in table[2].cells[:2]] == ["", "1234,50"]
    assert response.context["totals"][:2] == ["0,00", "2.234,50"]
    label = _de("%(column)s, %(month)s") % {"column": _de("Market sales"), "month": "März"}
    assert table[2].cells[1].label == label
    assert f'id="m3-market" form="month-3" aria-label="{label}"' in response.content.decode()


def test_year_table_has_a_column_per_public_client(cafe, district_office, job_centre, founder):
    services.update_line(cafe, actor=founder, clients=[district_office, job_centre])

    response = client_for(founder).get(_year(cafe))

    assert [column.name for column in response.context["columns"]] == [
        f"public_{district_office.pk}",
        f"public_{job_centre.pk}",
        "market",
        "grants",
        "donations",
        "costs",
        "volunteer_hours",
        "volunteers",
        "reciprocal",
    ]


def test_a_former_client_keeps_its_column_where_it_paid_and_can_be_corrected(
    cafe, district_office, job_centre, founder
):
    """The district office stopped buying from the café after 2004: its revenue of 2004 stays
    in view and can still be corrected; 2005 has no column for it."""
    values = month(market=100, public={district_office: 300})
    services.save_month(cafe, YEAR, 3, values, actor=founder, version=0)
    services.update_line(cafe, actor=founder, clients=[job_centre])
    column = f"public_{district_office.pk}"

    page = client_for(founder).get(_year(cafe))
    later = client_for(founder).get(_year(cafe, YEAR + 1))
    corrected = client_for(founder).post(
        _year(cafe), _row(3, version=1, market="100", **{column: "250"})
    )

    columns = {c.name: c.label for c in page.context["columns"]}
    assert columns[column] == _de("Public contracts: %(client)s (former client)") % {
        "client": district_office.name
    }
    assert column not in {c.name for c in later.context["columns"]}
    assert corrected.status_code == 302
    assert _revenue(cafe)[(3, "public", district_office.pk)] == Decimal("250")


def test_a_client_that_never_bought_from_the_line_is_refused(cafe, job_centre, founder):
    values = month(public={job_centre: 50})

    with pytest.raises(ValidationError):
        services.save_month(cafe, YEAR, 3, values, actor=founder, version=0)

    assert _revenue(cafe) == {}


def test_year_table_shows_the_rate_stored_with_a_month_with_hours(cafe, founder):
    services.save_month(cafe, 2024, 2, month(hours=10), actor=founder, version=0)
    services.save_month(cafe, 2024, 3, month(costs=10), actor=founder, version=0)

    response = client_for(founder).get(_year(cafe, 2024))

    rows = response.context["rows"]
    assert (rows[1].rate, rows[2].rate) == ("12,41\N{NO-BREAK SPACE}€", "")


def test_year_table_for_the_evaluator_is_read_only(cafe, evaluator):
    response = client_for(evaluator).get(_year(cafe))

    assert response.status_code == 200
    assert [row.editable for row in response.context["rows"]] == [False] * 12
    assert 'form="month-1"' not in response.content.decode()


def test_year_chooser_redirects_to_the_chosen_year(cafe, founder):
    response = client_for(founder).get(_year(cafe), {"year": "2005"})

    assert (response.status_code, response["Location"]) == (302, _year(cafe, 2005))


def test_year_table_outside_the_years_taken_is_404(cafe, founder):
    assert client_for(founder).get(_year(cafe, 1989)).status_code == 404


def test_year_table_links_to_the_previous_and_next_year(cafe, founder):
    content = client_for(founder).get(_year(cafe)).content.decode()

    assert (_year(cafe, 2003) in content, _year(cafe, 2005) in content) == (True, True)


def test_year_table_queries_do_not_grow_with_months_or_clients(cafe, district_office, founder):
    client = client_for(founder)
    services.save_month(cafe, YEAR, 1, month(market=10), actor=founder, version=0)
    few = count_queries(lambda: client.get(_year(cafe)))
    others = [PartnerFactory(agency=cafe.agency, kind="public") for _ in range(3)]
    services.update_line(cafe, actor=founder, clients=[district_office, *others])
    for number in range(1, 13):
        public = dict.fromkeys([district_office, *others], number)
        values = month(market=number, costs=number, hours=number, public=public)
        version = 1 if number == 1 else 0
        services.save_month(cafe, YEAR, number, values, actor=founder, version=version)
    ClosedMonth.objects.create(agency=cafe.agency, initiative=cafe.initiative, year=YEAR, month=5)

    many = count_queries(lambda: client.get(_year(cafe)))

    assert many == few


# ------------------------------------------------------------------------------------------
# The year table: saving a row


@pytest.mark.parametrize("persona", ["founder", "advisor"], indirect=True)
def test_row_saves_the_month_and_redirects_back(persona, cafe, district_office):
    data = _row(
        3,
        market="1.234,50",
        **{f"public_{district_office.pk}": "800"},
        costs="1500",
        volunteer_hours="12,25",
        volunteers="4",
        reciprocal="on",
    )

    response = client_for(persona).post(_year(cafe), data)

    assert (response.status_code, response["Location"]) == (302, _year(cafe) + "#month-row-3")
    assert _figures(cafe) == {3: (Decimal("1500"), Decimal("12.25"), 4, True, 1)}
    assert _revenue(cafe) == {
        (3, "market", None): Decimal("1234.50"),
        (3, "public", district_office.pk): Decimal("800"),
    }


def test_row_with_a_bad_amount_gives_a_translated_field_error_and_saves_nothing(cafe, founder):
    response = client_for(founder).post(_year(cafe), _row(3, market="zwölf", costs="10"))

    row = response.context["rows"][2]
    market = next(cell for cell in row.cells if cell.column.name == "market")
    assert response.status_code == 400
    assert market.errors == ["Bitte eine Zahl eingeben."]
    assert market.value == "zwölf"
    assert 'aria-describedby="m3-market-error"' in response.content.decode()
    assert _figures(cafe) == {}


def test_row_takes_volunteer_hours_in_quarter_hours_only(cafe, founder):
    response = client_for(founder).post(_year(cafe), _row(3, volunteer_hours="2,3"))

    hours = response.context["rows"][2].cells[-3]
    assert (response.status_code, hours.column.name, len(hours.errors)) == (
        400,
        "volunteer_hours",
        1,
    )
    assert _figures(cafe) == {}


def test_row_saved_by_someone_else_meanwhile_shows_the_conflict_and_changes_nothing(
    cafe, founder, advisor
):
    services.save_month(cafe, YEAR, 3, month(market=500), actor=advisor, version=0)

    response = client_for(founder).post(_year(cafe), _row(3, version=0, market="900"))

    row = response.context["rows"][2]
    assert response.status_code == 409
    assert len(row.errors) == 1
    assert (row.cells[1].value, row.version) == ("500,00", 1)
    assert _revenue(cafe) == {(3, "market", None): Decimal("500")}


def test_row_by_htmx_returns_only_the_row_and_the_totals(cafe, founder):
    response = client_for(founder).post(_year(cafe), _row(3, market="90"), headers=HTMX)

    content = response.content.decode().strip()
    assert response.status_code == 200
    assert content.startswith('<tr id="month-row-3"')
    assert '<tr id="year-totals" hx-swap-oob="true">' in content
    assert ("<html" in content, "<table" in content) == (False, False)
    assert 'class="month-saved" role="status"' in content
    assert _revenue(cafe) == {(3, "market", None): Decimal("90")}


def test_row_by_htmx_with_an_error_returns_the_row_with_it(cafe, founder):
    response = client_for(founder).post(_year(cafe), _row(3, costs="-5"), headers=HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert content.strip().startswith('<tr id="month-row-3"')
    assert 'id="m3-costs" form="month-3"' in content
    assert 'aria-invalid="true" aria-describedby="m3-costs-error"' in content
    assert _figures(cafe) == {}


def test_row_with_a_month_out_of_range_is_400(cafe, founder):
    response = client_for(founder).post(_year(cafe), _row(13, market="1"))

    assert response.status_code == 400


def test_row_of_an_archived_line_is_404(cafe, founder):
    services.archive_line(cafe, actor=founder)

    response = client_for(founder).post(_year(cafe), _row(3, market="1"))

    assert response.status_code == 404


# ------------------------------------------------------------------------------------------
# Closed months


@pytest.fixture
def march_closed(cafe, advisor):
    services.save_month(cafe, YEAR, 3, month(market=500), actor=advisor, version=0)
    services.close_month(cafe.initiative, YEAR, 3, actor=advisor)


def test_closed_month_is_read_only_for_the_founder(cafe, founder, march_closed):
    response = client_for(founder).get(_year(cafe))

    row = response.context["rows"][2]
    assert (row.closed, row.editable, row.cells[1].shown) == (True, False, "500,00")
    assert 'id="m3-market"' not in response.content.decode()


def test_closed_month_cannot_be_changed_by_the_founder(cafe, founder, march_closed):
    response = client_for(founder).post(_year(cafe), _row(3, version=1, market="900"))

    assert response.status_code == 403
    assert _revenue(cafe) == {(3, "market", None): Decimal("500")}


def test_closed_month_asks_the_advisor_for_a_reason(cafe, advisor, march_closed):
    response = client_for(advisor).post(_year(cafe), _row(3, version=1, market="900"))

    reason = response.context["rows"][2].reason
    assert response.status_code == 400
    assert reason.errors == [_de("This month is closed: please say why you correct it.")]
    assert _revenue(cafe) == {(3, "market", None): Decimal("500")}


def test_closed_month_is_corrected_by_the_advisor_with_a_reason(cafe, advisor, march_closed):
    data = _row(3, version=1, market="900", reason="Rechnung nachgereicht")

    response = client_for(advisor).post(_year(cafe), data)

    entry = ActivityLogEntry.objects.get(verb="economy.month_corrected")
    assert response.status_code == 302
    assert _revenue(cafe) == {(3, "market", None): Decimal("900")}
    assert entry.data["reason"] == "Rechnung nachgereicht"


def test_close_button_shows_for_begun_open_months_to_the_advisor_only(cafe, advisor, founder):
    services.close_month(cafe.initiative, YEAR, 1, actor=advisor)

    staff = client_for(advisor).get(_year(cafe)).context["rows"]
    own = client_for(founder).get(_year(cafe)).context["rows"]
    future = client_for(advisor).get(_year(cafe, 2100)).context["rows"]

    assert [row.closable for row in staff] == [False] + [True] * 11
    assert [row.closable for row in own] == [False] * 12
    assert [row.closable for row in future] == [False] * 12


def test_close_month_closes_and_returns_to_the_page_it_came_from(cafe, advisor):
    back = _year(cafe) + "#month-row-3"

    response = client_for(advisor).post(
        _url("close_month", cafe.initiative, year=YEAR, month=3), {"next": back}
    )

    assert (response.status_code, response["Location"]) == (302, back)
    assert services.is_closed(cafe.initiative, YEAR, 3) is True


def test_close_month_returns_to_the_enterprise_for_another_site(enterprise, advisor):
    response = client_for(advisor).post(
        _url("close_month", enterprise, year=YEAR, month=3), {"next": "https://example.com/"}
    )

    assert response["Location"] == _enterprise_page(enterprise)


def test_close_month_refuses_a_month_not_begun(enterprise, advisor):
    response = client_for(advisor).post(_url("close_month", enterprise, year=2100, month=1))

    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert services.is_closed(enterprise, 2100, 1) is False
    assert shown == [_de("A month can be closed once it has begun.")]


def test_close_month_is_refused_to_the_founder(enterprise, founder):
    response = client_for(founder).post(_url("close_month", enterprise, year=YEAR, month=3))

    assert response.status_code == 403
    assert services.is_closed(enterprise, YEAR, 3) is False


# ------------------------------------------------------------------------------------------
# Business lines


def test_line_form_offers_active_public_bodies_only(enterprise, district_office, founder):
    PartnerFactory(agency=enterprise.agency, name="Verein", kind="association")

    response = client_for(founder).get(_url("line_create", enterprise))

    offered = [str(choice[1]) for choice in response.context["form"].fields["clients"].choices]
    assert offered == [district_office.name]


@freeze_time("2004-06-15 12:00")
def test_line_create_adds_the_line_and_shows_its_year(enterprise, district_office, founder):
    category = NeedCategoryFactory(name="Kinderbetreuung")
    data = {"name": " Kita ", "service": category.pk, "clients": [district_office.pk]}

    response = client_for(founder).post(_url("line_create", enterprise), data)

    line = BusinessLine.objects.get(initiative=enterprise)
    assert (response.status_code, response["Location"]) == (302, _year(line, 2004))
    assert (line.name, list(line.public_clients.all())) == ("Kita", [district_office])


def test_line_create_refuses_a_name_the_enterprise_already_has(enterprise, cafe, founder):
    data = {"name": "café", "service": cafe.service_id}

    response = client_for(founder).post(_url("line_create", enterprise), data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["name"]


def test_line_edit_changes_name_and_clients(cafe, district_office, job_centre, advisor):
    data = {"name": "Stadtteilcafé", "service": cafe.service_id, "clients": [job_centre.pk]}

    response = client_for(advisor).post(_url("line_edit", cafe.initiative, line=cafe.pk), data)

    cafe.refresh_from_db()
    assert response.status_code == 302
    assert (cafe.name, list(cafe.public_clients.all())) == ("Stadtteilcafé", [job_centre])


def test_line_archive_archives_and_returns_to_the_enterprise(cafe, founder):
    response = client_for(founder).post(_url("line_archive", cafe.initiative, line=cafe.pk))

    cafe.refresh_from_db()
    assert (response.status_code, response["Location"]) == (
        302,
        _enterprise_page(cafe.initiative),
    )
    assert cafe.archived_at is not None


def test_archived_line_year_table_is_read_only(cafe, founder):
    services.archive_line(cafe, actor=founder)

    response = client_for(founder).get(_year(cafe))

    assert response.status_code == 200
    assert [row.editable for row in response.context["rows"]] == [False] * 12


def test_archived_line_cannot_be_edited(cafe, founder):
    services.archive_line(cafe, actor=founder)

    response = client_for(founder).get(_url("line_edit", cafe.initiative, line=cafe.pk))

    assert response.status_code == 404


# ------------------------------------------------------------------------------------------
# Distributions


def test_distribution_is_recorded_with_a_criterion_3_warning(enterprise, founder):
    data = {
        "day": "2004-12-20",
        "amount": "2.500,00",
        "recipients": "die beiden Gründungsmitglieder",
        "explanation": "Jahresüberschuss 2004",
    }

    response = client_for(founder).post(_url("distribution_create", enterprise), data)

    distribution = Distribution.objects.get(initiative=enterprise)
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == [
        _de(
            "The distribution has been recorded. Profit paid out to private persons flags "
            "criterion 3 of a social enterprise (surplus is reinvested)."
        )
    ]
    assert (response.status_code, response["Location"]) == (302, _enterprise_page(enterprise))
    assert (distribution.year, distribution.month, distribution.amount) == (
        2004,
        12,
        Decimal("2500.00"),
    )


def test_distribution_of_nothing_is_refused(enterprise, founder):
    data = {"day": "2004-12-20", "amount": "0", "recipients": "x", "explanation": "y"}

    response = client_for(founder).post(_url("distribution_create", enterprise), data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["amount"]
    assert Distribution.objects.count() == 0


# ------------------------------------------------------------------------------------------
# Who may


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("outsider", 404), ("funder", 404), ("partner", 404), ("evaluator", 403)],
    indirect=["persona"],
)
def test_row_is_refused_to_those_who_may_not_enter_figures(persona, expected, cafe):
    response = client_for(persona).post(_year(cafe), _row(3, market="1"))

    assert response.status_code == expected
    assert _figures(cafe) == {}


def test_year_table_sends_anonymous_visitors_to_the_login(cafe, anonymous):
    response = anonymous.get(_year(cafe))

    assert (response.status_code, response["Location"].startswith(reverse("account_login"))) == (
        302,
        True,
    )


@pytest.mark.parametrize(
    ("name", "method"),
    [("year", "put"), ("line_archive", "get"), ("line_edit", "delete")],
)
def test_views_refuse_the_wrong_method(cafe, founder, name, method):
    url = _url(name, cafe.initiative, line=cafe.pk, **({"year": YEAR} if name == "year" else {}))

    response = getattr(client_for(founder), method)(url)

    assert response.status_code == 405
