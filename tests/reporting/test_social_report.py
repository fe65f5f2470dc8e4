"""The social report (Social Reporting Standard): live figures per section against numbers
counted by hand on the year of tests/reporting/social_reports.py, the narrative saved, shown
and logged, stale saves refused, archiving, the PDF and HTML files, and constant queries."""

import datetime as dt
import subprocess
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.reporting.models import SocialReport
from kiezwerk.reporting.social_report.content import SECTIONS, build
from kiezwerk.reporting.social_report.queries import previous_period
from tests.conftest import client_for, count_queries
from tests.factories import (
    ConsultationFactory,
    DeliveryFactory,
    InitiativeFactory,
    NeedFactory,
    PartnershipFactory,
)
from tests.reporting.social_reports import PRIVATE, new_report, report_world
from tests.reporting.test_funder_report import german, pdf_text, tool


@pytest.fixture
def report(agency, neighbourhoods, manager, advisor, evaluator, other_agency):
    return report_world(agency, neighbourhoods, manager, other_agency)


def english(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def url(name: str, report: SocialReport) -> str:
    return reverse(f"social_report:{name}", kwargs={"slug": "kiez", "pk": report.pk})


def tables(report: SocialReport) -> dict:
    with translation.override("en"):
        content = build(report)
    return {table.key: table for section in content.sections for table in section.tables}


def values(table) -> list[list]:
    return [[cell.value for cell in row] for row in table.rows]


def facts(table) -> dict:
    return {label.value: value.value for label, value in table.rows}


def row_of(table, code: str) -> list:
    return next(row for row in values(table) if row[0].startswith(code + " "))


def texts_post(report: SocialReport, version: int, **texts) -> dict:
    return {"version": version, **{key: texts.get(key, "") for key, *_ in SECTIONS}}


# ------------------------------------------------------------------------------------------
# The figures


def test_previous_period_has_equal_length():
    assert previous_period(dt.date(2004, 1, 1), dt.date(2004, 12, 31)) == (
        dt.date(2003, 1, 1),
        dt.date(2003, 12, 31),
    )
    assert previous_period(dt.date(2004, 1, 1), dt.date(2004, 3, 31)) == (
        dt.date(2003, 10, 1),
        dt.date(2003, 12, 31),
    )
    assert previous_period(dt.date(2004, 1, 10), dt.date(2004, 1, 19)) == (
        dt.date(2003, 12, 31),
        dt.date(2004, 1, 9),
    )


def test_scope_names_the_neighbourhoods_and_period(report):
    found = tables(report)

    assert facts(found["scope"])["Neighbourhoods served"] == 2
    assert facts(found["scope"])["Reporting period"] == "01/01/2004 – 12/31/2004"
    assert [row[0] for row in values(found["neighbourhoods"])] == [
        "Boxhagener Platz",
        "Helmholtzplatz",
    ]


def test_needs_by_category_count_the_period_only(report):
    needs = tables(report)["needs"]

    assert values(needs) == [["Kinderbetreuung", 2, 1], ["Versorgung", 0, 1]]
    assert [cell.value for cell in needs.footer[1:]] == [2, 2]


def test_indicators_compare_with_the_previous_year(report):
    found = tables(report)

    assert row_of(found["outputs"], "OWN-01")[3:] == [2, 1]  # consultations held
    assert row_of(found["outputs"], "OWN-05")[3:] == [2, 1]  # needs raised
    assert row_of(found["outputs"], "OWN-07")[3:] == [Decimal("200.00"), Decimal("50.00")]
    assert row_of(found["outcomes"], "OWN-12")[3:] == [2, 0]  # needs met
    assert all(not row[0].startswith("OWN-12") for row in values(found["outputs"]))


def test_input_counts_grants_team_and_resources(report):
    found = tables(report)

    assert values(found["grants_input"]) == [
        ["Modellprojekt Kiez", Decimal("100000.00"), Decimal("2100.00")],
        ["Kiezladen", Decimal("50000.00"), Decimal("0.00")],
    ]
    resources = facts(found["input"])
    assert resources["Grants active in the reporting period"] == 2
    assert resources["Team (people)"] == 3
    assert resources["Value of partner resources received"] == Decimal("200.00")
    assert resources["Hours of partner resources received"] == Decimal("4.00")


def test_planning_lists_next_years_targets(report):
    targets = tables(report)["targets"]

    assert targets.title == "Targets for 2005"
    assert [[row[0], row[1][:6], row[3]] for row in values(targets)] == [
        ["Kiezladen", "OWN-12", Decimal("4.00")]
    ]


def test_organisation_counts_roles_and_neighbourhood_teams(report):
    found = tables(report)

    assert values(found["team"]) == [["Management", 1], ["Advisor", 1], ["Evaluator", 1]]
    assert values(found["hood_teams"]) == [["Boxhagener Platz", 1], ["Helmholtzplatz", 0]]


def test_network_counts_partners_referrals_deliveries_and_partnerships(report):
    found = tables(report)

    network = facts(found["network"])
    assert [
        network[key] for key in ("Partner organisations", "of them members of the network")
    ] == [
        2,
        1,
    ]
    assert [network[key] for key in ("of them delivered", "of them declined")] == [1, 1]
    assert network["Referrals to partners in the reporting period"] == 2
    assert values(found["resources"]) == [["Advice", 1, 1, Decimal("4.00"), Decimal("200.00")]]
    assert values(found["partnerships"]) == [
        ["Kiezladen-Verbund", "Boxhagener Platz", "active", 2, 1]
    ]


def test_finances_show_co_financing_and_budget_of_the_period(report):
    found = tables(report)

    assert [row[1:] for row in values(found["co_financing"])] == [
        ["EU share: Europäische Kommission", Decimal("50.00"), Decimal("50000.00")],
        ["Co-financing: Senatsverwaltung für Stadtentwicklung", Decimal("40"), Decimal("40000.00")],
        ["Co-financing: Bezirksamt Friedrichshain-Kreuzberg", Decimal("10"), Decimal("10000.00")],
        ["EU share: Europäische Kommission", Decimal("50.00"), Decimal("25000.00")],
        ["Own funds / not covered", Decimal("50.00"), Decimal("25000.00")],
    ]
    assert values(found["budget"]) == [
        ["Staff", Decimal("70000.00"), Decimal("2000.00")],
        ["Material and equipment", Decimal("20000.00"), Decimal("0.00")],
        ["External services", Decimal("10000.00"), Decimal("0.00")],
        ["Travel", Decimal("0.00"), Decimal("100.00")],
    ]
    assert [cell.value for cell in found["budget"].footer[1:]] == [
        Decimal("100000.00"),
        Decimal("2100.00"),
    ]


# ------------------------------------------------------------------------------------------
# Creating, writing, archiving


def test_new_report_defaults_to_last_calendar_year(agency, manager):
    response = english(manager).get(reverse("social_report:new", kwargs={"slug": "kiez"}))

    year = timezone.localdate().year - 1
    assert response.context["form"].initial["start"] == dt.date(year, 1, 1)
    assert response.context["form"].initial["end"] == dt.date(year, 12, 31)


def test_creating_a_report_is_logged(agency, manager):
    data = {"title": "Bericht 2004", "start": "2004-01-01", "end": "2004-12-31"}

    response = client_for(manager).post(reverse("social_report:new", kwargs={"slug": "kiez"}), data)

    report = SocialReport.objects.get()
    assert response.status_code == 302
    assert (report.start, report.end, report.created_by) == (
        dt.date(2004, 1, 1),
        dt.date(2004, 12, 31),
        manager,
    )
    assert (
        ActivityLogEntry.objects.for_object(report).get().verb == "reporting.social_report_created"
    )


def test_period_ending_before_it_starts_is_refused(agency, manager):
    data = {"title": "Bericht", "start": "2004-12-31", "end": "2004-01-01"}

    response = english(manager).post(reverse("social_report:new", kwargs={"slug": "kiez"}), data)

    assert response.status_code == 400
    assert response.context["form"].errors["end"] == ["The period cannot end before it starts."]
    assert not SocialReport.objects.exists()


def test_texts_are_saved_shown_and_logged_by_section(report, manager):
    data = texts_post(report, 0, vision="Erste Zeile\nZweite Zeile", finances="Geld")

    response = english(manager).post(url("edit", report), data)

    report.refresh_from_db()
    assert response.status_code == 302
    assert report.texts["vision"] == "Erste Zeile\nZweite Zeile"
    assert report.version == 1
    entry = ActivityLogEntry.objects.for_object(report).get()
    assert (entry.verb, entry.data) == (
        "reporting.social_report_saved",
        {"sections": ["vision", "finances"]},
    )
    page = english(manager).get(url("report", report)).content.decode()
    assert "Erste Zeile<br>Zweite Zeile" in page


def test_stale_save_is_refused_and_shows_the_other_text(report, manager):
    first, second = english(manager), english(manager)
    first.post(url("edit", report), texts_post(report, 0, vision="Von Karin"))

    response = second.post(url("edit", report), texts_post(report, 0, vision="Von Petra"))

    report.refresh_from_db()
    assert response.status_code == 400
    assert (
        "Someone else saved the texts of this report in the meantime" in response.content.decode()
    )
    assert "Von Karin" in response.content.decode()
    assert response.context["form"]["version"].value() == "1"
    assert (report.texts["vision"], report.version) == ("Von Karin", 1)
    assert ActivityLogEntry.objects.for_object(report).count() == 1


def test_too_long_text_saves_nothing(report, manager):
    response = english(manager).post(
        url("edit", report), texts_post(report, 0, vision="x" * 10_001)
    )

    report.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].errors["vision"]
    assert (report.texts, report.version) == ({}, 0)


