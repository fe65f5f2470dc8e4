"""Importing positions from a file: the template, the dry run, the import (idempotent, all or
nothing), the row checks of the web form, the advisor's neighbourhoods, the log, query counts."""

import datetime as dt
import io
import math
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy import services as economy
from kiezwerk.jobs import services
from kiezwerk.jobs.imports import COLUMNS
from kiezwerk.jobs.models import Position
from tests.conftest import client_for, count_queries
from tests.factories import InitiativeFactory, NeedCategoryFactory
from tests.jobs.positions import position

CAFE = "Nachbarschaftscafé Boxhagen"  # the `initiative` of tests/conftest.py
HEADINGS = [column.heading for column in COLUMNS]
ROW = {
    "external_ref": "S-1",
    "enterprise": CAFE,
    "title": "Köchin",
    "contract_type": "part_time",
    "instrument": "",
    "instrument_note": "",
    "weekly_hours": "19,5",
    "full_time_hours": "40",
    "start_date": "01.03.2024",
    "end_date": "",
    "origin": "created",
    "additional": "ja",
    "justification": "Ohne Förderung gäbe es den Mittagstisch nicht.",
    "line": "",
}


def line(**cells) -> str:
    return ";".join(str(cells.get(key, ROW[key])) for key in ROW)


def lines(count: int, start: int = 1, **cells) -> list[str]:
    return [line(**{"external_ref": f"S-{n}", **cells}) for n in range(start, start + count)]


def csv_file(*rows: str, header: str = ";".join(HEADINGS), name: str = "stellen.csv"):
    text = "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def url(name: str = "jobs:import", slug: str = "kiez", **kwargs) -> str:
    return reverse(name, kwargs={"slug": slug, **kwargs})


def check(client, file, slug: str = "kiez"):
    return client.post(url(slug=slug), {"file": file})


def apply(client, file, checksum: str):
    return client.post(url(), {"file": file, "checksum": checksum, "apply": "1"})


def checked(client, *rows: str):
    response = check(client, csv_file(*rows))
    assert response.status_code == 200, response.context["problems"]
    return response


def imported(client, *rows: str):
    checksum = checked(client, *rows).context["confirm"].initial["checksum"]
    return apply(client, csv_file(*rows), checksum)


def problems(response) -> list[tuple[int, str]]:
    return [(problem.row, problem.column) for problem in response.context["problems"]]


def template(client, fmt: str) -> list[list[str]]:
    content = b"".join(client.get(url("jobs:import_template", fmt=fmt)).streaming_content)
    if fmt == "csv":
        return [row.split(";") for row in content.decode("utf-8-sig").splitlines()]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


def saved() -> list[dict]:
    return list(Position.objects.values().order_by("pk"))


# ------------------------------------------------------------------------------------------
# The page and the template


def test_import_page_shows_columns_holder_note_and_template_links(manager):
    response = client_for(manager).get(url())
    assert response.status_code == 200
    assert b"import-columns" in response.content
    assert url("jobs:import_template", fmt="csv").encode() in response.content
    assert b"ESF" in response.content  # holder data are entered on the position's page


def test_agency_jobs_page_links_the_import_for_importers_only(manager, evaluator):
    link = url().encode()
    assert link in client_for(manager).get(url("jobs:figures")).content
    assert link not in client_for(evaluator).get(url("jobs:figures")).content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_has_german_headings_and_an_example_of_a_real_enterprise(
    manager, advisor, initiative, neighbourhoods, fmt
):
    InitiativeFactory(agency=initiative.agency, neighbourhood=neighbourhoods[1], name="Atelier")
    for user, enterprise in ((manager, "Atelier"), (advisor, CAFE)):  # first by name they may use
        rows = template(client_for(user), fmt)
        assert rows[0] == HEADINGS
        assert len(rows) == 2
        assert rows[1][1] == enterprise
        assert rows[1][6] == "19,5"


def test_template_without_enterprises_leaves_the_enterprise_empty(manager):
    assert template(client_for(manager), "csv")[1][1] == ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_round_trip_records_the_example(manager, initiative, fmt):
    client = client_for(manager)
    content = b"".join(client.get(url("jobs:import_template", fmt=fmt)).streaming_content)
    response = check(client, SimpleUploadedFile(f"vorlage.{fmt}", content))
    assert response.status_code == 200, response.context["problems"]
    assert response.context["plan"].counts == {"create": 1, "change": 0, "unchanged": 0}


# ------------------------------------------------------------------------------------------
# Dry run and import


