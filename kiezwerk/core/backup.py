"""Backups that are proven to restore: dump the database, restore the dump into a fresh scratch
database, and compare the two (`manage.py check_backup`).

- **Dump**: PostgreSQL with `pg_dump --format=custom`; SQLite with the sqlite3 online backup
  API (the dump is itself a database file). Both read one consistent snapshot, and the live
  side of the comparison is measured in that same snapshot (`snapshot`), so writes that
  happen during the check are neither in the dump nor in the live figures.
- **Restore**: PostgreSQL into `kiezwerk_restore_<random>` with `pg_restore --no-owner
  --single-transaction` (all or nothing, one commit);
  SQLite into a temporary file. The scratch database is opened as a second database alias
  (a connection of this thread only) and always dropped again (`restored`).
- **Compare** (`measure`, `differences`): the row count of every table of every installed
  model, and for every grant the actual values of every named indicator query
  (`funding.indicators.actuals`) over the grant's whole period for its agency. The indicator
  code reads the default database; `reading_from` routes its reads to one alias, so the very
  same queries run against both databases.
"""

import contextlib
import os
import re
import secrets
import shutil
import sqlite3
import subprocess  # nosec B404  # runs pg_dump and pg_restore with fixed arguments
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.core.management.base import CommandError
from django.db import connections, router, transaction
from django.db.utils import ConnectionDoesNotExist, load_backend
from django.utils.translation import gettext as _

SCRATCH_PREFIX = "kiezwerk_restore_"
Value = int | Decimal | None


@dataclass(frozen=True)
class Row:
    """One compared figure: what it is, its value in the live and in the restored database."""

    label: str
    live: Value
    restored: Value

    @property
    def same(self) -> bool:
        return self.live == self.restored


def is_postgres(alias: str) -> bool:
    return connections[alias].vendor == "postgresql"


# ------------------------------------------------------------------------------------------
# A consistent snapshot of the live database


@contextlib.contextmanager
def snapshot(alias: str) -> Iterator[str | None]:
    """Hold one read snapshot of `alias` open: every read on `alias` inside sees the same data.
    Yields the PostgreSQL snapshot id for `pg_dump --snapshot` (None on SQLite, where the
    backup is taken through this very connection)."""
    connection = connections[alias]
    if is_postgres(alias):
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            yield cursor.fetchone()[0]
        return
    connection.ensure_connection()
    if not connection.get_autocommit() or connection.connection.in_transaction:
        yield None  # already inside a transaction: its own snapshot holds
        return
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")  # a read transaction: writers go on (WAL)
        cursor.execute("SELECT count(*) FROM sqlite_master")
        try:
            yield None
        finally:
            cursor.execute("ROLLBACK")


# ------------------------------------------------------------------------------------------
# Dump


def dump(alias: str, path: Path, snapshot_id: str | None = None) -> None:
    """Write a backup of database `alias` to `path`."""
    if is_postgres(alias):
        _pg_dump(alias, path, snapshot_id)
    else:
        connection = connections[alias]
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)


def _pg_dump(alias: str, path: Path, snapshot_id: str | None) -> None:
    check_pg_dump_version(alias)
    arguments = ["--format=custom", f"--file={path}"]
    if snapshot_id:
        arguments.append(f"--snapshot={snapshot_id}")
    _run("pg_dump", [*arguments, *_pg_target(connections[alias].settings_dict)], alias)


def check_pg_dump_version(alias: str) -> None:
    """pg_dump refuses servers newer than itself: say so before trying."""
    output = _run("pg_dump", ["--version"], alias)
    found = re.search(r"(\d+)(?:\.\d+)*", output)
    client = int(found.group(1)) if found else 0
    server = connections[alias].pg_version // 10000
    if client < server:
        raise CommandError(
            _(
                "pg_dump is version %(client)s, the database server version %(server)s: install "
                "the PostgreSQL client tools %(server)s or newer (pg_dump must not be older "
                "than the server)."
            )
            % {"client": client or "?", "server": server}
        )