def test_evaluator_reads_but_cannot_save(report, evaluator):
    client = english(evaluator)

    assert client.get(url("report", report)).status_code == 200
    assert client.post(url("edit", report), texts_post(report, 0, vision="Nein")).status_code == 403
    report.refresh_from_db()
    assert report.texts == {}


def test_archiving_hides_the_report_and_is_logged(report, manager):
    client = english(manager)
    listing = reverse("social_report:list", kwargs={"slug": "kiez"})

    response = client.post(url("archive", report))

    report.refresh_from_db()
    assert response.status_code == 302
    assert report.is_archived
    assert (
        ActivityLogEntry.objects.for_object(report).get().verb == "reporting.social_report_archived"
    )
    assert client.get(listing).context["reports"] == []
    assert client.get(listing + "?archived=1").context["reports"] == [report]
    client.post(url("edit", report), texts_post(report, 0, vision="Zu spät"))
    report.refresh_from_db()
    assert report.texts == {}


def test_list_shows_newest_first(agency, manager):
    older = new_report(agency, manager, title="Älter")
    newer = new_report(agency, manager, title="Neuer")

    response = english(manager).get(reverse("social_report:list", kwargs={"slug": "kiez"}))

    assert response.context["reports"] == [newer, older]


# ------------------------------------------------------------------------------------------
# The files


