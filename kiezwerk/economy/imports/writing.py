"""Writing a chunk of checked rows of figures in bulk, as services.save_month would write each
month: new months with the valuation rate of their year and version 1, changed months with
their version raised, revenue rows created or updated where the amount changed, and one log
entry "economy.month_saved" per changed month with what changed. Five queries per chunk,
however many rows it has (and one for the agency's valuation rates per import).

The caller (imports.import_file) holds the transaction, the enterprise's row and the saved
months locked (FigureReader with `lock`): rows compared in the same transaction cannot be
stale. A month another save inserted meanwhile makes the insert fail (IntegrityError)."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy import services, summaries
from kiezwerk.economy.imports.reading import FigureRow, month_changes
from kiezwerk.economy.models import BusinessLine, MonthFigures, Revenue
from kiezwerk.economy.rates import agency_rates, statutory_rate
from kiezwerk.economy.services import MONTH_FIELDS


class ChunkWriter:
    """Writes chunks of rows of one enterprise; `changed` counts the months it changed."""

    def __init__(self, actor) -> None:
        self.actor = actor if getattr(actor, "is_authenticated", False) else None
        self.rates: dict[int, tuple] | None = None  # the agency's own, by year
        self.line_type = ContentType.objects.get_for_model(BusinessLine)
        self.changed = 0

    def write(self, rows: list[FigureRow]) -> None:
        now = timezone.now()
        new, updated, revenue_new, revenue_updated, entries = [], [], [], [], []
        for row in rows:
            if row.unchanged:
                continue
            services.check_values(row.values)  # the reader checked them: a guard only
            changes = month_changes(row.saved, row.values)
            month = self._month(row, now)
            (new if month.pk is None else updated).append(month)
            for key, amount in row.values.revenue.items():
                saved_id = row.saved.revenue_ids.get(key) if row.saved is not None else None
                if _revenue_key(key) not in changes:
                    continue
                if saved_id is None:
                    revenue_new.append(_revenue(row, key, amount))
                else:
                    revenue_updated.append(Revenue(pk=saved_id, amount=amount))
            entries.append(self._entry(row, changes, now))
        MonthFigures.objects.bulk_create(new)
        MonthFigures.objects.bulk_update(updated, [*MONTH_FIELDS, "version", "updated_at"])
        Revenue.objects.bulk_create(revenue_new)
        Revenue.objects.bulk_update(revenue_updated, ["amount"])
        ActivityLogEntry.objects.bulk_create(entries)
        self.changed += len(entries)
        changed = {(row.year, row.month) for row in rows if not row.unchanged}
        if changed:
            summaries.refresh_months(rows[0].line.initiative, changed)

    def _month(self, row: FigureRow, now) -> MonthFigures:
        values = {name: getattr(row.values, name) for name in MONTH_FIELDS}
        line = row.line
        if row.saved is not None:
            return MonthFigures(
                pk=row.saved.pk, version=row.saved.version + 1, updated_at=now, **values
            )
        rate, method = self._rate(line.agency_id, row.year)
        return MonthFigures(
            agency_id=line.agency_id,
            initiative_id=line.initiative_id,
            neighbourhood_id=line.initiative.neighbourhood_id,
            line=line,
            year=row.year,
            month=row.month,
            hour_rate=rate,
            rate_method=method,
            version=1,
            **values,
        )

    def _rate(self, agency_id: int, year: int) -> tuple:
        """(rate, method) of new figures of `year`, as rates.default_rate gives it."""
        if self.rates is None:
            self.rates = agency_rates(agency_id)
        return self.rates.get(year) or statutory_rate(year)

    def _entry(self, row: FigureRow, changes: dict, now) -> ActivityLogEntry:
        logged = {
            key: [services.log_text(before), services.log_text(after)]
            for key, (before, after) in changes.items()
        }
        return ActivityLogEntry(
            actor=self.actor,
            agency_id=row.line.agency_id,
            verb="economy.month_saved",
            content_type=self.line_type,
            object_id=str(row.line.pk),
            object_repr=str(row.line)[:200],
            data={"year": row.year, "month": row.month, "changes": logged},
            created_at=now,
        )


def _revenue_key(key: tuple[str, int | None]) -> str:
    source, client = key
    return source if client is None else f"{source}:{client}"


def _revenue(row: FigureRow, key: tuple[str, int | None], amount) -> Revenue:
    source, client = key
    line = row.line
    return Revenue(
        agency_id=line.agency_id,
        initiative_id=line.initiative_id,
        neighbourhood_id=line.initiative.neighbourhood_id,
        line_id=line.pk,
        year=row.year,
        month=row.month,
        source=source,
        client_id=client,
        amount=amount,
    )
