"""`manage.py check_backup [--keep PATH]`: dump the database, restore the dump into a scratch
database and compare table row counts and indicator totals (kiezwerk.core.backup)."""

import tempfile
import time
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from kiezwerk.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database, restore the backup into a fresh scratch database and compare "
        "the row count of every table and the indicator totals of every grant; fails on any "
        "difference. --keep PATH keeps the backup (PostgreSQL: pg_dump custom format; "
        "SQLite: a database file)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--keep", metavar="PATH", help="Keep the backup in this file.")
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="The database to back up (alias)."
        )

    def handle(self, *args, keep: str | None = None, database: str, **options) -> None:
        self.verbosity = int(options.get("verbosity", 1))
        with tempfile.TemporaryDirectory(prefix="kiezwerk_backup_") as folder:
            path = Path(keep) if keep else Path(folder) / "kiezwerk.dump"
            rows = self._check(database, path.resolve())
            if keep:
                self.stdout.write(_("Backup kept in %(path)s") % {"path": path})
        different = [row for row in rows if not row.same]
        if different:
            raise CommandError(
                _("The restored database differs from the live one in %(count)s figures.")
                % {"count": len(different)}
            )
        self.stdout.write(self.style.SUCCESS(_("Backup restored and checked: all figures equal.")))

    def _check(self, alias: str, path: Path) -> list[backup.Row]:
        started = time.perf_counter()
        with backup.snapshot(alias) as snapshot_id:
            backup.dump(alias, path, snapshot_id)
            dumped = time.perf_counter()
            live = backup.measure(alias)
        self._say(_("Backup written: %(size)s in %(seconds).2f s"), path, dumped - started)
        started = time.perf_counter()
        with backup.restored(alias, path) as copy:
            restored_at = time.perf_counter()
            rows = backup.differences(live, backup.measure(copy))
        self._say(
            _("Restored into a scratch database in %(seconds).2f s"), path, restored_at - started
        )
        self._table(rows, self.verbosity)
        return rows

    def _say(self, text: str, path: Path, seconds: float) -> None:
        size = f"{path.stat().st_size / 1_000_000:.1f} MB" if path.exists() else "?"
        self.stdout.write(text % {"size": size, "seconds": seconds})

    def _table(self, rows: list[backup.Row], verbosity: int) -> None:
        """Figures that differ or are not zero (all of them at -v 2), then a summary."""
        shown = [row for row in rows if verbosity > 1 or not row.same or row.live]
        width = max([len(row.label) for row in shown] + [20])
        compared, live, restored = _("Compared"), _("live"), _("restored")
        self.stdout.write(f"{compared:<{width}}  {live:>12}  {restored:>12}")
        for row in shown:
            mark = _("equal") if row.same else self.style.ERROR(_("DIFFERENT"))
            line = f"{row.label:<{width}}  {_show(row.live):>12}  {_show(row.restored):>12}  {mark}"
            self.stdout.write(line)
        self.stdout.write(
            _(
                "%(count)s figures compared (%(zero)s zero in both not shown); indicator totals "
                "computed by the same queries (funding.indicators.actuals) in both databases."
            )
            % {"count": len(rows), "zero": len(rows) - len(shown)}
        )


def _show(value: backup.Value) -> str:
    """A figure for the table: long decimals (shares) rounded for display only."""
    if isinstance(value, Decimal) and value.as_tuple().exponent < -4:  # type: ignore[operator]
        return str(value.quantize(Decimal("0.0001")))
    return "–" if value is None else str(value)