def test_pdf_is_tagged_german_with_chapters_and_numbers(report, manager, tmp_path):
    report.texts = {"problem": "Zu wenig Kinderbetreuung im Kiez."}
    report.save()

    response = client_for(manager).get(url("pdf", report))

    pdf = response.content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(pdf, tmp_path)
    info = subprocess.run(
        [tool("pdfinfo"), str(tmp_path / "report.pdf")], capture_output=True, check=True, text=True
    ).stdout
    assert "Tagged: yes" in " ".join(info.split())
    for heading in german(*(str(title) for _key, title, _prompt in SECTIONS)):
        assert heading in text
    assert "Zu wenig Kinderbetreuung im Kiez." in text
    assert "100.000,00 €" in text and "Kiezladen-Verbund" in text


def test_html_file_escapes_texts_and_stands_alone(report, manager):
    report.texts = {"vision": "<script>alert(1)</script>\nZweite Zeile"}
    report.save()

    response = client_for(manager).get(url("html", report))

    page = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Zweite Zeile" in page
    assert '<html lang="de">' in page
    assert "src=" not in page and "href=" not in page and "@import" not in page


def test_files_hold_no_personal_data(report, manager, tmp_path):
    client = client_for(manager)

    html = client.get(url("html", report)).content.decode()
    pdf = pdf_text(client.get(url("pdf", report)).content, tmp_path)

    for private in PRIVATE:
        assert private not in html
        assert private not in pdf


# ------------------------------------------------------------------------------------------
# Queries


def _more_data(agency, neighbourhoods, count: int = 4) -> None:
    for number in range(count):
        hood = neighbourhoods[number % 2]
        initiative = InitiativeFactory(agency=agency, neighbourhood=hood)
        ConsultationFactory(initiative=initiative, held_on=dt.date(2004, 5, 5))
        NeedFactory(agency=agency, neighbourhood=hood, raised_on=dt.date(2004, 7, 1))
        DeliveryFactory(
            referral__initiative=initiative, delivered_on=dt.date(2004, 8, 1), kind="rooms"
        )
        PartnershipFactory(agency=agency, neighbourhood=hood, agreed_on=dt.date(2004, 2, 2))


@pytest.mark.parametrize("name", ["report", "edit", "html"])
def test_pages_take_the_same_queries_for_one_or_many(report, agency, neighbourhoods, manager, name):
    client = client_for(manager)
    client.get(url(name, report))  # warm caches (content types, catalogue)

    few = count_queries(lambda: client.get(url(name, report)))
    _more_data(agency, neighbourhoods)
    many = count_queries(lambda: client.get(url(name, report)))

    assert few == many


def test_list_takes_the_same_queries_for_one_or_many(agency, manager):
    client = client_for(manager)
    listing = reverse("social_report:list", kwargs={"slug": "kiez"})
    new_report(agency, manager)

    few = count_queries(lambda: client.get(listing))
    for number in range(5):
        new_report(agency, manager, title=f"Bericht {number}")
    many = count_queries(lambda: client.get(listing))

    assert few == many
