"""The funder report: its content against numbers counted by hand and against the grant page's
figures, its three files (PDF/UA, XLSX, CSV), formula text kept as text, constant queries, and
nothing personal in any file.

The grant is tests/funding/grants.py's "Modellprojekt Kiez" (2003–2004, 100.000 €) with one more
material spending of 734 € in August 2003 (material spent in 2003: 1.234,50 €) and targets for
2003 and 2004. Consultations: Kiezküche three in 2003 (with two contact persons), Reparaturtreff
one in 2003 and one in 2004, Nähstube one in 2004, an archived initiative one in 2003, and one
initiative consulted only before the grant.
"""

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from defusedcsv import csv
from django.utils import timezone, translation
from django.utils.translation import gettext
from freezegun import freeze_time

from kiezwerk.core.pdf import fetcher
from kiezwerk.funding.attainment import attainment
from kiezwerk.funding.models import Indicator, Target
from kiezwerk.reporting import funder_report
from kiezwerk.reporting.funder_report.content import DASH
from kiezwerk.reporting.funder_report.pdf import render_html
from kiezwerk.reporting.funder_report.xlsx import sheet_name
from tests.conftest import count_queries
from tests.factories import ConsultationFactory, ContactPersonFactory, InitiativeFactory
from tests.funding.grants import NOTE, SENATE, grant_with_figures, spend

YEAR_2003 = (dt.date(2003, 1, 1), dt.date(2003, 12, 31))
FORMULA = '=HYPERLINK("http://x")'
CONTACT = {
    "name": "Wilhelmine Sonderbar",
    "email": "wilhelmine.sonderbar@privat.test",
    "phone": "0176 5550123",
}
SECRET_NOTE = "Vertraulich: Mietschulden"
PERSONAL = [*CONTACT.values(), SECRET_NOTE, NOTE, "leitung@kiez.test", "Karin Albers"]


@pytest.fixture
def grant(agency, manager):
    grant = grant_with_figures(agency, manager)
    spend(grant, "material", 2003, 8, "734")
    for query, targets in {
        "consultations_held": {2003: 10, 2004: 4},
        "initiatives_supported": {2003: 3, 2004: 3},
    }.items():
        indicator = Indicator.objects.active().filter(query=query).order_by("code").first()
        for year, value in targets.items():
            Target.objects.create(grant=grant, indicator=indicator, year=year, value=value)
    return grant


@pytest.fixture
def supported(agency, neighbourhoods):
    """The initiatives and their consultations (see the module's docstring)."""
    hood, other = neighbourhoods
    kitchen = InitiativeFactory(
        agency=agency,
        neighbourhood=hood,
        name="Kiezküche",
        stage="startup",
        legal_form="eg",
        founded_on=dt.date(2003, 2, 1),
        is_public=True,
    )
    repair = InitiativeFactory(agency=agency, neighbourhood=other, name="Reparaturtreff")
    sewing = InitiativeFactory(agency=agency, neighbourhood=hood, name="Nähstube")
    archived = InitiativeFactory(
        agency=agency, neighbourhood=hood, name="Archivierte Initiative", archived_at=timezone.now()
    )
    early = InitiativeFactory(agency=agency, neighbourhood=hood, name="Frühe Initiative")
    ContactPersonFactory(initiative=kitchen, **CONTACT)
    ContactPersonFactory(initiative=kitchen, name="Zweite Person", email="zwei@privat.test")
    for month in (3, 5, 9):
        ConsultationFactory(initiative=kitchen, held_on=dt.date(2003, month, 4), notes=SECRET_NOTE)
    ConsultationFactory(initiative=repair, held_on=dt.date(2003, 11, 30))
    ConsultationFactory(initiative=repair, held_on=dt.date(2004, 2, 2))
    ConsultationFactory(initiative=sewing, held_on=dt.date(2004, 6, 6))
    ConsultationFactory(initiative=archived, held_on=dt.date(2003, 6, 6))
    ConsultationFactory(initiative=early, held_on=dt.date(2002, 11, 1))
    return kitchen, repair, sewing