def _pg_target(settings: dict, name: str | None = None) -> list[str]:
    """Connection arguments for pg_dump and pg_restore (the password goes in PGPASSWORD)."""
    arguments = ["--no-password", f"--dbname={name or settings['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            arguments.append(f"{option}={settings[key]}")
    return arguments


def _run(program: str, arguments: list[str], alias: str) -> str:
    """Run a PostgreSQL client program; a clear CommandError when it is missing or fails."""
    executable = shutil.which(program)
    if executable is None:
        raise CommandError(
            _("%(program)s was not found: install the PostgreSQL client tools (postgresql-client).")
            % {"program": program}
        )
    environment = dict(os.environ)
    password = connections[alias].settings_dict.get("PASSWORD")
    if password:
        environment["PGPASSWORD"] = str(password)
    done = subprocess.run(  # noqa: S603 - fixed program, arguments from settings  # nosec B603
        [executable, *arguments], capture_output=True, text=True, env=environment, check=False
    )
    if done.returncode != 0:
        raise CommandError(
            _("%(program)s failed (exit code %(code)s): %(error)s")
            % {"program": program, "code": done.returncode, "error": done.stderr.strip()}
        )
    return done.stdout


# ------------------------------------------------------------------------------------------
# Restore into a scratch database


@contextlib.contextmanager
def restored(alias: str, path: Path) -> Iterator[str]:
    """Restore the dump at `path` (of database `alias`) into a fresh scratch database, open it
    as a new database alias and yield that alias; drop the scratch database afterwards, also
    when anything fails."""
    name = SCRATCH_PREFIX + secrets.token_hex(4)
    settings = dict(connections[alias].settings_dict)
    with contextlib.ExitStack() as cleanup:
        if is_postgres(alias):
            _create_database(alias, name)
            cleanup.callback(_drop_database, alias, name)
            _run(
                "pg_restore",
                ["--no-owner", "--single-transaction", *_pg_target(settings, name), str(path)],
                alias,
            )
            settings["NAME"] = name
        else:
            folder = cleanup.enter_context(tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX))
            settings["NAME"] = str(Path(folder) / "restored.sqlite3")
            shutil.copyfile(path, settings["NAME"])
        cleanup.callback(_close_alias, name)
        _open_alias(name, settings)
        yield name


def _create_database(alias: str, name: str) -> None:
    with connections[alias]._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')  # our own name, hex only


def _drop_database(alias: str, name: str) -> None:
    with connections[alias]._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _open_alias(name: str, settings: dict) -> None:
    """A connection to the scratch database under the alias `name`, for this thread only: it
    is not added to the DATABASES setting, so nothing else (migrate, test isolation) sees it."""
    backend = load_backend(settings["ENGINE"])
    connections[name] = backend.DatabaseWrapper({**settings, "CONN_MAX_AGE": 0}, name)


def _close_alias(name: str) -> None:
    with contextlib.suppress(ConnectionDoesNotExist):  # not opened
        connections[name].close()
        del connections[name]


# ------------------------------------------------------------------------------------------
# Compare


class _ReadFrom:
    """A database router that sends every read to one alias."""

    def __init__(self, alias: str) -> None:
        self.alias = alias

    def db_for_read(self, model, **hints) -> str:
        return self.alias


@contextlib.contextmanager
def reading_from(alias: str) -> Iterator[None]:
    """Run ORM reads that name no database (such as the indicator queries) against `alias`."""
    routing = _ReadFrom(alias)
    router.routers.insert(0, routing)
    try:
        yield
    finally:
        router.routers.remove(routing)


def measure(alias: str) -> dict[str, Value]:
    """The figures compared: {label: value}, row counts first, then indicator totals."""
    return {**table_counts(alias), **indicator_totals(alias)}


def table_counts(alias: str) -> dict[str, Value]:
    """The row count of every table of every installed model (many-to-many tables too)."""
    counts: dict[str, Value] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        counts[table_label(meta.db_table)] = model._base_manager.using(alias).count()
    return dict(sorted(counts.items()))


def table_label(table: str) -> str:
    return _("Rows in %(table)s") % {"table": table}


def indicator_label(grant, key: str) -> str:
    names = {"pk": grant.pk, "title": grant.title, "indicator": key}
    return _("Grant %(pk)s (%(title)s): %(indicator)s") % names


def indicator_totals(alias: str) -> dict[str, Value]:
    """For every grant: every named indicator query over the grant's whole period."""
    from kiezwerk.funding.indicators import QUERIES, actuals
    from kiezwerk.funding.models import Grant

    totals: dict[str, Value] = {}
    grants = Grant._base_manager.using(alias).order_by("pk")
    for grant in grants.only("pk", "title", "agency_id", "start_date", "end_date"):
        with reading_from(alias):
            values = actuals(QUERIES, grant.agency_id, grant.start_date, grant.end_date)
        for key, value in values.items():
            totals[indicator_label(grant, key)] = value
    return totals


def differences(live: dict[str, Value], restored_values: dict[str, Value]) -> list[Row]:
    """Every figure of either side as a Row (a figure missing on one side is None there)."""
    labels = list(live) + [label for label in restored_values if label not in live]
    return [Row(label, live.get(label), restored_values.get(label)) for label in labels]


def compare(live_alias: str, restored_alias: str) -> list[Row]:
    """Measure both databases and pair their figures."""
    return differences(measure(live_alias), measure(restored_alias))
