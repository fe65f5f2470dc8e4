"""Importing a grant's spending from a file: the template (the saved spending) and its round
trip as CSV and XLSX, German and plain numbers, German and English headings, months added and
changed, months missing from the file kept, notes, every problem named by row and column with
nothing saved, files that are not what they claim, limits, a second import that changes
nothing, the activity log, the grant's figures after an import, and the query count."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.funding.enums import CostCategory
from kiezwerk.funding.models import Grant, Spending
from kiezwerk.funding.spending_import import MAX_BYTES, MAX_ROWS, Problem
from tests.conftest import client_for, count_queries
from tests.funding.grants import NOTE, grant_with_figures, plain_grant

D = Decimal
GERMAN = ["Jahr", "Monat", "Kostenkategorie", "Betrag", "Notiz"]
ENGLISH = ["Year", "Month", "Cost category", "Amount", "Note"]
# The grant's saved spending (tests/funding/grants.py) as {(category, year, month): amount}.
SAVED = {
    ("staff", 2003, 1): D("1000.00"),
    ("staff", 2003, 2): D("1500.00"),
    ("staff", 2004, 3): D("2000.00"),
    ("material", 2003, 5): D("500.50"),
    ("travel", 2004, 1): D("100.00"),
}
VERB = "funding.spending_imported"


@pytest.fixture
def grant(agency, manager) -> Grant:
    return grant_with_figures(agency, manager)


def _english(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _url(name: str, grant: Grant, **kwargs) -> str:
    return reverse(f"funding:{name}", kwargs={"slug": "kiez", "pk": grant.pk, **kwargs})


def _csv(rows, *, headings=GERMAN, delimiter=";") -> bytes:
    handle = io.StringIO()
    csv.writer(handle, delimiter=delimiter).writerows([headings, *rows])
    return handle.getvalue().encode()


def _xlsx(rows, *, headings=ENGLISH) -> bytes:
    handle = io.BytesIO()
    with xlsxwriter.Workbook(handle, {"in_memory": True}) as workbook:
        sheet = workbook.add_worksheet()
        for number, row in enumerate([headings, *rows]):
            sheet.write_row(number, 0, row)
    return handle.getvalue()


def _upload(user, grant: Grant, content: bytes, name: str = "ausgaben.csv"):
    file = SimpleUploadedFile(name, content)
    return _english(user).post(_url("spending_import", grant), {"file": file})


def _saved(grant: Grant) -> dict:
    rows = Spending.objects.filter(grant=grant)
    return {(r.category, r.year, r.month): r.amount for r in rows}


def _problems(response) -> list[Problem]:
    return response.context["form"].problems


def _message(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def _log() -> list[dict]:
    return list(ActivityLogEntry.objects.filter(verb=VERB).values_list("data", flat=True))


def _de(text: str) -> str:
    with translation.override("de"):
        return translation.gettext(text)


# ------------------------------------------------------------------------------------------
# Importing


def test_import_adds_and_changes_months_in_german_and_plain_numbers(grant, manager):
    rows = [
        [2003, 1, "Personal", "1.234,56", "Gehälter Januar"],  # German label and number
        [2003, 6, "material", "1234.56", ""],  # key and plain number
        [2004, 2, "Reisekosten", "12,5", ""],
    ]

    response = _upload(manager, grant, _csv(rows))

    assert response.status_code == 302
    assert response["Location"].endswith(_url("grant", grant) + "#budget-title")
    saved = _saved(grant)
    assert saved[("staff", 2003, 1)] == D("1234.56")
    assert saved[("material", 2003, 6)] == D("1234.56")
    assert saved[("travel", 2004, 2)] == D("12.50")
    assert Spending.objects.get(grant=grant, category="staff", year=2003, month=1).note == (
        "Gehälter Januar"
    )
    assert _message(response) == "Spending imported: 2 months added, 1 changed, 0 unchanged."


def test_months_missing_from_the_file_stay_as_they_are(grant, manager):
    _upload(manager, grant, _csv([[2003, 6, "Personal", "10", ""]]))

    assert _saved(grant) == SAVED | {("staff", 2003, 6): D("10.00")}


def test_import_of_english_xlsx_with_numbers_as_numbers(grant, manager):
    rows = [[2003, 7, "External services", 99.9, ""], [2004, 12, "Overheads (flat rate)", 5, ""]]

    response = _upload(manager, grant, _xlsx(rows), name="spending.xlsx")

    assert response.status_code == 302
    assert _saved(grant)[("services", 2003, 7)] == D("99.90")
    assert _saved(grant)[("overheads", 2004, 12)] == D("5.00")


def test_file_without_note_column_keeps_the_saved_notes(grant, manager):
    content = _csv([[2003, 2, "Personal", "1.600"]], headings=GERMAN[:4])

    _upload(manager, grant, content)

    row = Spending.objects.get(grant=grant, category="staff", year=2003, month=2)
    assert (row.amount, row.note) == (D("1600.00"), NOTE)


def test_import_writes_one_log_entry_with_the_counts_and_no_amounts(grant, manager):
    rows = [[2003, 1, "staff", "1000", ""], [2003, 2, "staff", "1", NOTE], [2003, 3, "staff", "2"]]

    _upload(manager, grant, _csv(rows), name="buchhaltung.csv")

    assert _log() == [
        {"file": "buchhaltung.csv", "created": 1, "changed": 1, "unchanged": 1},
    ]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(grant, manager):
    content = _csv([[2003, 1, "Personal", "1.234,56", ""], [2003, 9, "Räume", "300", "Miete"]])
    _upload(manager, grant, content)
    first = list(Spending.objects.filter(grant=grant).values_list("pk", "amount", "updated_at"))

    response = _upload(manager, grant, content)

    assert response.status_code == 302
    assert list(Spending.objects.filter(grant=grant).values_list("pk", "amount", "updated_at")) == (
        first
    )
    assert len(_log()) == 1
    assert _message(response) == (
        "Nothing has changed: the file holds only spending already saved."
    )


def test_grant_page_figures_reflect_the_import(grant, manager):
    rows = [[2003, 1, "staff", "10000", ""], [2003, 8, "services", "2500", ""]]
    _upload(manager, grant, _csv(rows))

    budget = _english(manager).get(_url("grant", grant)).context["budget"]

    figures = {row.category: (row.spent, row.remaining) for row in budget.rows}
    assert figures["staff"] == (D("13500.00"), D("56500.00"))
    assert figures["services"] == (D("2500.00"), D("7500.00"))
    assert (budget.total.spent, budget.total.remaining) == (D("16600.50"), D("83399.50"))


# ------------------------------------------------------------------------------------------
# Problems: every one by row and column, and nothing saved


def _assert_rejected(response, grant: Grant, problems: list[Problem]) -> None:
    assert response.status_code == 400
    assert _problems(response) == problems
    assert _saved(grant) == SAVED
    assert _log() == []


def test_each_bad_cell_is_named_by_row_and_column_and_nothing_is_saved(grant, manager):
    rows = [
        [2003, 4, "Personal", "100", ""],  # fine, but not saved: the file has problems
        [2003, 5, "Personal", "-5", ""],
        [2003, 13, "Personal", "5", ""],
        [2003, 5, "Mittagessen", "5", ""],
        [2003, 5, "Personal", "zwölf", ""],
        [2003, 6, "Personal", "", ""],
        [2003, 7, "Personal", "12", "x" * 201],
    ]

    response = _upload(manager, grant, _csv(rows))

    names = ", ".join(str(label) for label in CostCategory.labels)
    _assert_rejected(
        response,
        grant,
        [
            Problem(3, "Betrag", "The value cannot be negative."),
            Problem(4, "Monat", "Please give the month as a number from 1 to 12."),
            Problem(5, "Kostenkategorie", f"Please name one of the cost categories: {names}."),
            Problem(
                6,
                "Betrag",
                "“zwölf” is not a number. Please write numbers like 1234,50 or 1.234,50.",
            ),
            Problem(7, "Betrag", "Please give the amount. Write 0 for a month without spending."),
            Problem(8, "Notiz", "The note may have at most 200 characters."),
        ],
    )
    assert "The file has 6 problems" in response.content.decode()


def test_months_outside_the_grant_period_are_refused(grant, manager):
    rows = [[2002, 12, "Personal", "5", ""], [2005, 1, "Personal", "5", ""]]

    response = _upload(manager, grant, _csv(rows))

    text = "%s is outside the grant period (January 2003 to December 2004)."
    _assert_rejected(
        response,
        grant,
        [Problem(2, "Monat", text % "December 2002"), Problem(3, "Monat", text % "January 2005")],
    )


def test_a_month_given_twice_for_one_category_is_refused(grant, manager):
    rows = [
        [2003, 4, "Personal", "5", ""],
        [2003, 4, "Sachkosten und Ausstattung", "5", ""],
        [2003, 4, "staff", "6", ""],
    ]

    response = _upload(manager, grant, _csv(rows))

    text = "Staff in April 2003 is already in row 2."
    _assert_rejected(response, grant, [Problem(4, "Monat", text)])


def test_unknown_and_missing_columns_are_refused(grant, manager):
    content = _csv([[2003, 4, "5", "x"]], headings=["Jahr", "Monat", "Betrag", "Konto"])

    response = _upload(manager, grant, content)

    _assert_rejected(
        response,
        grant,
        [
            Problem(1, "Konto", "Unknown column. Please use the template."),
            Problem(1, "Cost category", "This column is missing."),
        ],
    )


def test_problems_are_translated(grant, manager):
    client = client_for(manager)  # German, the interface's first language
    file = SimpleUploadedFile("a.csv", _csv([[2003, 5, "Personal", "-5", ""]]))

    response = client.post(_url("spending_import", grant), {"file": file})

    assert _problems(response) == [Problem(2, "Betrag", _de("The value cannot be negative."))]


def test_a_png_named_csv_is_refused(grant, manager):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"

    response = _upload(manager, grant, png, name="ausgaben.csv")

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "This file is neither a CSV file in UTF-8 nor an Excel workbook (XLSX). Please save "
        "it in one of these formats (in Excel: “CSV UTF-8” or “Excel workbook”)."
    ]
    assert _saved(grant) == SAVED


def test_a_broken_workbook_is_refused(grant, manager):
    response = _upload(manager, grant, b"PK\x03\x04 not really a zip", name="a.xlsx")

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "This file could not be read as an Excel workbook (XLSX)."
    ]


def test_a_file_over_the_size_limit_is_refused(grant, manager):
    content = _csv([[2003, 4, "Personal", "5", "x" * 100]])
    content += b" " * (MAX_BYTES + 1 - len(content))

    response = _upload(manager, grant, content)

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is too large: at most 5.0\xa0MB are allowed."
    ]
    assert _saved(grant) == SAVED


def test_a_file_over_the_row_limit_is_refused(grant, manager):
    content = _csv([[2003, 4, "Personal", "5", ""]] * (MAX_ROWS + 1))

    response = _upload(manager, grant, content)

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file has more than 2,000 rows. Please split it."
    ]


def test_an_empty_file_and_one_with_headings_only_are_refused(grant, manager):
    empty = _upload(manager, grant, b"")
    headings = _upload(manager, grant, _csv([]))

    assert empty.status_code == headings.status_code == 400
    assert headings.context["form"].errors["file"] == [
        "The file has no rows of spending below its headings."
    ]
    assert _saved(grant) == SAVED


# ------------------------------------------------------------------------------------------
# The template


def _download(user, grant: Grant, fmt: str, *, english: bool = True) -> bytes:
    client = _english(user) if english else client_for(user)
    response = client.get(_url("spending_template", grant, fmt=fmt))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_csv_template_holds_the_saved_spending_in_the_readers_language(grant, manager):
    content = _download(manager, grant, "csv", english=False).decode("utf-8-sig")

    lines = content.splitlines()
    assert lines[0] == "Jahr;Monat;Kostenart;Betrag;Notiz"
    assert lines[1:] == [
        "2003;1;Personal;1000,00;",
        f"2003;2;Personal;1500,00;{NOTE}",
        "2003;5;Sachkosten und Ausstattung;500,50;",
        "2004;1;Reisekosten;100,00;",
        "2004;3;Personal;2000,00;",
    ]


def test_template_of_a_grant_without_spending_has_only_the_headings(agency, manager):
    grant = plain_grant(agency)

    content = _download(manager, grant, "csv").decode("utf-8-sig")

    assert content.splitlines() == [";".join(ENGLISH)]


@pytest.mark.parametrize(("fmt", "english"), [("csv", True), ("csv", False), ("xlsx", True)])
def test_template_uploaded_unchanged_changes_nothing(grant, manager, fmt, english):
    content = _download(manager, grant, fmt, english=english)
    before = list(Spending.objects.filter(grant=grant).values_list("pk", "updated_at"))

    response = _upload(manager, grant, content, name=f"vorlage.{fmt}")

    assert response.status_code == 302
    assert list(Spending.objects.filter(grant=grant).values_list("pk", "updated_at")) == before
    assert _log() == []


def test_notes_that_look_like_formulas_survive_the_csv_round_trip(grant, manager):
    Spending.objects.filter(grant=grant, year=2003, month=1).update(note="=Rechnung  12")
    content = _download(manager, grant, "csv")

    _upload(manager, grant, content)

    row = Spending.objects.get(grant=grant, category="staff", year=2003, month=1)
    assert row.note == "=Rechnung  12"
    assert _log() == []


def test_template_edited_and_uploaded_changes_what_was_edited(grant, manager):
    workbook = openpyxl.load_workbook(io.BytesIO(_download(manager, grant, "xlsx")))
    sheet = workbook.active
    sheet["D2"] = 1111.11  # staff, January 2003
    sheet.append([2004, 12, "Premises", 250, "Miete Dezember"])
    handle = io.BytesIO()
    workbook.save(handle)

    response = _upload(manager, grant, handle.getvalue(), name="vorlage.xlsx")

    assert response.status_code == 302
    expected = SAVED | {("staff", 2003, 1): D("1111.11"), ("premises", 2004, 12): D("250.00")}
    assert _saved(grant) == expected
    assert _log()[0] | {"file": ""} == {"file": "", "created": 1, "changed": 1, "unchanged": 4}


def test_template_of_an_unknown_format_is_404(grant, manager):
    response = client_for(manager).get(_url("spending_template", grant, fmt="pdf"))

    assert response.status_code == 404


# ------------------------------------------------------------------------------------------
# The page and its queries


def test_import_page_explains_columns_and_links_the_templates(grant, manager):
    response = _english(manager).get(_url("spending_import", grant))

    page = response.content.decode()
    assert response.status_code == 200
    assert [str(column["heading"]) for column in response.context["columns"]] == ENGLISH
    assert _url("spending_template", grant, fmt="xlsx") in page
    assert "stay as they are" in page


def test_grant_page_links_the_import_for_management_only(grant, manager, evaluator):
    link = _url("spending_import", grant)

    assert link in _english(manager).get(_url("grant", grant)).content.decode()
    assert link not in _english(evaluator).get(_url("grant", grant)).content.decode()


def _rows(count: int) -> list[list]:
    """`count` rows over the grant's months and categories, staff first: some change saved
    months (staff in January 2003 among them), the rest add months."""
    months = [(year, month) for year in (2003, 2004) for month in range(1, 13)]
    cells = [(y, m, c) for y, m in months for c in CostCategory.values]
    order = sorted(cells, key=lambda cell: (cell[2] != "staff", cell))
    return [[y, m, c, "7,77", ""] for y, m, c in order[:count]]


def test_import_runs_the_same_number_of_queries_for_10_and_100_rows(agency, manager):
    client = _english(manager)
    sizes = ((grant_with_figures(agency, manager), 10), (grant_with_figures(agency, manager), 100))

    def upload(grant: Grant, count: int) -> None:
        file = SimpleUploadedFile("ausgaben.csv", _csv(_rows(count)))
        assert client.post(_url("spending_import", grant), {"file": file}).status_code == 302

    queries = [count_queries(lambda grant=grant, n=n: upload(grant, n)) for grant, n in sizes]

    assert Spending.objects.filter(grant=sizes[1][0]).count() == 5 + 96  # 4 saved ones changed
    assert queries[0] == queries[1]
