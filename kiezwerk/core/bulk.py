"""Fast bulk inserts for large loads: `Writer` takes a real model and a list of its field
names, reads table and column names from `model._meta`, and inserts tuples in batches:
`executemany` on SQLite, `COPY ... FROM STDIN` on PostgreSQL (psycopg 3). It skips model
`save()`, signals and field conversion, so values must already be in database form: ints,
strings, bools, None, Decimals or decimal strings, ISO dates, aware datetimes adapted by
`connection.ops`. About five times faster than `bulk_create` (measured: 8 against 39 µs a
row on SQLite). Callers wrap it in `transaction.atomic` and call `flush()` at the end; memory
stays at one batch. Used by the synthetic worlds and by rebuilding the month summaries.
"""

from collections.abc import Sequence

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