def build(grant, period=YEAR_2003, commentary=None):
    with translation.override("de"):
        return funder_report.build(grant, *period, commentary or {})


def written(write, content) -> bytes:
    out = io.BytesIO()
    with translation.override("de"):
        write(content, out)
    return out.getvalue()


def tool(name: str) -> str:
    """A poppler tool; skipped without it, except in CI where the PDF checks must run."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is missing: apt-get install poppler-utils"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text by pdftotext, whitespace (line breaks, no-break spaces) made single."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(text.split())


def german(*msgids: str) -> list[str]:
    with translation.override("de"):
        return [gettext(msgid) for msgid in msgids]


# ------------------------------------------------------------------------------------------
# Content


def test_indicators_of_a_calendar_year_equal_the_grant_page(grant, supported):
    content = build(grant)

    spans, rows = attainment(grant)
    year = [span.year for span in spans].index(2003)
    expected = [
        (row.indicator.code, row.cells[year].target, row.cells[year].actual) for row in rows
    ]
    assert [(line.code, line.target, line.actual) for line in content.indicators] == expected
    assert [(line.target, line.actual, line.attainment) for line in content.indicators] == [
        (Decimal(10), Decimal(4), Decimal("40.0")),  # Kiezküche 3, Reparaturtreff 1
        (Decimal(3), Decimal(2), Decimal("66.7")),  # each initiative once, archived left out
    ]


def test_indicators_of_the_whole_period_add_up_flows_only(grant, supported):
    content = build(grant, (dt.date(2002, 1, 1), dt.date(2005, 12, 31)))  # cut to 2003 to 2004

    _spans, rows = attainment(grant)
    assert (content.start, content.end) == (dt.date(2003, 1, 1), dt.date(2004, 12, 31))
    assert [(line.target, line.actual) for line in content.indicators] == [
        (row.whole.target, row.whole.actual) for row in rows
    ]
    assert [(line.target, line.actual) for line in content.indicators] == [
        (Decimal(14), Decimal(6)),
        (None, Decimal(3)),
    ]


def test_a_period_outside_the_grant_is_refused(grant):
    with pytest.raises(ValueError, match="outside the grant's period"):
        build(grant, (dt.date(2005, 1, 1), dt.date(2005, 12, 31)))


def test_budget_and_drawdowns_up_to_the_end_of_the_period(grant):
    content = build(grant, (dt.date(2004, 1, 1), dt.date(2004, 6, 30)))

    assert [
        (line.label, line.planned, line.spent_in_period, line.spent_to_end, line.remaining)
        for line in content.budget
    ] == [
        ("Personal", Decimal(70000), Decimal(2000), Decimal(4500), Decimal(65500)),
        ("Sachkosten und Ausstattung", Decimal(20000), 0, Decimal("1234.50"), Decimal("18765.50")),
        ("Leistungen Dritter", Decimal(10000), 0, 0, Decimal(10000)),
        ("Reisekosten", 0, Decimal(100), Decimal(100), Decimal(-100)),  # no budget line
    ]
    total = content.budget_total
    assert (total.planned, total.spent_in_period, total.spent_to_end) == (
        Decimal(100000),
        Decimal(2100),
        Decimal("5834.50"),
    )


def test_drawdowns_received_after_the_period_are_outstanding(grant):
    content = build(grant, (dt.date(2003, 1, 1), dt.date(2003, 5, 31)))

    assert [(d.source, d.requested, d.received, d.outstanding) for d in content.drawdowns] == [
        ("Europäische Kommission", Decimal(1000), 0, Decimal(1000)),  # came in June
        (SENATE, Decimal(800), 0, Decimal(800)),
    ]
    assert build(grant).drawdowns_total.outstanding == Decimal(800)


def test_financing_plan_in_percent_and_euros(grant):
    content = build(grant)

    assert [(line.share, line.amount) for line in content.financing] == [
        (Decimal(50), Decimal(50000)),
        (Decimal(40), Decimal(40000)),
        (Decimal(10), Decimal(10000)),
    ]
    assert content.financing[1].label == german("Co-financing: %(name)s")[0] % {"name": SENATE}
    assert content.financing_total == Decimal(100000)


def test_annex_lists_each_supported_initiative_once(grant, supported):
    with translation.override("de"):  # the annex is read (and labelled) while it is written
        enterprises = list(build(grant).enterprises)

    assert [(e.name, e.neighbourhood, e.founded_on) for e in enterprises] == [
        ("Kiezküche", "Boxhagener Platz", dt.date(2003, 2, 1)),
        (*german("Not in the public directory"), "Helmholtzplatz", None),
    ]
    kitchen = enterprises[0]
    assert [kitchen.stage, kitchen.legal_form] == german("Start-up", "cooperative (eG)")


def test_commentary_in_field_order_with_a_dash_when_empty(grant):
    content = build(grant, commentary={"outlook": " Weiter so. ", "summary": "", "other": "x"})

    assert [(item.key, item.text) for item in content.commentary] == [
        ("summary", DASH),
        ("progress", DASH),
        ("deviations", DASH),
        ("outlook", "Weiter so."),
    ]
    assert [item.label for item in content.commentary] == german(
        *(str(label) for _key, label in funder_report.COMMENTARY_FIELDS)
    )


@freeze_time("2004-12-31 23:30:00")  # UTC: in Berlin it is 2005 already
def test_cover_names_grant_period_and_generation_in_berlin_time(grant):
    content = build(grant)

    facts = {fact.label: fact.value for fact in content.cover}
    assert content.generated_at.isoformat() == "2005-01-01T00:30:00+01:00"
    assert facts[german("Funder")[0]] == "Europäische Kommission"
    assert "01.01.2003 – 31.12.2003" in facts.values()


def test_build_queries_do_not_grow_with_the_enterprises(grant, agency, neighbourhoods):
    one = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0])
    ConsultationFactory(initiative=one, held_on=dt.date(2003, 4, 1))
    few = count_queries(lambda: build(grant))
    for number in range(4):
        more = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[number % 2])
        ContactPersonFactory(initiative=more)
        ConsultationFactory(initiative=more, held_on=dt.date(2003, 4, 2 + number))
        ConsultationFactory(initiative=more, held_on=dt.date(2003, 5, 2 + number))

    assert len(build(grant).enterprises) == 5
    assert count_queries(lambda: build(grant)) == few


def test_each_writer_reads_only_the_annex_in_one_query(grant, supported, agency):
    """The annex is streamed from the database by each writer (flat memory for thousands of
    enterprises): one query each, however many rows it holds."""
    content = build(grant)
    for number in range(5):
        ConsultationFactory(
            initiative=InitiativeFactory(agency=agency, name=f"Mehr {number}"),
            held_on=dt.date(2003, 7, 1),
        )
    more = build(grant)

    for write in (funder_report.write_pdf, funder_report.write_xlsx, funder_report.write_csv):
        assert count_queries(lambda write=write: written(write, content)) == 1
        assert count_queries(lambda write=write: written(write, more)) == 1
    assert (len(content.enterprises), len(more.enterprises)) == (2, 7)


# ------------------------------------------------------------------------------------------
# PDF


def test_pdf_is_tagged_german_with_headings_and_numbers(grant, supported, tmp_path):
    content = build(grant)
    pdf = written(funder_report.write_pdf, content)

    text = pdf_text(pdf, tmp_path)
    path = tmp_path / "report.pdf"
    info = subprocess.run(
        [tool("pdfinfo"), str(path)], capture_output=True, check=True, text=True
    ).stdout
    assert "Tagged: yes" in " ".join(info.split())
    headings = german(
        "Progress report",
        "Indicators",
        "Financing plan",
        "Budget",
        "Drawdowns",
        "Annex: supported initiatives and enterprises",
        "Summary of the period",
    )
    for expected in [*headings, "Indikator", "Zielwert", "Ist-Wert", "Mittelabrufe"]:
        assert expected in text
    for expected in ["Modellprojekt Kiez", "1.234,50 €", "100.000,00 €", "40,0 %", "66,7 %"]:
        assert expected in text
    assert "Seite 2 von" in text


def test_pdf_html_has_language_caption_and_header_cells(grant, supported):
    content = build(grant)

    with translation.override("de"):
        html = render_html(content)

    assert '<html lang="de">' in html
    assert "<caption>" in html
    assert '<th scope="col"' in html
    assert '<th scope="row">Kiezküche</th>' in html
    assert '<td class="numeric">1.234,50' in html


def test_pdf_fetches_nothing_but_data_urls():
    refusing = fetcher()

    for url in ("file:///etc/hostname", "http://example.com/logo.png"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            refusing.fetch(url)
    response = refusing.fetch("data:text/plain,ok")
    assert response.read() == b"ok"
    response.close()


# ------------------------------------------------------------------------------------------
# XLSX and CSV


def test_xlsx_has_a_sheet_per_section_and_numbers_as_numbers(grant, supported):
    data = written(funder_report.write_xlsx, build(grant))

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == german(
        "Cover",
        "Agency and programme",
        "Indicators",
        "Commentary",
        "Financing plan",
        "Budget",
        "Drawdowns",
        "Enterprises",
    )
    budget = workbook.worksheets[5]
    assert [cell.value for cell in budget[1]] == german(
        "Cost category",
        "Planned",
        "Spent in the reporting period",
        "Spent by the end of the period",
        "Remaining",
    )
    assert budget[1][0].font.b
    assert budget["B3"].value == 20000 and budget["D3"].value == 1234.5
    assert "€" in budget["D3"].number_format
    annex = workbook.worksheets[7]
    assert [row[0].value for row in annex.iter_rows(min_row=2)] == [
        "Kiezküche",
        *german("Not in the public directory"),
    ]


def test_xlsx_keeps_formula_text_as_text(grant):
    data = written(funder_report.write_xlsx, build(grant, commentary={"summary": FORMULA}))

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet4.xml").decode()  # the commentary
    cell = re.search(r'<c r="B2"[^>]*>(.*?)</c>', sheet)[0]
    assert "<f>" not in sheet
    assert 't="inlineStr"' in cell
    assert f"<is><t>{FORMULA}</t></is>" in cell.replace("&quot;", '"')


def test_csv_is_german_excel_with_escaped_formulas(grant, supported):
    data = written(funder_report.write_csv, build(grant, commentary={"summary": FORMULA}))

    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    [commentary, budget, annex] = german(
        "Commentary", "Budget", "Annex: supported initiatives and enterprises"
    )
    assert [commentary, german("Summary of the period")[0], "'" + FORMULA] in rows
    assert [budget, "Sachkosten und Ausstattung", "20000,00", "1234,50", "1234,50", "18765,50"] in (
        rows
    )
    assert [row[1] for row in rows if row[0] == annex] == [
        "Name",
        "Kiezküche",
        *german("Not in the public directory"),
    ]


def test_no_personal_data_in_any_file(grant, supported, tmp_path):
    content = build(grant, commentary={"summary": "Gute Fortschritte."})

    pdf = pdf_text(written(funder_report.write_pdf, content), tmp_path)
    with zipfile.ZipFile(io.BytesIO(written(funder_report.write_xlsx, content))) as archive:
        xlsx = " ".join(archive.read(name).decode() for name in archive.namelist())
    csv_text = written(funder_report.write_csv, content).decode("utf-8-sig")

    assert "Kiezküche" in pdf and "Kiezküche" in xlsx and "Kiezküche" in csv_text
    for output in (pdf, xlsx, csv_text):
        for personal in PERSONAL:
            assert personal not in output
        assert "Reparaturtreff" not in output  # supported, but not in the public directory


def test_sheet_names_fit_excel():
    taken: set[str] = set()

    assert sheet_name("Budget", taken) == "Budget"
    assert sheet_name("budget", taken) == "budget (2)"
    assert sheet_name("Anhang: [Unternehmen]/Initiativen im Berichtszeitraum", taken) == (
        "Anhang   Unternehmen  Initiativ"  # 31 characters, none of []:*?/\\
    )
