"""Importing figures from a file: CSV (`;` or `,`, German or plain numbers) and XLSX, the
template (the saved figures of a year) and its round trip, empty rows skipped, rows that hold
the saved figures left alone, problems by row and column (nothing imported), closed months
(unchanged ones pass), files that are not what they claim, limits, the activity log and who
may import."""

import csv
import hashlib
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy import imports, services
from kiezwerk.economy.imports import Problem, reading
from kiezwerk.economy.models import ClosedMonth, MonthFigures, Revenue, ValuationRate
from tests.conftest import client_for, count_queries
from tests.economy.conftest import month

YEAR = 2004
OFFICE = "Bezirksamt Friedrichshain-Kreuzberg"
CENTRE = "Jobcenter Friedrichshain-Kreuzberg"
# The template's headings as the German interface writes them.
GERMAN = [
    "Geschäftszweig",
    "Jahr",
    "Monat",
    f"Öffentliche Aufträge: {OFFICE}",
    f"Öffentliche Aufträge: {CENTRE}",
    "Markterlöse",
    "Zuschüsse und Fördermittel",
    "Spenden",
    "Kosten",
    "Ehrenamtliche Stunden",
    "Freiwillige",
    "Gegenseitige Hilfe",
]
ENGLISH = [
    "Business line",
    "Year",
    "Month",
    f"Public contracts: {OFFICE}",
    f"Public contracts: {CENTRE}",
    "Market sales",
    "Grants and subsidies",
    "Donations",
    "Costs",
    "Volunteer hours",
    "Volunteers",
    "Reciprocal work",
]
# Keys of _row's cells, in the template's order.
FIELDS = [
    "line",
    "year",
    "month",
    "office",
    "centre",
    "market",
    "grants",
    "donations",
    "costs",
    "hours",
    "volunteers",
    "reciprocal",
]
HEADING = dict(zip(FIELDS, ENGLISH, strict=True))
D = Decimal
ZEROS_YES = (D(0), D(0), 0, True)  # a month with only "reciprocal" given


def _url(name: str, line, **kwargs) -> str:
    """The view's address for the enterprise of `line`."""
    return reverse(f"economy:{name}", kwargs={"slug": "kiez", "pk": line.initiative_id, **kwargs})


def _de(text: str) -> str:
    """`text` as the German interface shows it (the catalogue may not have it yet)."""
    with translation.override("de"):
        return translation.gettext(text)


def _de_n(singular: str, plural: str, count: int) -> str:
    """The German form of a message with a plural, for `count`."""
    with translation.override("de"):
        return translation.ngettext(singular, plural, count)


IMPORTED = (
    "Figures of %(count)d month have been imported (%(changed)d changed).",
    "Figures of %(count)d months have been imported (%(changed)d changed).",
)


def _csv(rows, *, headings=ENGLISH, delimiter=";", bom: bool = False) -> bytes:
    handle = io.StringIO()
    writer = csv.writer(handle, delimiter=delimiter)
    writer.writerows([headings, *rows])
    return ("\ufeff" if bom else "").encode() + handle.getvalue().encode()


def _xlsx(rows, *, headings=ENGLISH) -> bytes:
    handle = io.BytesIO()
    with xlsxwriter.Workbook(handle, {"in_memory": True}) as workbook:
        sheet = workbook.add_worksheet()
        for number, row in enumerate([headings, *rows]):
            sheet.write_row(number, 0, row)
    return handle.getvalue()


def _row(**cells) -> list:
    """A row of the template (the café in January 2004 unless said otherwise); cells not
    given are empty."""
    return [({"line": "Café", "year": YEAR, "month": 1} | cells).get(key, "") for key in FIELDS]


def _dry_run(user, line, content: bytes, name: str = "zahlen.csv", client=None):
    """Send `content` to the import of the enterprise of `line` for a dry run."""
    client = client or client_for(user)
    return client.post(_url("import", line), {"file": SimpleUploadedFile(name, content)})


def _upload(user, line, content: bytes, name: str = "zahlen.csv"):
    """Send `content` for a dry run and, when it is clean, import it as the dry run's button
    does: the same file again, with the checksum the dry run gave."""
    client = client_for(user)
    response = _dry_run(user, line, content, name, client=client)
    if response.status_code != 200:
        return response
    checksum = response.context["confirm"].initial["checksum"]
    data = {"file": SimpleUploadedFile(name, content), "checksum": checksum, "apply": "1"}
    return client.post(_url("import", line), data)


def _unreadable() -> str:
    return _de(
        "This file is neither a CSV file in UTF-8 nor an Excel workbook (XLSX). Please save "
        "it in one of these formats (in Excel: “CSV UTF-8” or “Excel workbook”)."
    )


def _problems(response) -> list[Problem]:
    return response.context["problems"]


def _figures(line) -> dict:
    return {
        (row.year, row.month): (row.costs, row.volunteer_hours, row.volunteers, row.reciprocal)
        for row in MonthFigures.objects.filter(line=line)
    }


def _revenue(line) -> dict:
    return {
        (row.month, row.source, row.client_id): row.amount
        for row in Revenue.objects.filter(line=line)
    }


@pytest.fixture(autouse=True)
def _public_bodies(district_office, job_centre):
    """Both public bodies exist (the files have a column for each); the café buys from the
    district office only."""


@pytest.fixture
def lines(cafe, repairs):
    """The café (client: the district office) and the repair service (the job centre)."""
    return cafe, repairs


# ------------------------------------------------------------------------------------------
# Importing


