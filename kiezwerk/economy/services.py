"""Workflows of enterprise economics: business lines, saving a month's figures (with a guard
against overwriting someone else's save), closing months and correcting closed ones, and
recording profit distributions. Each is atomic and writes the activity log."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.core.activity import log_action
from kiezwerk.economy import summaries
from kiezwerk.economy.enums import Source
from kiezwerk.economy.models import (
    BusinessLine,
    ClosedMonth,
    Distribution,
    LineClient,
    MonthFigures,
    Revenue,
)
from kiezwerk.economy.rates import default_rate
from kiezwerk.initiatives.models import Initiative
from kiezwerk.network.enums import PartnerKind

ZERO = Decimal("0")
FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years of monthly figures
# Figures of a month: fields of MonthFigures a save may change.
MONTH_FIELDS = ("costs", "volunteer_hours", "volunteers", "reciprocal")


class StaleFigures(ValidationError):
    """Someone saved the month after the form was loaded: nothing was saved."""


@dataclass
class MonthValues:
    """What a form says about one month of a business line. `revenue` maps (source, public
    client id or None) to the amount; pairs the form does not show are left as they are."""

    costs: Decimal = ZERO
    volunteer_hours: Decimal = ZERO
    volunteers: int = 0
    reciprocal: bool = False
    revenue: dict[tuple[str, int | None], Decimal] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------
# Business lines


@transaction.atomic
def add_line(
    initiative: Initiative, *, actor, name: str, service, description: str = "", clients=()
) -> BusinessLine:
    """A new business line of `initiative`, with the public bodies that buy from it."""
    line = BusinessLine(
        agency_id=initiative.agency_id,
        initiative=initiative,
        name=name.strip(),
        service=service,
        description=description,
    )
    line.full_clean()
    line.save()
    set_clients(line, clients)
    log_action(
        actor, "economy.line_created", line, {"name": line.name, "initiative": str(initiative)}
    )
    return line


@transaction.atomic
def update_line(line: BusinessLine, *, actor, clients=None, **fields: Any) -> BusinessLine:
    """Change a line's name, kind of service or description, and its public clients."""
    changed = {name: value for name, value in fields.items() if getattr(line, name) != value}
    for name, value in changed.items():
        setattr(line, name, value)
    if changed:
        line.full_clean()
        line.save()
    data = {name: str(value) for name, value in changed.items()}
    if clients is not None and set_clients(line, clients):
        data["public_clients"] = sorted(str(client) for client in clients)
    if data:
        log_action(actor, "economy.line_changed", line, data)
    return line


def set_clients(line: BusinessLine, clients) -> bool:
    """Make `clients` (public bodies of the line's agency) the line's public clients; True when
    anything changed. Revenue from a client taken off stays as it was."""
    wanted = {client.pk for client in clients}
    for client in clients:
        if client.agency_id != line.agency_id or client.kind != PartnerKind.PUBLIC:
            raise ValidationError({"clients": _("Please choose public bodies of your agency.")})
    current = set(LineClient.objects.filter(line=line).values_list("partner_id", flat=True))
    if wanted == current:
        return False
    LineClient.objects.filter(line=line, partner_id__in=current - wanted).delete()
    LineClient.objects.bulk_create(
        LineClient(agency_id=line.agency_id, line=line, partner_id=pk) for pk in wanted - current
    )
    return True


@transaction.atomic
def archive_line(line: BusinessLine, *, actor) -> None:
    """Archive a line: its figures stay in every report; it takes no new figures."""
    if line.archived_at is None:
        line.archived_at = timezone.now()
        line.save(update_fields=["archived_at", "updated_at"])
        log_action(actor, "economy.line_archived", line, {"name": line.name})


# ------------------------------------------------------------------------------------------
# Months


def is_closed(initiative: Initiative, year: int, month: int) -> bool:
    return ClosedMonth.objects.filter(
        agency_id=initiative.agency_id, initiative=initiative, year=year, month=month
    ).exists()


def _check_period(year: int, month: int) -> None:
    if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(_("Please choose a month between January 1990 and December 2100."))


@transaction.atomic
def save_month(
    line: BusinessLine,
    year: int,
    month: int,
    values: MonthValues,
    *,
    actor,
    version: int,
    reason: str = "",
) -> MonthFigures:
    """Save one month of `line`. `version` is the version the form was loaded with: if the
    month was saved since, StaleFigures is raised and nothing changes. A closed month takes a
    correction only, with a `reason` (the caller checks who may correct)."""
    _check_period(year, month)
    if line.archived_at is not None:
        raise ValidationError(_("This business line is archived and takes no new figures."))
    closed = is_closed(line.initiative, year, month)
    reason = reason.strip()
    if closed and not reason:
        raise ValidationError({"reason": _("This month is closed: please say why you correct it.")})
    check_values(values)
    _check_clients(line, values)
    figures = _locked_month(line, year, month)
    if figures.version != version:
        raise _stale()
    changes = _apply(figures, values)
    if changes:
        figures.version += 1
        figures.save()
        verb = "economy.month_corrected" if closed else "economy.month_saved"
        data = {"year": year, "month": month, "changes": changes}
        if closed:
            data["reason"] = reason
        log_action(actor, verb, line, data)
        summaries.refresh_months(line.initiative, [(year, month)])
    return figures


def _stale() -> StaleFigures:
    return StaleFigures(
        _("Someone else saved these figures in the meantime. Please check them and save again.")
    )


