"""`manage.py check_backup`: a backup is written, restored into a scratch database and found
equal to the live one; a restored copy that lost a row is found out; pg_dump problems are
named. Runs on the engine of the test run (SQLite, or PostgreSQL with DATABASE_URL); on
PostgreSQL the tests need pg_dump and pg_restore, and are skipped without them (outside CI).
"""

import datetime as dt
import io
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_restore on our own dump
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.utils import ConnectionDoesNotExist

from kiezwerk.core import backup
from kiezwerk.economy import services as economy
from kiezwerk.economy.models import Revenue
from kiezwerk.funding.models import Indicator, Target
from tests.factories import (
    ConsultationFactory,
    GrantFactory,
    InitiativeFactory,
    NeedCategoryFactory,
)
from tests.jobs.positions import position

POSTGRES = connection.vendor == "postgresql"
NO_TOOLS = POSTGRES and not (shutil.which("pg_dump") and shutil.which("pg_restore"))
if NO_TOOLS and os.environ.get("CI"):
    raise RuntimeError(
        "pg_dump and pg_restore are needed in CI (apt-get install postgresql-client)"
    )

pytestmark = [
    pytest.mark.django_db(transaction=True),  # pg_dump reads committed data only
    pytest.mark.skipif(NO_TOOLS, reason="pg_dump and pg_restore are not installed"),
]


@pytest.fixture
def dataset(agency, neighbourhoods, manager):
    """Two initiatives with consultations, two positions, a business line with a month of
    revenue from two sources, and a grant 2003 with a target."""
    cafe = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[0], name="Café")
    workshop = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], name="Werkstatt")
    for initiative in (cafe, cafe, workshop):
        ConsultationFactory(initiative=initiative, held_on=dt.date(2003, 3, 3))
    position(cafe, manager, title="Koch", start="2003-07-01")
    position(workshop, manager, title="Mechanikerin", start="2003-02-01", hours=20)
    line = economy.add_line(
        cafe, actor=manager, name="Mittagstisch", service=NeedCategoryFactory(name="Versorgung")
    )
    revenue = {("market", None): Decimal("300.00"), ("grants", None): Decimal("50.00")}
    values = economy.MonthValues(volunteer_hours=Decimal("10"), revenue=revenue)
    economy.save_month(line, 2003, 5, values, actor=manager, version=0)
    grant = GrantFactory(
        agency=agency, start_date=dt.date(2003, 1, 1), end_date=dt.date(2003, 12, 31)
    )
    indicator, _ = Indicator.objects.get_or_create(
        code="TEST-CONS",
        defaults={"name": "Beratungen", "definition": "-", "unit": "Beratungen"},
        query="consultations_held",
    )
    Target.objects.create(grant=grant, indicator=indicator, year=2003, value=Decimal("100"))
    return grant


def _check_backup(*arguments: str) -> str:
    out = io.StringIO()
    call_command("check_backup", *arguments, stdout=out)
    return out.getvalue()


def _line(output: str, label: str) -> list[str]:
    """The words of the table line that starts with `label`."""
    found = [line for line in output.splitlines() if line.startswith(label)]
    assert len(found) == 1, output
    return found[0][len(label) :].split()


def test_check_backup_passes_and_prints_counts_and_indicator_totals(dataset):
    output = _check_backup()

    assert _line(output, backup.table_label("initiatives_initiative"))[:2] == ["2", "2"]
    assert _line(output, backup.table_label("initiatives_consultation"))[:2] == ["3", "3"]
    assert _line(output, backup.table_label("jobs_position"))[:2] == ["2", "2"]
    assert _line(output, backup.table_label("economy_revenue"))[:2] == ["2", "2"]
    held = backup.indicator_label(dataset, "consultations_held")
    assert _line(output, held)[:2] == ["3", "3"]
    assert _line(output, backup.indicator_label(dataset, "jobs_total"))[:2] == ["2", "2"]


def test_check_backup_keep_writes_a_backup_that_restores(dataset, tmp_path):
    kept = tmp_path / "kiezwerk.dump"

    _check_backup("--keep", str(kept))

    assert _initiatives_in(kept) == 2


def _initiatives_in(path: Path) -> int:
    """Count the initiatives in a backup file with the engine's own tools, not ours."""
    if not POSTGRES:
        with sqlite3.connect(path) as database:
            assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            return database.execute("SELECT count(*) FROM initiatives_initiative").fetchone()[0]
    listing = subprocess.run(  # nosec B603 B607 - pg_restore, fixed arguments
        ["pg_restore", "--list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA public initiatives_initiative" in listing
    data = subprocess.run(  # nosec B603 B607 - pg_restore, fixed arguments
        ["pg_restore", "--data-only", "--table=initiatives_initiative", "--file=-", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = data.split("FROM stdin;\n", 1)[1].split("\n\\.", 1)[0]
    return len(rows.splitlines())


def test_compare_finds_a_row_lost_in_the_restored_copy(dataset, tmp_path):
    path = tmp_path / "kiezwerk.dump"
    with backup.snapshot("default") as snapshot_id:
        backup.dump("default", path, snapshot_id)
    lost = Revenue.objects.get(source="market")

    with backup.restored("default", path) as copy:
        with connections[copy].cursor() as cursor:
            cursor.execute("DELETE FROM economy_revenue WHERE id = %s", [lost.pk])
        different = [row for row in backup.compare("default", copy) if not row.same]

    share = backup.indicator_label(dataset, "share_market")
    assert different == [
        backup.Row(backup.table_label("economy_revenue"), 2, 1),
        backup.Row(share, Decimal("100"), Decimal("0")),
    ]


def test_restored_scratch_database_is_gone_afterwards(dataset, tmp_path):
    path = tmp_path / "kiezwerk.dump"
    backup.dump("default", path)

    with backup.restored("default", path) as copy:
        name = connections[copy].settings_dict["NAME"]

    with pytest.raises(ConnectionDoesNotExist):
        connections[copy]
    assert not _scratch_exists(name)


def _scratch_exists(name: str) -> bool:
    if not POSTGRES:
        return Path(name).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone()[0] == 1


@pytest.mark.skipif(not POSTGRES, reason="pg_dump is for PostgreSQL")
def test_check_backup_names_a_missing_pg_dump(db, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(CommandError, match="pg_dump"):
        _check_backup()


@pytest.mark.skipif(not POSTGRES, reason="pg_dump is for PostgreSQL")
def test_check_backup_refuses_a_pg_dump_older_than_the_server(db, tmp_path, monkeypatch):
    old = tmp_path / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    server = str(connection.pg_version // 10000)

    with pytest.raises(CommandError, match=f"9.* {server}"):
        _check_backup()