def test_import_csv_with_semicolons_and_german_numbers_saves_the_months(
    lines, district_office, job_centre, founder
):
    cafe, repairs = lines
    rows = [
        _row(month=1, office="800", market="1.234,50", costs="2.000", hours="20,5", volunteers=4),
        _row(month=2, market="99,9", reciprocal="ja"),
        _row(line="Reparaturdienst", month=1, centre="1.500,00", donations="50"),
    ]

    response = _upload(founder, cafe, _csv(rows, headings=GERMAN))

    assert (response.status_code, response["Location"]) == (302, _url("enterprise", cafe))
    assert _figures(cafe) == {(YEAR, 1): (D(2000), D("20.5"), 4, False), (YEAR, 2): ZEROS_YES}
    assert _revenue(cafe) == {
        (1, "public", district_office.pk): D(800),
        (1, "market", None): D("1234.5"),
        (2, "market", None): D("99.9"),
    }
    assert _revenue(repairs)[(1, "public", job_centre.pk)] == D(1500)
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    text = _de_n(*IMPORTED, 3)
    assert shown == [text % {"count": 3, "changed": 3}]


def test_import_csv_with_commas_plain_numbers_and_a_bom(cafe, founder):
    rows = [_row(month=3, market="1234.50", costs="12", hours="2.25", reciprocal="yes")]

    response = _upload(founder, cafe, _csv(rows, delimiter=",", bom=True))

    assert response.status_code == 302
    assert _figures(cafe) == {(YEAR, 3): (D(12), D("2.25"), 0, True)}
    assert _revenue(cafe)[(3, "market", None)] == D("1234.50")


def test_import_xlsx_saves_the_months(cafe, district_office, founder):
    rows = [
        _row(month=5, office=800, market=1234.5, costs=99.99, hours=3.75, volunteers=2),
        _row(month=6, market="1.000,00", reciprocal=True),
    ]

    response = _upload(founder, cafe, _xlsx(rows), name="zahlen.xlsx")

    assert response.status_code == 302
    assert _figures(cafe) == {(YEAR, 5): (D("99.99"), D("3.75"), 2, False), (YEAR, 6): ZEROS_YES}
    assert _revenue(cafe)[(5, "public", district_office.pk)] == D(800)
    assert _revenue(cafe)[(5, "market", None)] == D("1234.5")
    assert _revenue(cafe)[(6, "market", None)] == D(1000)


def test_import_overwrites_a_saved_month_as_a_save_would(cafe, founder):
    services.save_month(cafe, YEAR, 1, month(market=10, costs=5), actor=founder, version=0)

    response = _upload(founder, cafe, _csv([_row(month=1, market="20")]))

    assert response.status_code == 302
    assert _figures(cafe) == {(YEAR, 1): (D(0), D(0), 0, False)}
    assert _revenue(cafe)[(1, "market", None)] == D(20)
    assert MonthFigures.objects.get(line=cafe).version == 2


def test_import_logs_each_changed_month_and_one_summary(cafe, founder):
    services.save_month(cafe, YEAR, 1, month(market=20), actor=founder, version=0)
    rows = [_row(month=1, market="20"), _row(month=2, market="30")]

    _upload(founder, cafe, _csv(rows), name="Zahlen 2004.csv")

    summary = ActivityLogEntry.objects.get(verb="economy.figures_imported")
    assert summary.data == {"file": "Zahlen 2004.csv", "rows": 2, "changed": 1}
    assert (summary.actor, summary.object_id) == (founder, str(cafe.initiative_id))
    saved = ActivityLogEntry.objects.filter(verb="economy.month_saved").order_by("pk")
    assert [entry.data["month"] for entry in saved] == [1, 2]


def test_import_takes_columns_in_any_order_and_keeps_clients_without_a_column(
    cafe, district_office, founder
):
    services.save_month(
        cafe, YEAR, 1, month(public={district_office: 70}), actor=founder, version=0
    )
    row = _row(month=1, market="5")

    content = _csv([row[5:] + row[:3]], headings=ENGLISH[5:] + ENGLISH[:3])
    response = _upload(founder, cafe, content)

    assert response.status_code == 302
    assert _revenue(cafe)[(1, "public", district_office.pk)] == D(70)
    assert _revenue(cafe)[(1, "market", None)] == D(5)


def test_import_queries_do_not_grow_with_the_rows(cafe, founder):
    """Up to the rows the database takes in one bulk insert (SQLite: about 60 months)."""

    def run(years: range) -> int:
        rows = [
            _row(year=year, month=n, market="5", costs="3") for year in years for n in range(1, 13)
        ]
        return count_queries(lambda: _upload(founder, cafe, _csv(rows)))

    run(range(1991, 1992))  # caches warmed
    one_year, four_years = run(range(2000, 2001)), run(range(2001, 2005))

    assert one_year == four_years


# ------------------------------------------------------------------------------------------
# Problems: nothing is imported


def test_bad_last_row_of_forty_names_row_column_and_problem_and_imports_nothing(lines, founder):
    cafe, _repairs = lines
    rows = [
        _row(line=line, year=year, month=number, market="10")
        for year in (2001, 2002)
        for line in ("Café", "Reparaturdienst")
        for number in range(1, 11)
    ]
    rows[-1] = _row(line="Reparaturdienst", year=2002, month=10, costs="-5")
    before = ActivityLogEntry.objects.count()

    response = _upload(founder, cafe, _csv(rows))

    assert response.status_code == 400
    assert _problems(response) == [Problem(41, "Costs", _de("The value cannot be negative."))]
    content = response.content.decode()
    assert _de("Nothing was imported.") in content
    assert '<th scope="row" class="numeric">41</th>' in content
    assert (MonthFigures.objects.count(), Revenue.objects.count()) == (0, 0)
    assert ActivityLogEntry.objects.count() == before