def _locked_month(line: BusinessLine, year: int, month: int) -> MonthFigures:
    """The month's row, locked for this transaction; a new one (version 0, unsaved) with the
    default valuation rate when there is none."""
    found = (
        MonthFigures.objects.select_for_update()
        .filter(agency_id=line.agency_id, line=line, year=year, month=month)
        .first()
    )
    if found is not None:
        return found
    rate, method = default_rate(line.agency_id, year)
    return MonthFigures(
        agency_id=line.agency_id,
        initiative_id=line.initiative_id,
        neighbourhood_id=line.initiative.neighbourhood_id,
        line=line,
        year=year,
        month=month,
        hour_rate=rate,
        rate_method=method,
    )


def check_values(values: MonthValues) -> None:
    """Figures the month's rows can hold: known sources, and numbers that are finite, not
    negative and within their columns' digits (forms and imports check these first; this
    guards the database against every other caller)."""
    if any(source not in Source.values for source, _client in values.revenue):
        raise ValidationError(_("Unknown source of revenue."))
    checks = [(MonthFigures, name, getattr(values, name)) for name in MONTH_FIELDS]
    checks += [(Revenue, "amount", amount) for amount in values.revenue.values()]
    for model, name, value in checks:
        model._meta.get_field(name).clean(value, None)
        if isinstance(value, Decimal) and value < 0:
            raise ValidationError(_("Figures cannot be negative."))


def _check_clients(line: BusinessLine, values: MonthValues) -> None:
    clients = {client for source, client in values.revenue if source == Source.PUBLIC}
    allowed = set(LineClient.objects.filter(line=line).values_list("partner_id", flat=True))
    if clients - allowed - {None}:
        # A former client of the line: its revenue may still be corrected.
        allowed |= set(
            Revenue.objects.filter(
                agency_id=line.agency_id, line=line, client_id__in=clients - allowed - {None}
            ).values_list("client_id", flat=True)
        )
    if None in clients or clients - allowed:
        raise ValidationError(_("Public contracts need a public client of this business line."))
    if any(client is not None for source, client in values.revenue if source != Source.PUBLIC):
        raise ValidationError(_("Only public contracts name a client."))
    if any(amount < 0 for amount in values.revenue.values()):
        raise ValidationError(_("Revenue cannot be negative."))


def _apply(figures: MonthFigures, values: MonthValues) -> dict[str, list[str]]:
    """Write `values` into the month and its revenue rows; {what: [before, after]} of what
    changed (revenue keyed "source" or "source:client id")."""
    changes = {}
    for name in MONTH_FIELDS:
        before, after = getattr(figures, name), getattr(values, name)
        if before != after:
            changes[name] = [log_text(before), log_text(after)]
            setattr(figures, name, after)
    if figures.pk is None:
        _insert(figures)  # the revenue rows below belong to a saved month
    existing = {
        (row.source, row.client_id): row
        for row in Revenue.objects.filter(
            agency_id=figures.agency_id,
            line_id=figures.line_id,
            year=figures.year,
            month=figures.month,
        )
    }
    for (source, client), amount in values.revenue.items():
        row = existing.get((source, client))
        before = row.amount if row is not None else ZERO
        if before == amount:
            continue
        key = source if client is None else f"{source}:{client}"
        changes[key] = [log_text(before), log_text(amount)]
        if row is None:
            Revenue.objects.create(
                agency_id=figures.agency_id,
                initiative_id=figures.initiative_id,
                neighbourhood_id=figures.neighbourhood_id,
                line_id=figures.line_id,
                year=figures.year,
                month=figures.month,
                source=source,
                client_id=client,
                amount=amount,
            )
        else:
            row.amount = amount
            row.save(update_fields=["amount"])
    return changes


def _insert(figures: MonthFigures) -> None:
    """Insert a new month. When another save inserted it after this one found none (both were
    loaded at version 0), the unique constraint refuses this insert: that is a stale save too."""
    try:
        with transaction.atomic():
            figures.save()
    except IntegrityError as error:
        period = {"year": figures.year, "month": figures.month}
        rival = MonthFigures.objects.filter(
            agency_id=figures.agency_id, line_id=figures.line_id, **period
        )
        if not rival.exists():
            raise
        raise _stale() from error


def log_text(value) -> str:
    """A value for the log: amounts and hours with two decimals, others as they are."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


@transaction.atomic
def close_month(initiative: Initiative, year: int, month: int, *, actor) -> ClosedMonth:
    """Close a reviewed month of the enterprise: its figures change only by correction."""
    _check_period(year, month)
    today = timezone.localdate()
    if (year, month) > (today.year, today.month):
        raise ValidationError(_("A month can be closed once it has begun."))
    if is_closed(initiative, year, month):
        raise ValidationError(_("This month is already closed."))
    closed = ClosedMonth.objects.create(
        agency_id=initiative.agency_id,
        initiative=initiative,
        year=year,
        month=month,
        closed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(actor, "economy.period_closed", initiative, {"year": year, "month": month})
    return closed


# ------------------------------------------------------------------------------------------
# Distributions


@transaction.atomic
def record_distribution(
    initiative: Initiative,
    *,
    actor,
    day: dt.date,
    amount: Decimal,
    recipients: str,
    explanation: str,
) -> Distribution:
    """Record profit paid out to private persons: it flags the enterprise (criterion 3)."""
    distribution = Distribution(
        agency_id=initiative.agency_id,
        initiative=initiative,
        year=day.year,
        month=day.month,
        amount=amount,
        recipients=recipients.strip(),
        explanation=explanation.strip(),
    )
    distribution.full_clean()
    distribution.save()
    log_action(
        actor,
        "economy.distribution_recorded",
        initiative,
        {"amount": str(amount), "year": day.year, "month": day.month, "paid_to": recipients},
    )
    return distribution
