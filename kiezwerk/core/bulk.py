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
        sql = f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})"  # noqa: S608
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
    table constraint), run the block, and create them again from their saved definitions:
    building an index once over millions of rows is several times faster than updating it row
    by row. Call inside `transaction.atomic()`: both engines roll the DDL back with the rows
    when the block fails, so no index is ever lost."""
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_deferred needs a transaction")
    saved = [found for model in models_ for found in _secondary_indexes(model._meta.db_table)]
    with connection.cursor() as cursor:
        for name, _definition in saved:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's foreign keys are checked at commit; PostgreSQL builds no index on a
            # table with checks pending, so they run now (as they would at commit).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, definition in saved:
            cursor.execute(definition)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


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