NOT_A_NUMBER = "“%(value)s” is not a number. Please write numbers like 1234,50 or 1.234,50."
MONTH_RANGE = "Please give the month as a number from 1 to 12."
WHOLE = "Please give the number of volunteers as a whole number, for example 3."
QUARTERS = "Please give volunteer hours in quarter hours, for example 2.25 or 2.5."


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("month", "13", MONTH_RANGE),
        ("month", "März", MONTH_RANGE),
        ("year", "1989", "Please give a year between %(first)s and %(last)s."),
        ("market", "viel", NOT_A_NUMBER),
        ("market", "12.34.5", NOT_A_NUMBER),
        ("market", "-1,00", "The value cannot be negative."),
        ("market", "1,005", "Please give at most two decimal places."),
        ("costs", "1000000000000", "This number is too large."),
        ("hours", "2,1", QUARTERS),
        ("volunteers", "2,5", WHOLE),
        ("reciprocal", "vielleicht", "Please write “%(yes)s” or “%(no)s”."),
    ],
)
def test_bad_cell_is_a_problem_of_its_row_and_column(cafe, founder, field, value, problem):
    params = {"first": 1990, "last": 2100, "value": value, "yes": _de("yes"), "no": _de("no")}

    response = _upload(founder, cafe, _csv([_row(**{"market": "1", field: value})]))

    assert response.status_code == 400
    assert _problems(response) == [Problem(2, HEADING[field], _de(problem) % params)]
    assert MonthFigures.objects.count() == 0


def test_many_problems_show_the_first_hundred_and_count_the_rest(cafe, founder):
    rows = [_row(month=13, market="1")] * (imports.SHOWN_PROBLEMS + 5)

    response = _upload(founder, cafe, _csv(rows))

    assert len(_problems(response)) == imports.SHOWN_PROBLEMS
    assert response.context["more_problems"] == 5
    more = _de_n(
        "The first %(shown)s problems are shown; there is %(more)s more.",
        "The first %(shown)s problems are shown; there are %(more)s more.",
        5,
    ) % {"shown": imports.SHOWN_PROBLEMS, "more": 5}
    assert more in response.content.decode()


def test_unknown_and_archived_lines_are_problems(cafe, repairs, founder):
    services.archive_line(repairs, actor=founder)
    rows = [
        _row(line="Kita", market="1"),
        _row(line="Reparaturdienst", market="1"),
        _row(line="café", month=2, market="1"),
    ]

    response = _upload(founder, cafe, _csv(rows))

    unknown = _de("This enterprise has no business line named “%(name)s”.")
    archived = _de("The business line “%(name)s” is archived and takes no new figures.")
    assert response.status_code == 400
    assert _problems(response) == [
        Problem(2, "Business line", unknown % {"name": "Kita"}),
        Problem(3, "Business line", archived % {"name": "Reparaturdienst"}),
    ]
    assert MonthFigures.objects.count() == 0


def test_public_client_of_another_line_is_a_problem_unless_empty_or_zero(lines, founder):
    cafe, _repairs = lines
    rows = [_row(month=1, centre="0"), _row(month=2, centre="100")]

    response = _upload(founder, cafe, _csv(rows))

    text = _de(
        "The business line “%(line)s” has no contract with this public client. "
        "Please leave the cell empty, or add the client to the line first."
    )
    assert _problems(response) == [Problem(3, HEADING["centre"], text % {"line": "Café"})]


def test_month_given_twice_is_a_problem(cafe, founder):
    rows = [_row(month=4, market="1"), _row(month=4, market="2")]

    response = _upload(founder, cafe, _csv(rows))

    text = _de("%(month)s %(year)s of “%(line)s” is already in row %(row)s.")
    expected = text % {"month": "April", "year": YEAR, "line": "Café", "row": 2}
    assert _problems(response) == [Problem(3, "Month", expected)]


CLOSED_FOR_STAFF = (
    "%(month)s %(year)s is closed: an import does not change it. Please correct "
    "it in the year table of “%(line)s”, with a reason."
)
CLOSED_FOR_FOUNDERS = (
    "%(month)s %(year)s is closed: an import does not change it. If the figures of "
    "“%(line)s” need a correction, please ask your advisor to correct them."
)


@pytest.mark.parametrize(
    ("persona", "text"),
    [
        ("founder", CLOSED_FOR_FOUNDERS),
        ("advisor", CLOSED_FOR_STAFF),
        ("manager", CLOSED_FOR_STAFF),
    ],
    indirect=["persona"],
)
def test_closed_month_is_not_changed_by_an_import(cafe, persona, text):
    services.save_month(cafe, YEAR, 3, month(market=10), actor=persona, version=0)
    ClosedMonth.objects.create(agency=cafe.agency, initiative=cafe.initiative, year=YEAR, month=3)
    rows = [_row(month=2, market="5"), _row(month=3, market="99")]

    response = _upload(persona, cafe, _csv(rows))

    assert response.status_code == 400
    assert _problems(response) == [
        Problem(3, "Month", _de(text) % {"month": "März", "year": YEAR, "line": "Café"})
    ]
    assert _revenue(cafe) == {(3, "market", None): D(10)}