def test_dry_run_shows_counts_and_changes_and_writes_nothing(manager, initiative):
    client = client_for(manager)
    imported(client, line(external_ref="S-1"))
    response = checked(client, line(external_ref="S-1", title="Koch"), line(external_ref="S-2"))
    plan = response.context["plan"]
    assert plan.counts == {"create": 1, "change": 1, "unchanged": 0}
    assert [(change.old, change.new) for change in plan.rows[0].changes] == [("Köchin", "Koch")]
    assert plan.rows[1].name == CAFE
    assert b"import-plan" in response.content
    assert Position.objects.count() == 1
    assert Position.objects.get().title == "Köchin"


def test_import_creates_positions_and_logs_the_counts(manager, initiative, neighbourhoods):
    response = imported(client_for(manager), *lines(2))
    assert response.status_code == 302
    found = Position.objects.get(external_ref="S-1")
    assert (found.initiative, found.neighbourhood, found.agency) == (
        initiative,
        neighbourhoods[0],
        initiative.agency,
    )
    assert (found.title, found.contract_type, found.origin) == ("Köchin", "part_time", "created")
    assert (found.weekly_hours, found.full_time_hours, found.fte) == (
        Decimal("19.50"),
        Decimal("40.00"),
        Decimal("0.488"),
    )
    assert (found.start_date, found.end_date) == (dt.date(2024, 3, 1), None)
    assert found.additional and found.justification.startswith("Ohne")
    entry = ActivityLogEntry.objects.get(verb="jobs.imported")
    assert entry.data == {"file": "stellen.csv", "create": 2, "change": 0, "unchanged": 0}
    assert entry.actor == manager


def test_same_file_twice_changes_nothing_the_second_time(manager, initiative):
    client = client_for(manager)
    imported(client, *lines(3))
    before = saved()
    again = checked(client, *lines(3))
    assert again.context["plan"].counts == {"create": 0, "change": 0, "unchanged": 3}
    assert imported(client, *lines(3)).status_code == 302
    assert saved() == before
    assert ActivityLogEntry.objects.filter(verb="jobs.imported").count() == 1


def test_one_changed_cell_changes_one_position(manager, initiative):
    client = client_for(manager)
    imported(client, *lines(3))
    before = {row["external_ref"]: row for row in saved()}
    rows = lines(3)
    rows[1] = line(external_ref="S-2", weekly_hours="30")
    plan = checked(client, *rows).context["plan"]
    assert plan.counts == {"create": 0, "change": 1, "unchanged": 2}
    assert [(c.old, c.new) for c in plan.rows[1].changes] == [("19,50", "30,00")]
    imported(client, *rows)
    after = {row["external_ref"]: row for row in saved()}
    assert after["S-1"] == before["S-1"] and after["S-3"] == before["S-3"]
    assert (after["S-2"]["weekly_hours"], after["S-2"]["fte"]) == (Decimal("30"), Decimal("0.75"))
    entry = ActivityLogEntry.objects.filter(verb="jobs.imported").latest("pk")
    assert entry.data == {"file": "stellen.csv", "create": 0, "change": 1, "unchanged": 2}


def test_a_column_left_out_leaves_the_field_as_it_is(manager, initiative):
    client = client_for(manager)
    imported(client, line(end_date="31.12.2024"))
    keys = [key for key in ROW if key != "end_date"]
    header = ";".join(column.heading for column in COLUMNS if column.key in keys)
    row = ";".join(ROW[key] for key in keys)
    response = check(client, csv_file(row, header=header))
    assert response.context["plan"].counts == {"create": 0, "change": 0, "unchanged": 1}
    assert Position.objects.get().end_date == dt.date(2024, 12, 31)


def test_german_and_plain_numbers_and_xlsx_cells_are_taken(manager, initiative):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADINGS)
    for ref, hours in (("S-1", "19,5"), ("S-2", "19.5"), ("S-3", 19.5)):
        cells = {**ROW, "external_ref": ref, "weekly_hours": hours, "full_time_hours": 40}
        sheet.append(list({**cells, "start_date": dt.date(2024, 3, 1)}.values()))
    content = io.BytesIO()
    workbook.save(content)
    client = client_for(manager)
    file = SimpleUploadedFile("stellen.xlsx", content.getvalue())
    checksum = check(client, file).context["confirm"].initial["checksum"]
    file.seek(0)
    assert apply(client, file, checksum).status_code == 302
    assert set(Position.objects.values_list("weekly_hours", flat=True)) == {Decimal("19.5")}
    assert set(Position.objects.values_list("start_date", flat=True)) == {dt.date(2024, 3, 1)}


