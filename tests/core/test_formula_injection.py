"""No text typed into Kiezwerk becomes a formula in any CSV or XLSX file it writes.

A name starting with = + - or @ is put where each export shows it: a team member (team
export), an agency and a neighbourhood (network overview), an enterprise (the funder report's
annex), a neighbourhood (the pseudonymised export's CSV files), a business line (the economy
import's template) and a spending note (the spending import's template). In CSV the cell must
come out escaped (defusedcsv prefixes a quote); in XLSX it must be a string cell, and no cell of
the workbook a formula (read back with openpyxl)."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from defusedcsv import csv
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from kiezwerk.economy import services as economy
from kiezwerk.reporting import funder_report
from kiezwerk.reporting.pseudonymised.archive import write_archive
from kiezwerk.reporting.pseudonymised.span import Span
from tests.conftest import client_for, reauthenticate
from tests.factories import (
    ConsultationFactory,
    InitiativeFactory,
    NeedCategoryFactory,
    NeighbourhoodFactory,
    PartnerFactory,
    UserFactory,
    member,
)
from tests.funding.grants import grant_with_figures, spend

FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+HYPERLINK(1)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
]


@pytest.fixture(params=FORMULAS, ids=["equals", "plus", "minus", "at"])
def formula(request) -> str:
    return request.param


# --- reading the files back --------------------------------------------------------------


def csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]


def escaped(formula: str) -> str:
    """The cell as defusedcsv writes it: a quote first, pipes escaped."""
    return "'" + formula.replace("|", "\\|")


def assert_csv_escaped(data: bytes, formula: str) -> None:
    cells = csv_cells(data)
    assert escaped(formula) in cells
    assert formula not in cells
    assert not any(cell[:1] in ("=", "+", "@") for cell in cells)


def assert_xlsx_text(data: bytes, formula: str) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    kinds = {cell.data_type for cell in cells if cell.value == formula}
    assert kinds == {"s"}
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)


def body(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


# --- the team export -----------------------------------------------------------------------


def test_team_export_keeps_a_member_name_as_text(agency, manager, formula):
    member(agency, "advisor", name=formula, email="formel@kiez.test")
    client = client_for(manager)
    reauthenticate(client, manager)

    def team(fmt: str) -> bytes:
        return body(
            client.get(reverse("agencies:team_export", kwargs={"slug": "kiez", "fmt": fmt}))
        )

    assert_csv_escaped(team("csv"), formula)
    assert_xlsx_text(team("xlsx"), formula)


# --- the network overview ------------------------------------------------------------------


@pytest.fixture
def planner(db):
    user = UserFactory(email="planung@senat.test")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="reporting", codename="view_network_overview"
        )
    )
    return user


@pytest.mark.parametrize("table", ["agencies", "neighbourhoods"])
def test_network_overview_keeps_agency_and_neighbourhood_names_as_text(
    agency, neighbourhoods, planner, formula, table
):
    agency.name = formula
    agency.save()
    NeighbourhoodFactory(agency=agency, name=formula, slug="formel")
    client = client_for(planner)

    def export(fmt: str) -> bytes:
        url = reverse("network_overview:export", kwargs={"table": table, "fmt": fmt})
        return body(client.get(url))

    assert_csv_escaped(export("csv"), formula)
    assert_xlsx_text(export("xlsx"), formula)


# --- the funder report ---------------------------------------------------------------------


def test_funder_report_keeps_an_enterprise_name_as_text(agency, neighbourhoods, manager, formula):
    grant = grant_with_figures(agency, manager)
    enterprise = InitiativeFactory(
        agency=agency,
        neighbourhood=neighbourhoods[0],
        name=formula,
        stage="startup",
        founded_on=dt.date(2003, 2, 1),
        is_public=True,
    )
    ConsultationFactory(initiative=enterprise, held_on=dt.date(2003, 3, 4))
    with translation.override("de"):
        content = funder_report.build(grant, dt.date(2003, 1, 1), dt.date(2003, 12, 31), {})
        files = {}
        for name, write in (("csv", funder_report.write_csv), ("xlsx", funder_report.write_xlsx)):
            out = io.BytesIO()
            write(content, out)
            files[name] = out.getvalue()

    assert_csv_escaped(files["csv"], formula)
    assert_xlsx_text(files["xlsx"], formula)


# --- the pseudonymised evaluation export ---------------------------------------------------


def test_pseudonymised_export_keeps_a_neighbourhood_name_as_text(settings, agency, formula):
    settings.PSEUDONYM_KEY = "k" * 64
    hood = NeighbourhoodFactory(agency=agency, name=formula, slug="formel")
    InitiativeFactory(agency=agency, neighbourhood=hood)

    handle = write_archive(agency, Span(None, None))

    with zipfile.ZipFile(handle) as archive:
        files = {name: archive.read(name) for name in archive.namelist() if name.endswith(".csv")}
    assert escaped(formula) in csv_cells(files["initiatives.csv"])
    for data in files.values():
        assert formula not in csv_cells(data)


# --- the import templates ------------------------------------------------------------------


def test_economy_template_keeps_a_business_line_name_as_text(initiative, founder_contact, formula):
    manager = member(initiative.agency, "manager", email="leitung2@kiez.test")
    client_office = PartnerFactory(agency=initiative.agency, name="Bezirksamt", kind="public")
    economy.add_line(
        initiative,
        actor=manager,
        name=formula,
        service=NeedCategoryFactory(name="Nahversorgung"),
        clients=[client_office],
    )
    client = client_for(founder_contact.user)

    def template(fmt: str) -> bytes:
        kwargs = {"slug": "kiez", "pk": initiative.pk, "fmt": fmt}
        return body(client.get(reverse("economy:import_template", kwargs=kwargs), {"year": 2004}))

    assert_csv_escaped(template("csv"), formula)
    assert_xlsx_text(template("xlsx"), formula)


def test_spending_template_keeps_a_note_as_text(agency, manager, formula):
    grant = grant_with_figures(agency, manager)
    spend(grant, "material", 2004, 7, "12.50", note=formula)
    client = client_for(manager)

    def template(fmt: str) -> bytes:
        kwargs = {"slug": "kiez", "pk": grant.pk, "fmt": fmt}
        return body(client.get(reverse("funding:spending_template", kwargs=kwargs)))

    assert_csv_escaped(template("csv"), formula)
    assert_xlsx_text(template("xlsx"), formula)