def test_closed_month_that_holds_the_saved_figures_passes(cafe, founder):
    services.save_month(cafe, YEAR, 3, month(market=10, costs=4), actor=founder, version=0)
    ClosedMonth.objects.create(agency=cafe.agency, initiative=cafe.initiative, year=YEAR, month=3)
    rows = [_row(month=2, market="5"), _row(month=3, market="10,00", costs="4", reciprocal="nein")]

    response = _upload(founder, cafe, _csv(rows))

    assert response.status_code == 302
    assert _revenue(cafe) == {(2, "market", None): D(5), (3, "market", None): D(10)}
    assert MonthFigures.objects.get(line=cafe, month=3).version == 1
    saved = ActivityLogEntry.objects.filter(verb__startswith="economy.month_")
    assert [(entry.verb, entry.data["month"]) for entry in saved.order_by("pk")] == [
        ("economy.month_saved", 3),
        ("economy.month_saved", 2),
    ]


def test_month_closed_after_the_dry_run_rejects_the_whole_file(cafe, founder):
    content = _csv([_row(month=1, market="5"), _row(month=2, costs="6")])
    client = client_for(founder)
    checked = _dry_run(founder, cafe, content, client=client)
    ClosedMonth.objects.create(agency=cafe.agency, initiative=cafe.initiative, year=YEAR, month=2)

    data = {"checksum": checked.context["confirm"].initial["checksum"], "apply": "1"}
    response = client.post(
        _url("import", cafe), {"file": SimpleUploadedFile("z.csv", content), **data}
    )

    text = _de(CLOSED_FOR_FOUNDERS) % {"month": "Februar", "year": YEAR, "line": "Café"}
    assert response.status_code == 400
    assert _problems(response) == [Problem(3, "Month", text)]
    assert (MonthFigures.objects.count(), Revenue.objects.count()) == (0, 0)
    assert not ActivityLogEntry.objects.filter(
        verb__in=["economy.month_saved", "economy.figures_imported"]
    ).exists()


def test_missing_unknown_and_repeated_columns_are_problems_of_row_one(cafe, founder):
    headings = [*ENGLISH[:-1], "Bemerkung", "Year"]

    response = _upload(founder, cafe, _csv([_row()], headings=headings))

    assert _problems(response) == [
        Problem(1, "Bemerkung", _de("Unknown column. Please use the template.")),
        Problem(1, "Year", _de("This column appears twice.")),
        Problem(1, _de("Reciprocal work"), _de("This column is missing.")),
    ]


def test_file_that_is_a_png_named_csv_is_refused(cafe, founder):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)

    response = _upload(founder, cafe, png, name="zahlen.csv")

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [_unreadable()]
    assert _de("Nothing was imported.") in response.content.decode()


def test_csv_in_a_windows_encoding_is_refused(cafe, founder):
    content = _csv([_row(line="Café")]).decode().encode("cp1252")

    response = _upload(founder, cafe, content)

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [_unreadable()]


def test_zip_that_is_no_workbook_is_refused(cafe, founder):
    handle = io.BytesIO()
    with zipfile.ZipFile(handle, "w") as archive:
        archive.writestr("notiz.txt", "keine Tabelle")

    response = _upload(founder, cafe, handle.getvalue(), name="zahlen.xlsx")

    expected = _de("This file could not be read as an Excel workbook (XLSX).")
    assert (response.status_code, response.context["form"].errors["file"]) == (400, [expected])


def test_too_large_file_is_refused(cafe, founder):
    content = _csv([_row()]) + b" " * imports.MAX_BYTES

    response = _upload(founder, cafe, content)

    text = _de("The file is too large: at most %(max)s are allowed.")
    expected = text % {"max": filesizeformat(imports.MAX_BYTES)}
    assert (response.status_code, response.context["form"].errors["file"]) == (400, [expected])


def test_file_with_too_many_rows_is_refused(cafe, founder):
    rows = [_row(month=1)] * (imports.MAX_ROWS + 1)

    response = _upload(founder, cafe, _csv(rows))

    text = _de("The file has more than %(max)s rows of figures. Please split it.")
    expected = text % {"max": "10.000"}
    assert (response.status_code, response.context["form"].errors["file"]) == (400, [expected])


def test_empty_file_and_headings_only_are_refused(cafe, founder):
    empty = _upload(founder, cafe, b"")
    headings_only = _upload(founder, cafe, _csv([]))

    assert (empty.status_code, headings_only.status_code) == (400, 400)
    assert MonthFigures.objects.count() == 0


# ------------------------------------------------------------------------------------------
# The page and the template


def test_import_page_explains_the_columns_and_links_the_templates(lines, founder):
    cafe, _repairs = lines

    response = client_for(founder).get(_url("import", cafe))

    assert response.status_code == 200
    assert [column.heading for column in response.context["columns"]] == GERMAN
    content = response.content.decode()
    assert _url("import_template", cafe, fmt="csv") in content
    assert _url("import_template", cafe, fmt="xlsx") in content
    assert '<th scope="row">Geschäftszweig</th>' in content


def test_import_page_offers_the_template_per_year_and_explains_the_round_trip(saved_year, founder):
    cafe, _repairs = saved_year

    response = client_for(founder).get(_url("import", cafe))

    content = response.content.decode()
    assert f'action="{_url("import_template", cafe, fmt="xlsx")}"' in content
    assert f'formaction="{_url("import_template", cafe, fmt="csv")}"' in content
    assert response.context["template_form"]["year"].value() == YEAR
    assert 'name="year" value="2004" min="1990" max="2100"' in content
    explained = (
        "The file holds the figures already saved; change or fill in what you need and "
        "upload it again. Rows you leave empty are skipped."
    )
    assert _de(explained) in content
    assert _de("Years with figures: %(years)s.") % {"years": "2003, 2004"} in content