def test_other_instrument_with_its_name_and_a_business_line_are_recorded(manager, cafe):
    row = line(
        contract_type="subsidised",
        instrument="other",
        instrument_note="Landesprogramm",
        line="Café",
    )
    imported(client_for(manager), row)
    found = Position.objects.get()
    assert (found.instrument, found.instrument_label, found.line) == (
        "other",
        "Landesprogramm",
        cafe,
    )


def test_a_bad_last_row_rejects_the_whole_file(manager, initiative):
    client = client_for(manager)
    rows = [*lines(9), line(external_ref="S-10", start_date="32.13.2024")]
    response = check(client, csv_file(*rows))
    assert response.status_code == 400
    assert problems(response) == [(11, "Beginn")]
    assert "32.13.2024" in response.context["problems"][0].text
    assert b"import-problems" in response.content
    assert apply(client, csv_file(*rows), "x").status_code == 400
    assert Position.objects.count() == 0


def test_import_with_another_file_than_the_one_checked_imports_nothing(manager, initiative):
    client = client_for(manager)
    checksum = checked(client, *lines(1)).context["confirm"].initial["checksum"]
    response = apply(client, csv_file(*lines(2)), checksum)
    assert response.status_code == 200
    assert response.context["confirm"].changed_file
    assert apply(client, csv_file(*lines(1)), "0" * 64).status_code == 200
    assert Position.objects.count() == 0
    assert not ActivityLogEntry.objects.filter(verb="jobs.imported").exists()


# ------------------------------------------------------------------------------------------
# Row checks


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"contract_type": "subsidised"}, "Förderinstrument"),
        ({"instrument": "egz"}, "Förderinstrument"),
        ({"contract_type": "subsidised", "instrument": "other"}, "Förderinstrument (anderes)"),
        (
            {"contract_type": "subsidised", "instrument": "egz", "instrument_note": "X"},
            "Förderinstrument (anderes)",
        ),
        ({"justification": ""}, "Begründung der Zusätzlichkeit"),
        ({"weekly_hours": "0"}, "Stunden pro Woche"),
        ({"weekly_hours": "80,5"}, "Stunden pro Woche"),
        ({"weekly_hours": "-3"}, "Stunden pro Woche"),
        ({"weekly_hours": "viel"}, "Stunden pro Woche"),
        ({"weekly_hours": ""}, "Stunden pro Woche"),
        ({"full_time_hours": "61"}, "Vollzeitstunden pro Woche"),
        ({"end_date": "28.02.2024"}, "Ende"),
        ({"contract_type": "Werkvertrag"}, "Vertragsart"),
        ({"enterprise": "Gibt es nicht"}, "Unternehmen"),
        ({"line": "Werkstatt"}, "Geschäftszweig"),
    ],
)
def test_row_checks_name_row_and_column(manager, initiative, cells, column):
    response = check(client_for(manager), csv_file(line(external_ref="S-0"), line(**cells)))
    assert response.status_code == 400
    assert problems(response) == [(3, column)]
    assert response.context["problems"][0].text
    assert Position.objects.count() == 0


def test_checks_use_the_saved_values_of_columns_left_out(manager, initiative):
    client = client_for(manager)
    imported(client, line(end_date="31.12.2024"))
    keys = [key for key in ROW if key != "end_date"]
    header = ";".join(column.heading for column in COLUMNS if column.key in keys)
    row = ";".join({**ROW, "start_date": "01.01.2025"}[key] for key in keys)
    assert problems(check(client, csv_file(row, header=header))) == [(2, "Ende")]


def test_business_line_of_another_enterprise_is_refused(manager, cafe, neighbourhoods):
    other = InitiativeFactory(agency=cafe.agency, neighbourhood=neighbourhoods[1], name="Werkhof")
    category = NeedCategoryFactory(name="Reparatur")
    economy.add_line(other, actor=manager, name="Werkstatt", service=category, clients=[])
    client = client_for(manager)
    assert problems(check(client, csv_file(line(line="Werkstatt")))) == [(2, "Geschäftszweig")]
    assert checked(client, line(enterprise="Werkhof", line="Werkstatt"))


def test_archived_business_line_only_for_the_position_that_has_it(manager, cafe):
    client = client_for(manager)
    imported(client, line(line="Café"))
    economy.archive_line(cafe, actor=manager)
    rows = [line(line="Café", title="Koch"), line(external_ref="S-2", line="Café")]
    assert problems(check(client, csv_file(*rows))) == [(3, "Geschäftszweig")]
    imported(client, rows[0])
    assert Position.objects.get().title == "Koch"


