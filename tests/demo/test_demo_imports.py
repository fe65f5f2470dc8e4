"""What issue 9 is done by, second half, on the demo world: the advisor of Boxhagener Platz
(beratung.boxhagen@best.example) downloads the XLSX template of 2008 for the "Reparaturwerkstatt
Boxhagener Kiez" from the import page, fills in a year of figures in it as a spreadsheet
program would, checks the file in a dry run and imports it. Every month of every business line
then holds the figures of the file, and the enterprise's year table shows them."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from kiezwerk.accounts.models import User
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy.models import BusinessLine, MonthFigures, Revenue
from kiezwerk.initiatives.models import Initiative
from tests.conftest import client_for

YEAR = 2008


@pytest.fixture
def demo(db):
    call_command("load_demo")
    return Initiative.objects.get(name="Reparaturwerkstatt Boxhagener Kiez")


def _url(name: str, enterprise: Initiative, **kwargs) -> str:
    return reverse(f"economy:{name}", kwargs={"slug": "best", "pk": enterprise.pk, **kwargs})


def _filled_in(template: bytes) -> tuple[bytes, dict]:
    """The template with market sales, costs and volunteer hours for every month, as typed
    into a spreadsheet program; and {(line, month): (market, costs)} as written."""
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    headings = [cell.value for cell in sheet[1]]
    market, costs, hours = (
        headings.index(name) + 1 for name in ("Markterlöse", "Kosten", "Ehrenamtliche Stunden")
    )
    written = {}
    for row in sheet.iter_rows(min_row=2):
        line, month = row[0].value, int(row[2].value)
        amounts = (Decimal(1000 + 10 * month), Decimal("812.40"))
        sheet.cell(row=row[0].row, column=market, value=float(amounts[0]))
        sheet.cell(row=row[0].row, column=costs, value=float(amounts[1]))
        sheet.cell(row=row[0].row, column=hours, value=12.5)
        written[(line, month)] = amounts
    handle = io.BytesIO()
    workbook.save(handle)
    return handle.getvalue(), written


def test_advisor_imports_a_year_of_figures_from_the_downloaded_template(demo):
    advisor = User.objects.get(email="beratung.boxhagen@best.example")
    browser = client_for(advisor)
    page = browser.get(_url("import", demo))
    assert page.status_code == 200
    template = browser.get(_url("import_template", demo, fmt="xlsx"), {"year": YEAR})
    assert template.status_code == 200
    content, written = _filled_in(b"".join(template.streaming_content))
    lines = BusinessLine.objects.active().filter(initiative=demo)
    assert len(written) == 12 * lines.count() > 0

    file = SimpleUploadedFile("Zahlen 2008.xlsx", content)
    dry_run = browser.post(_url("import", demo), {"file": file})

    assert dry_run.status_code == 200
    assert dry_run.context["plan"].counts == {"create": len(written), "change": 0, "unchanged": 0}
    assert not MonthFigures.objects.filter(initiative=demo, year=YEAR).exists()

    checksum = dry_run.context["confirm"].initial["checksum"]
    file = SimpleUploadedFile("Zahlen 2008.xlsx", content)
    imported = browser.post(_url("import", demo), {"file": file, "checksum": checksum, "apply": 1})

    assert (imported.status_code, imported["Location"]) == (302, _url("enterprise", demo))
    saved = {
        (figures.line.name, figures.month): figures
        for figures in MonthFigures.objects.filter(initiative=demo, year=YEAR).select_related(
            "line"
        )
    }
    market = {
        (row.line.name, row.month): row.amount
        for row in Revenue.objects.filter(
            initiative=demo, year=YEAR, source="market"
        ).select_related("line")
    }
    assert {key: (market[key], saved[key].costs) for key in saved} == written
    assert {figures.volunteer_hours for figures in saved.values()} == {Decimal("12.50")}
    summary = ActivityLogEntry.objects.get(verb="economy.figures_imported", object_id=demo.pk)
    assert summary.data == {
        "file": "Zahlen 2008.xlsx",
        "rows": len(written),
        "changed": len(written),
    }
    assert summary.actor == advisor
    year_table = browser.get(
        reverse(
            "economy:year",
            kwargs={"slug": "best", "pk": demo.pk, "line": lines[0].pk, "year": YEAR},
        )
    )
    assert 'aria-label="Markterlöse, Dezember" value="1120,00"' in year_table.content.decode()

    again = browser.post(_url("import", demo), {"file": SimpleUploadedFile("z.xlsx", content)})
    assert again.context["plan"].counts == {"create": 0, "change": 0, "unchanged": len(written)}