@pytest.mark.parametrize(
    ("persona", "text"),
    [
        (
            "founder",
            "Closed months may stay in the file as they are saved, but an import does not "
            "change them: if one needs a correction, please ask your advisor.",
        ),
        (
            "advisor",
            "Closed months may stay in the file as they are saved, but an import does not "
            "change them: correct them in the year table, with a reason.",
        ),
    ],
    indirect=["persona"],
)
def test_import_page_says_who_corrects_closed_months(cafe, persona, text):
    response = client_for(persona).get(_url("import", cafe))

    assert _de(text) in response.content.decode()


def test_enterprise_page_links_the_import_for_those_who_enter_figures(cafe, founder, evaluator):
    link = _url("import", cafe)

    for_founder = client_for(founder).get(_url("enterprise", cafe)).content.decode()
    for_evaluator = client_for(evaluator).get(_url("enterprise", cafe)).content.decode()

    assert (link in for_founder, link in for_evaluator) == (True, False)


@pytest.fixture
def saved_year(lines, district_office, job_centre, founder, advisor) -> tuple:
    """Figures of 2004: the café in January (closed) and March, the repair service in
    February; and December 2003 of the café, which the template of 2004 leaves out."""
    cafe, repairs = lines
    january = month(
        public={district_office: 800},
        market="1234.5",
        costs=2000,
        hours="20.5",
        volunteers=4,
        reciprocal=True,
    )
    services.save_month(cafe, YEAR, 1, january, actor=founder, version=0)
    services.save_month(cafe, YEAR, 3, month(market=10), actor=founder, version=0)
    february = month(public={job_centre: 1500}, donations=50)
    services.save_month(repairs, YEAR, 2, february, actor=founder, version=0)
    services.save_month(cafe, YEAR - 1, 12, month(market=99), actor=founder, version=0)
    services.close_month(cafe.initiative, YEAR, 1, actor=advisor)
    return cafe, repairs


# The saved months of `saved_year` as the template writes them (German CSV, and XLSX).
SAVED_CSV = {
    ("Café", 1): ["800,00", "", "1234,50", "0,00", "0,00", "2000,00", "20,50", "4", "ja"],
    ("Café", 3): ["0,00", "", "10,00", "0,00", "0,00", "0,00", "0,00", "0", "nein"],
    ("Reparaturdienst", 2): ["", "1500,00", "0,00", "0,00", "50,00", "0,00", "0,00", "0", "nein"],
}
SAVED_XLSX = {
    ("Café", 1): [800, None, 1234.5, 0, 0, 2000, 20.5, 4, "ja"],
    ("Café", 3): [0, None, 10, 0, 0, 0, 0, 0, "nein"],
    ("Reparaturdienst", 2): [None, 1500, 0, 0, 50, 0, 0, 0, "nein"],
}


def _template_rows(saved: dict, *, as_text: bool, year: int = YEAR) -> list[list]:
    """The template's rows: a row per line and month, `saved` filled in, the others empty."""
    empty = "" if as_text else None
    rows = []
    for line in ("Café", "Reparaturdienst"):
        for number in range(1, 13):
            period = [line, str(year), str(number)] if as_text else [line, year, number]
            rows.append(period + saved.get((line, number), [empty] * 9))
    return rows


def _download(user, line, fmt: str = "csv", **query):
    return client_for(user).get(_url("import_template", line, fmt=fmt), query)


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def _read(content: bytes, fmt: str) -> list[list]:
    """The rows of a downloaded template."""
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def _edited(content: bytes, fmt: str, row: int, column: int, value) -> bytes:
    """`content` with one cell changed (row and column counted from 1, as a spreadsheet does)."""
    if fmt == "csv":
        rows = _read(content, fmt)
        rows[row - 1][column - 1] = value
        return _csv(rows[1:], headings=rows[0])
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    workbook.worksheets[0].cell(row, column).value = value
    handle = io.BytesIO()
    workbook.save(handle)
    return handle.getvalue()


def _state() -> tuple:
    """Everything an import may change: figures with versions, revenue, the activity log."""
    figures = MonthFigures.objects.order_by("pk").values_list(
        "line_id", "year", "month", "costs", "volunteer_hours", "volunteers", "reciprocal"
    )
    versions = MonthFigures.objects.order_by("pk").values_list("version", "updated_at")
    revenue = Revenue.objects.order_by("pk").values_list("line_id", "month", "source", "amount")
    log = ActivityLogEntry.objects.order_by("pk").values_list("pk", "verb")
    return list(figures), list(versions), list(revenue), list(log)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


NOTHING_CHANGED = "Nothing has changed: the file holds no figures that differ from those saved."
SKIPPED = ("%(count)d empty row was skipped.", "%(count)d empty rows were skipped.")


@freeze_time("2024-05-15")
def test_template_csv_holds_the_saved_figures_of_the_year(saved_year, founder):
    cafe, _repairs = saved_year

    response = _download(founder, cafe, "csv", year=YEAR)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="figures-2004-as-of-2024-05-15.csv"'
    )
    assert _read(_content(response), "csv") == [
        GERMAN,
        *_template_rows(SAVED_CSV, as_text=True),
    ]


