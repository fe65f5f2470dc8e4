"""Fuzzing the file imports (an enterprise's monthly figures, a grant's spending) with CSV
files whose cells, encoding and delimiter vary, and with bytes that are no CSV at all: either
the whole file is saved (302) or nothing is and the page names the problems (400), never a
server error, never part of a file."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from kiezwerk.economy.imports import MAX_BYTES, template_columns
from kiezwerk.economy.models import MonthFigures, Revenue
from kiezwerk.funding.enums import CostCategory
from kiezwerk.funding.models import Spending
from tests.conftest import client_for
from tests.funding.grants import grant_with_figures
from tests.fuzz.conftest import YEAR
from tests.fuzz.strategies import FUZZ, NUMBER_TEXTS, decimals_text, rolled_back, texts

VALID, FUZZED = "valid", "fuzzed"
# (encoding, delimiter): the first four are what the imports read.
FORMATS = [
    ("utf-8", ";"),
    ("utf-8-sig", ";"),
    ("utf-8", ","),
    ("utf-8-sig", ","),
    ("utf-8", "\t"),
    ("utf-16", ";"),
    ("cp1252", ";"),
]
NOT_CSV = [
    b"",
    b"\xff\xfe\x00\x00",
    b"PK\x03\x04 not really a workbook",
    b"%PDF-1.7\n",
    b"\x00" * 64,
    b"a;b\n" * 10,
    b"x" * (MAX_BYTES + 1),
]

amounts = st.decimals(min_value=0, max_value=10**6, places=2)


def _written(amount: Decimal) -> st.SearchStrategy[str]:
    """An amount as people write it: plain, or German with or without thousands dots."""
    german = f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return st.sampled_from([f"{amount:.2f}", german, german.replace(".", "")])


# A cell edit: (VALID, text, amount) or (FUZZED, text, None).
valid_cell = amounts.flatmap(lambda a: _written(a).map(lambda text: (VALID, text, a)))
fuzzed_cell = st.one_of(decimals_text(), st.sampled_from(NUMBER_TEXTS), texts(60)).map(
    lambda text: (FUZZED, text, None)
)
cell = st.one_of(valid_cell, valid_cell, fuzzed_cell)


def _csv(rows: list[list[str]], encoding: str, delimiter: str) -> bytes:
    handle = io.StringIO()
    csv.writer(handle, delimiter=delimiter).writerows(rows)
    return handle.getvalue().encode(encoding, errors="replace")


def _upload(user, url: str, content: bytes):
    """Send the file; after a clean dry run (the figures import), import it."""
    client = client_for(user)
    response = client.post(url, {"file": SimpleUploadedFile("datei.csv", content)})
    confirm = response.context and response.context.get("confirm")
    if response.status_code == 200 and confirm:
        data = {"checksum": confirm.initial["checksum"], "apply": "1"}
        response = client.post(url, {"file": SimpleUploadedFile("datei.csv", content), **data})
    return response


def _check(response, before, after) -> bool:
    """True when the file was saved; else nothing changed and the page says why."""
    event(f"status {response.status_code}")
    if response.status_code == 302:
        return True
    assert response.status_code == 400
    assert after == before
    assert response.context["form"].errors or response.context["problems"]
    return False


# ------------------------------------------------------------------------------------------
# An enterprise's monthly figures: the template of a year, with cells edited


MONEY = ["market", "grants", "donations", "costs"]
EDITS = st.dictionaries(
    st.tuples(st.integers(0, 11), st.sampled_from(MONEY)), cell, min_size=1, max_size=8
)
# Any column, the line, year and month too, fuzzed.
FUZZ_ANYWHERE = st.dictionaries(st.tuples(st.integers(0, 11), st.integers(0, 12)), fuzzed_cell)


def _figure_state(line) -> tuple[dict, dict]:
    figures = {
        (row.year, row.month): (row.costs, row.volunteer_hours, row.volunteers, row.reciprocal)
        for row in MonthFigures.objects.filter(line=line)
    }
    revenue = {
        (row.year, row.month, row.source, row.client_id): row.amount
        for row in Revenue.objects.filter(line=line)
    }
    return figures, revenue


def _template(line, edits: dict, anywhere: dict) -> tuple[list[list[str]], dict]:
    """The year's template with the edits made; the valid edits left standing, by month and
    column (those of rows whose line, year or month is fuzzed, or that a fuzzed cell
    overwrote, are left out)."""
    columns, _lines = template_columns(line.initiative)
    keys = [column.key for column in columns]
    rows = [[line.name, str(YEAR), str(month)] + [""] * (len(keys) - 3) for month in range(1, 13)]
    for (row, key), (_kind, text, _amount) in edits.items():
        rows[row][keys.index(key)] = text
    for (row, index), (_kind, text, _amount) in anywhere.items():
        if index < len(keys):
            rows[row][index] = text
    touched = {row for row, index in anywhere if index < 3}
    hit = {(row, keys[index]) for row, index in anywhere if index < len(keys)}
    kept = {
        (row + 1, key): amount
        for (row, key), (kind, _text, amount) in edits.items()
        if kind == VALID and row not in touched and (row, key) not in hit
    }
    return [[column.heading for column in columns], *rows], kept


def _holds(line, kept: dict) -> None:
    figures, revenue = _figure_state(line)
    for (month, key), amount in kept.items():
        if key == "costs":
            assert figures[(YEAR, month)][0] == amount
        else:
            assert revenue.get((YEAR, month, key, None), Decimal(0)) == amount


@FUZZ
@given(
    edits=EDITS,
    anywhere=st.just({}) | FUZZ_ANYWHERE,
    file_format=st.sampled_from(FORMATS[:4]) | st.sampled_from(FORMATS),
)
@example(
    edits={(0, "market"): (VALID, "1.234,50", Decimal("1234.50"))},
    anywhere={},
    file_format=FORMATS[0],
)
def test_figures_import_saves_the_whole_file_or_nothing(
    line, founder, edits, anywhere, file_format
):
    rows, kept = _template(line, edits, anywhere)
    url = reverse("economy:import", kwargs={"slug": "kiez", "pk": line.initiative_id})

    with rolled_back():
        before = _figure_state(line)
        response = _upload(founder, url, _csv(rows, *file_format))
        if _check(response, before, _figure_state(line)):
            _holds(line, kept)
            for row in [
                *MonthFigures.objects.filter(line=line),
                *Revenue.objects.filter(line=line),
            ]:
                row.full_clean()


@FUZZ
@given(content=st.sampled_from(NOT_CSV) | st.binary(max_size=400))
def test_figures_import_refuses_what_is_no_table(line, founder, content):
    url = reverse("economy:import", kwargs={"slug": "kiez", "pk": line.initiative_id})

    with rolled_back():
        before = _figure_state(line)
        response = _upload(founder, url, content)

        assert not _check(response, before, _figure_state(line))


# ------------------------------------------------------------------------------------------
# A grant's spending: rows of year, month, cost category, amount and note


@pytest.fixture
def grant(agency, manager):
    """January 2003 to December 2004, with spending saved (tests/funding/grants.py)."""
    return grant_with_figures(agency, manager)


valid_spending = st.fixed_dictionaries(
    {
        "year": st.sampled_from(["2003", "2004"]),
        "month": st.integers(1, 12).map(str),
        "category": st.sampled_from(CostCategory.values + [str(c.label) for c in CostCategory]),
        "amount": valid_cell,
        "note": st.sampled_from(["", "Gehälter", '=HYPERLINK("https://example.org")']),
    }
)
# None, one or several cells of the row replaced by fuzz.
fuzzed_spending = st.fixed_dictionaries(
    {},
    optional={
        "year": st.sampled_from(["2002", "2005", "0", "-1", "20O3", "1e3"]) | texts(20),
        "month": st.sampled_from(["0", "13", "1.5", "Januar"]) | texts(20),
        "category": texts(40),
        "amount": fuzzed_cell,
        "note": texts(300),
    },
)
spending_row = st.builds(lambda valid, bad: valid | bad, valid_spending, fuzzed_spending)


def _spending_state(grant) -> dict:
    return {
        (row.category, row.year, row.month): (row.amount, row.note)
        for row in Spending.objects.filter(grant=grant)
    }


def _spending_file(rows: list[dict], headings: list[str]) -> list[list]:
    cells = [
        [row["year"], row["month"], row["category"], row["amount"][1], row["note"]] for row in rows
    ]
    return [headings, *cells]


@FUZZ
@given(
    rows=st.lists(valid_spending, max_size=8) | st.lists(spending_row, max_size=8),
    file_format=st.sampled_from(FORMATS[:4]) | st.sampled_from(FORMATS),
    headings=st.sampled_from(
        [
            ["Jahr", "Monat", "Kostenkategorie", "Betrag", "Notiz"],
            ["Year", "Month", "Cost category", "Amount", "Note"],
            ["Year", "Month", "Cost category", "Amount"],
            ["Year", "Year", "Cost category", "Amount", "Note"],
            ["Jahr", "Monat", "Betrag"],
            ["", "", "", "", ""],
        ]
    ),
)
def test_spending_import_saves_the_whole_file_or_nothing(
    grant, manager, rows, file_format, headings
):
    url = reverse("funding:spending_import", kwargs={"slug": "kiez", "pk": grant.pk})

    with rolled_back():
        before = _spending_state(grant)
        response = _upload(manager, url, _csv(_spending_file(rows, headings), *file_format))
        if _check(response, before, _spending_state(grant)):
            saved = _spending_state(grant)
            assert {key: saved[key][0] for key in _valid_rows(rows)} == _valid_rows(rows)
            for row in Spending.objects.filter(grant=grant):
                row.full_clean()


def _valid_rows(rows: list[dict]) -> dict:
    """{(category, year, month): amount} of the rows that were not fuzzed."""
    categories = {
        **{str(c.label): c.value for c in CostCategory},
        **dict.fromkeys(CostCategory.values),
    }
    categories = {label: value or label for label, value in categories.items()}
    return {
        (categories[row["category"]], int(row["year"]), int(row["month"])): row["amount"][2]
        for row in rows
        if row["amount"][0] == VALID
        and row["category"] in categories
        and row["year"] in ("2003", "2004")
        and row["month"] in [str(month) for month in range(1, 13)]
    }


@FUZZ
@given(content=st.sampled_from(NOT_CSV) | st.binary(max_size=400))
def test_spending_import_refuses_what_is_no_table(grant, manager, content):
    url = reverse("funding:spending_import", kwargs={"slug": "kiez", "pk": grant.pk})

    with rolled_back():
        before = _spending_state(grant)
        response = _upload(manager, url, content)

        assert not _check(response, before, _spending_state(grant))