def test_ambiguous_enterprise_name_is_refused_and_the_reference_taken(manager, neighbourhoods):
    agency = neighbourhoods[0].agency
    for ref in ("U-1", "U-2"):
        InitiativeFactory(
            agency=agency, neighbourhood=neighbourhoods[0], name="Doppelt", external_ref=ref
        )
    client = client_for(manager)
    assert problems(check(client, csv_file(line(enterprise="Doppelt")))) == [(2, "Unternehmen")]
    imported(client, line(enterprise="U-2"))
    assert Position.objects.get().initiative.external_ref == "U-2"


def test_archived_enterprise_is_refused(manager, initiative):
    initiative.archived_at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    initiative.save()
    assert problems(check(client_for(manager), csv_file(line()))) == [(2, "Unternehmen")]


def test_reference_repeated_in_the_file_is_refused(manager, initiative):
    response = check(client_for(manager), csv_file(line(), line(title="Koch")))
    assert problems(response) == [(3, "Externe Referenz")]
    assert "2" in response.context["problems"][0].text


def test_archived_position_is_not_changed(manager, initiative):
    found = position(initiative, manager, start="2024-03-01", external_ref="S-1")
    services.archive_position(found, actor=manager)
    assert problems(check(client_for(manager), csv_file(line()))) == [(2, "Externe Referenz")]


def test_position_stays_with_its_enterprise(manager, initiative, neighbourhoods):
    other = InitiativeFactory(agency=initiative.agency, neighbourhood=neighbourhoods[0], name="B")
    position(other, manager, start="2024-03-01", external_ref="S-1")
    assert problems(check(client_for(manager), csv_file(line()))) == [(2, "Unternehmen")]


def test_advisor_imports_only_for_enterprises_of_the_team_neighbourhoods(
    advisor, manager, initiative, neighbourhoods
):
    other = InitiativeFactory(
        agency=initiative.agency, neighbourhood=neighbourhoods[1], name="Helmholtz-Werkstatt"
    )
    position(other, manager, start="2024-03-01", external_ref="S-9")
    client = client_for(advisor)
    rows = [line(enterprise=other.name), line(external_ref="S-9", enterprise=other.name)]
    assert problems(check(client, csv_file(*rows))) == [(2, "Unternehmen"), (3, "Unternehmen")]
    assert imported(client, line()).status_code == 302
    assert Position.objects.filter(initiative=initiative).count() == 1


def test_enterprise_of_another_agency_is_unknown_by_name(manager, initiative, outsider):
    agency = outsider.memberships.get().agency
    InitiativeFactory(agency=agency, neighbourhood=agency.neighbourhoods.get(), name="Fremd")
    response = check(client_for(manager), csv_file(line(enterprise="Fremd")))
    assert problems(response) == [(2, "Unternehmen")]
    response = check(client_for(outsider), csv_file(line()), slug=agency.slug)
    assert problems(response) == [(2, "Unternehmen")]
    assert Position.objects.count() == 0


def test_founder_may_not_import_even_for_their_own_enterprise(founder_contact, founder):
    assert client_for(founder).get(url()).status_code == 403
    assert client_for(founder).get(url("jobs:import_template", fmt="csv")).status_code == 403


# ------------------------------------------------------------------------------------------
# Queries and methods


def _insert_batches(count: int) -> int:
    """The INSERT statements bulk_create needs for `count` positions (several on SQLite,
    whose parameter limit Django respects; one on PostgreSQL)."""
    fields = [f for f in Position._meta.concrete_fields if not f.primary_key]
    return math.ceil(count / connection.ops.bulk_batch_size(fields, [None] * count))


def test_queries_do_not_grow_with_rows(manager, initiative, neighbourhoods):
    other = InitiativeFactory(agency=initiative.agency, neighbourhood=neighbourhoods[0], name="B")
    client = client_for(manager)

    def dry_run(rows):
        return lambda: checked(client, *rows)

    def run(rows):
        return lambda: imported(client, *rows)

    few = lines(5) + lines(5, 100, enterprise="B")
    many = lines(50, 200) + lines(50, 300, enterprise="B")
    assert count_queries(dry_run(few)) == count_queries(dry_run(many))
    queries_few, queries_many = count_queries(run(few)), count_queries(run(many))
    assert queries_many - queries_few == _insert_batches(100) - _insert_batches(10)
    assert Position.objects.filter(initiative=other).count() == 55


def test_wrong_method_and_bad_format(manager):
    client = client_for(manager)
    assert client.delete(url()).status_code == 405
    assert client.get(url("jobs:import_template", fmt="pdf")).status_code == 404


def test_superuser_imports_for_any_agency(superuser, initiative):
    assert imported(client_for(superuser), line()).status_code == 302
    assert Position.objects.count() == 1