def test_template_xlsx_holds_the_saved_figures_as_numbers(saved_year, founder):
    cafe, _repairs = saved_year

    response = _download(founder, cafe, "xlsx", year=YEAR)

    assert response.status_code == 200
    assert _read(_content(response), "xlsx") == [
        GERMAN,
        *_template_rows(SAVED_XLSX, as_text=False),
    ]


def test_template_leaves_out_archived_lines_and_clients_of_other_lines(saved_year, founder):
    cafe, repairs = saved_year
    services.archive_line(repairs, actor=founder)

    rows = _read(_content(_download(founder, cafe, "csv", year=YEAR)), "csv")

    assert rows[0] == [heading for heading in GERMAN if CENTRE not in heading]
    assert [row[:3] for row in rows[1:]] == [["Café", "2004", str(n)] for n in range(1, 13)]
    assert rows[1][3:] == [
        value for index, value in enumerate(SAVED_CSV[("Café", 1)]) if index != 1
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_uploaded_unchanged_changes_nothing(saved_year, founder, fmt):
    cafe, _repairs = saved_year
    content = _content(_download(founder, cafe, fmt, year=YEAR))
    before = _state()

    response = _upload(founder, cafe, content, name=f"zahlen.{fmt}")

    assert (response.status_code, response["Location"]) == (302, _url("enterprise", cafe))
    assert _state() == before
    assert _messages(response) == [f"{_de(NOTHING_CHANGED)} {_de_n(*SKIPPED, 21) % {'count': 21}}"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_with_one_changed_cell_changes_exactly_that_month(saved_year, founder, fmt):
    cafe, repairs = saved_year
    content = _content(_download(founder, cafe, fmt, year=YEAR))
    figures, revenue = _figures(repairs), _revenue(repairs)
    versions = dict(MonthFigures.objects.values_list("pk", "version"))
    march = MonthFigures.objects.get(line=cafe, year=YEAR, month=3).pk
    market = GERMAN.index("Markterlöse") + 1
    last = ActivityLogEntry.objects.latest("pk").pk

    changed = _edited(content, fmt, row=4, column=market, value="12,50" if fmt == "csv" else 12.5)
    response = _upload(founder, cafe, changed, name=f"zahlen.{fmt}")

    assert response.status_code == 302
    assert _revenue(cafe)[(3, "market", None)] == D("12.5")
    assert (_figures(repairs), _revenue(repairs)) == (figures, revenue)
    assert dict(MonthFigures.objects.values_list("pk", "version")) == versions | {march: 2}
    entries = ActivityLogEntry.objects.filter(pk__gt=last).order_by("pk")
    assert [(entry.verb, entry.data.get("month")) for entry in entries] == [
        ("economy.month_saved", 3),
        ("economy.figures_imported", None),
    ]
    assert entries.get(verb="economy.figures_imported").data == {
        "file": f"zahlen.{fmt}",
        "rows": 3,
        "changed": 1,
    }
    text = _de_n(*IMPORTED, 3)
    skipped = _de_n(*SKIPPED, 21) % {"count": 21}
    assert _messages(response) == [f"{text % {'count': 3, 'changed': 1}} {skipped}"]


@pytest.mark.parametrize(
    ("persona", "text"),
    [("founder", CLOSED_FOR_FOUNDERS), ("advisor", CLOSED_FOR_STAFF)],
    indirect=["persona"],
)
def test_template_with_a_changed_closed_month_is_rejected(saved_year, persona, text):
    cafe, _repairs = saved_year
    content = _content(_download(persona, cafe, "csv", year=YEAR))
    costs = GERMAN.index("Kosten") + 1
    content = _edited(content, "csv", row=2, column=costs, value="2100")  # closed January
    content = _edited(content, "csv", row=4, column=costs, value="5")  # open March
    before = _state()

    response = _upload(persona, cafe, content)

    expected = _de(text) % {"month": "Januar", "year": YEAR, "line": "Café"}
    assert response.status_code == 400
    assert _problems(response) == [Problem(2, "Monat", expected)]
    assert _state() == before


def test_rows_whose_figure_cells_are_all_empty_are_skipped(cafe, founder):
    rows = [
        _row(month=1),
        _row(month=2, market="5"),
        _row(line="Kita", month=13),  # nothing to import: not checked either
        _row(month=4, reciprocal=" "),
    ]
    before = ActivityLogEntry.objects.count()

    response = _upload(founder, cafe, _csv(rows))

    assert response.status_code == 302
    assert _figures(cafe) == {(YEAR, 2): (D(0), D(0), 0, False)}
    assert ActivityLogEntry.objects.count() == before + 2  # month_saved and the summary
    text = _de_n(*IMPORTED, 1)
    assert _messages(response) == [
        f"{text % {'count': 1, 'changed': 1}} {_de_n(*SKIPPED, 3) % {'count': 3}}"
    ]


def test_file_of_empty_rows_only_changes_nothing_and_logs_nothing(cafe, founder):
    content = _content(_download(founder, cafe, "csv", year=2010))
    before = ActivityLogEntry.objects.count()

    response = _upload(founder, cafe, content)

    assert response.status_code == 302
    assert (MonthFigures.objects.count(), Revenue.objects.count()) == (0, 0)
    assert ActivityLogEntry.objects.count() == before
    assert _messages(response) == [f"{_de(NOTHING_CHANGED)} {_de_n(*SKIPPED, 12) % {'count': 12}}"]


def test_explicit_zeros_for_a_month_without_figures_save_it_as_zero(cafe, founder):
    response = _upload(founder, cafe, _csv([_row(month=7, market="0")]))

    assert response.status_code == 302
    assert _figures(cafe) == {(YEAR, 7): (D(0), D(0), 0, False)}
    assert ActivityLogEntry.objects.get(verb="economy.figures_imported").data["changed"] == 1


def test_template_year_defaults_to_the_latest_year_with_figures(saved_year, founder):
    cafe, _repairs = saved_year

    rows = _read(_content(_download(founder, cafe, "csv")), "csv")

    assert {row[1] for row in rows[1:]} == {str(YEAR)}
    assert rows[1:] == _template_rows(SAVED_CSV, as_text=True)


@freeze_time("2024-12-31 23:30:00")  # UTC: in Berlin it is 2025 already
def test_template_year_without_figures_is_the_current_year_in_berlin(lines, founder):
    cafe, _repairs = lines

    rows = _read(_content(_download(founder, cafe, "csv", year="")), "csv")

    assert rows[1:] == _template_rows({}, as_text=True, year=2025)


@pytest.mark.parametrize("year", ["1989", "2101", "zwanzig", "2004.5"])
def test_template_year_out_of_range_or_not_a_number_shows_the_page_with_the_error(
    cafe, founder, year
):
    response = _download(founder, cafe, "xlsx", year=year)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert list(response.context["template_form"].errors) == ["year"]
    assert 'id="id_year_error"' in response.content.decode()
    assert MonthFigures.objects.count() == 0


def test_template_of_another_year_holds_that_year(saved_year, founder):
    cafe, _repairs = saved_year

    rows = _read(_content(_download(founder, cafe, "xlsx", year=YEAR - 1)), "xlsx")

    assert len(rows) == 1 + 24
    assert rows[12] == ["Café", YEAR - 1, 12, 0, None, 99, 0, 0, 0, 0, 0, "nein"]
    assert rows[1:12] == [["Café", YEAR - 1, n, *[None] * 9] for n in range(1, 12)]


def test_template_queries_do_not_grow_with_lines_and_months(lines, founder, manager):
    cafe, repairs = lines

    def download() -> int:
        return count_queries(lambda: _content(_download(founder, cafe, "xlsx", year=YEAR)))

    services.save_month(cafe, YEAR, 1, month(market=1), actor=founder, version=0)
    download()  # caches warmed
    one = download()
    for number in range(2, 13):
        for line in (cafe, repairs):
            services.save_month(line, YEAR, number, month(costs=number), actor=founder, version=0)
    category = cafe.service
    services.add_line(cafe.initiative, actor=manager, name="Kita", service=category)

    assert download() == one


def test_template_in_another_format_is_404(cafe, founder):
    response = client_for(founder).get(_url("import_template", cafe, fmt="ods"))

    assert response.status_code == 404


# ------------------------------------------------------------------------------------------
# Who may import (the persona matrix is in matrix_import.py)


def test_import_is_404_for_a_founder_of_another_enterprise(cafe, other_founder):
    page = client_for(other_founder).get(_url("import", cafe))
    sent = _upload(other_founder, cafe, _csv([_row(market="5")]))

    assert (page.status_code, sent.status_code) == (404, 404)
    assert MonthFigures.objects.count() == 0


def test_import_is_refused_to_the_evaluator(cafe, evaluator):
    response = _upload(evaluator, cafe, _csv([_row(market="5")]))

    assert response.status_code == 403
    assert MonthFigures.objects.count() == 0


# ------------------------------------------------------------------------------------------
# The dry run, and files of many chunks


def test_dry_run_counts_and_lists_the_changes_and_saves_nothing(cafe, founder):
    services.save_month(cafe, YEAR, 1, month(market=20, costs=5), actor=founder, version=0)
    services.save_month(cafe, YEAR, 2, month(market=30), actor=founder, version=0)
    rows = [
        _row(month=1, market="20", costs="5"),  # as saved
        _row(month=2, market="35,5"),  # changed
        _row(month=3, costs="7", reciprocal="ja"),  # new
        _row(month=4),  # no figures: skipped
    ]
    before = ActivityLogEntry.objects.count()

    response = _dry_run(founder, cafe, _csv(rows))

    plan = response.context["plan"]
    assert response.status_code == 200
    assert plan.counts == {"create": 1, "change": 1, "unchanged": 1}
    assert [(row.row, row.ref, row.name, row.action) for row in plan.rows] == [
        (3, "Café", "Februar 2004", "change"),
        (4, "Café", "März 2004", "create"),
    ]
    assert [(c.field, c.old, c.new) for c in plan.rows[0].changes] == [
        (_de("Market sales"), "30,00", "35,50")
    ]
    assert [(c.field, c.new) for c in plan.rows[1].changes] == [
        (_de("Costs"), "7,00"),
        (_de("Reciprocal work"), _de("yes")),
    ]
    content = response.content.decode()
    assert 'id="import-plan"' in content
    assert _de_n("One row without figures will be skipped.", "", 1) in content
    assert _revenue(cafe) == {(1, "market", None): D(20), (2, "market", None): D(30)}
    assert ActivityLogEntry.objects.count() == before


def test_dry_run_names_a_public_client_by_its_column(cafe, district_office, founder):
    response = _dry_run(founder, cafe, _csv([_row(month=1, office="800")]))

    [planned] = response.context["plan"].rows
    heading = _de("Public contracts: %(client)s") % {"client": OFFICE}
    assert [(c.field, c.old, c.new) for c in planned.changes] == [(heading, "0,00", "800,00")]


def test_dry_run_lists_the_first_rows_and_counts_the_rest(cafe, founder):
    rows = [_row(year=year, month=n, costs="1") for year in range(1991, 2011) for n in range(1, 13)]

    response = _dry_run(founder, cafe, _csv(rows))

    plan = response.context["plan"]
    assert plan.counts["create"] == 240
    assert len(plan.rows) == reading.SHOWN_ROWS
    assert plan.more == 240 - reading.SHOWN_ROWS
    text = _de_n(
        "One more new or changed row is not listed.",
        "%(count)s more new or changed rows are not listed.",
        plan.more,
    )
    assert text % {"count": plan.more} in response.content.decode()


@pytest.mark.parametrize("bad", ["png", "row"])
def test_file_sent_to_import_without_a_dry_run_is_still_checked(cafe, founder, bad):
    """The import reads the file itself (the form reads it for the dry run only): a file sent
    straight with "Import" and its own checksum is refused whole, with its problems."""
    content = (
        b"\x89PNG\r\n\x1a\n" + bytes(64)
        if bad == "png"
        else _csv([_row(month=1, market="5"), _row(month=2, costs="-1")])
    )
    data = {"checksum": hashlib.sha256(content).hexdigest(), "apply": "1"}

    response = client_for(founder).post(
        _url("import", cafe), {"file": SimpleUploadedFile("z.csv", content), **data}
    )

    assert response.status_code == 400
    assert response.context["problems"]
    assert (MonthFigures.objects.count(), Revenue.objects.count()) == (0, 0)


def test_file_other_than_the_one_checked_is_not_imported(cafe, founder):
    client = client_for(founder)
    checked = _dry_run(founder, cafe, _csv([_row(month=1, market="5")]), client=client)
    other = SimpleUploadedFile("z.csv", _csv([_row(month=1, market="500")]))
    data = {"checksum": checked.context["confirm"].initial["checksum"], "apply": "1"}

    response = client.post(_url("import", cafe), {"file": other, **data})

    assert response.status_code == 200
    assert response.context["confirm"].changed_file
    assert response.context["plan"].rows[0].changes[0].new == "500,00"
    assert not MonthFigures.objects.exists()


def _years_of_rows(first: int, last: int, **cells) -> list[list]:
    return [
        _row(year=year, month=n, **cells) for year in range(first, last + 1) for n in range(1, 13)
    ]


def test_import_of_several_chunks_saves_every_month_with_its_rate(cafe, founder):
    ValuationRate.objects.create(agency=cafe.agency, year=2001, rate=D("15.00"), method="own")
    rows = _years_of_rows(1991, 2090, market="3", hours="1,5")  # 1,200 rows
    assert len(rows) > 2 * reading.CHUNK

    response = _upload(founder, cafe, _csv(rows))

    assert response.status_code == 302
    saved = MonthFigures.objects.filter(line=cafe)
    assert saved.count() == Revenue.objects.filter(line=cafe).count() == 1_200
    assert saved.get(year=2001, month=5).hour_rate == D("15.00")
    assert saved.get(year=2024, month=5).hour_rate == D("12.41")  # the minimum wage
    assert saved.get(year=1991, month=5).hour_rate is None
    assert {row.version for row in saved} == {1}
    assert ActivityLogEntry.objects.filter(verb="economy.month_saved").count() == 1_200


def test_bad_row_near_the_end_of_a_long_file_leaves_the_database_unchanged(cafe, founder):
    """The issue's file of 10,000 rows with row 9,999 broken, at a smaller size: the chunks
    before the broken row are written, then all rolled back."""
    services.save_month(cafe, 1995, 1, month(market=1), actor=founder, version=0)
    rows = _years_of_rows(1991, 2090, market="3")
    rows[-2] = _row(year=2090, month=11, market="drei")
    state = (_figures(cafe), _revenue(cafe), ActivityLogEntry.objects.count())
    file = SimpleUploadedFile("z.csv", _csv(rows))

    with pytest.raises(imports.Rejected) as rejected:
        imports.import_file(cafe.initiative, file, actor=founder, file_name="z.csv")

    [problem] = rejected.value.problems
    assert (problem.row, problem.column) == (1_200, "Market sales")
    assert (_figures(cafe), _revenue(cafe), ActivityLogEntry.objects.count()) == state


def test_import_logs_each_month_as_a_save_of_the_month_would(cafe, district_office, founder):
    services.save_month(cafe, YEAR, 1, month(market=20, costs=5), actor=founder, version=0)
    rows = [_row(month=1, market="25", office="7", costs="5", volunteers="2")]

    _upload(founder, cafe, _csv(rows))
    services.save_month(
        cafe,
        YEAR,
        1,
        month(market=30, costs=5, volunteers=2, public={district_office: 7}),
        actor=founder,
        version=2,
    )

    imported, saved = ActivityLogEntry.objects.filter(verb="economy.month_saved").order_by("pk")[1:]
    assert imported.data == {
        "year": YEAR,
        "month": 1,
        "changes": {
            "volunteers": ["0", "2"],
            f"public:{district_office.pk}": ["0.00", "7.00"],
            "market": ["20.00", "25.00"],
        },
    }
    assert (imported.actor, imported.object_id) == (founder, str(cafe.pk))
    assert saved.data["changes"] == {"market": ["25.00", "30.00"]}
