"""Workflows of a grant: its financing plan (amount, EU share, co-financiers), its budget by
cost category, spending per month, and drawdowns from the EU fund and the co-financiers. Each
is atomic, validates before it saves, and writes the activity log on the grant with what
changed (before and after)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from kiezwerk.core.activity import log_action
from kiezwerk.core.formats import euros, percent
from kiezwerk.funding.enums import CostCategory
from kiezwerk.funding.models import BudgetLine, CoFinancing, Drawdown, Grant, Spending

ZERO = Decimal("0")
HUNDRED = Decimal(100)


def _text(value) -> str | None:
    """A value for the log: amounts with two decimals, dates in ISO, None as it is."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _locked(grant: Grant) -> Grant:
    """The grant's row, locked for this transaction: edits of one grant run one at a time."""
    return Grant.objects.select_for_update().get(pk=grant.pk)


# ------------------------------------------------------------------------------------------
# The financing plan


@dataclass
class CoFinancier:
    """One row of the financing form: an existing co-financier (pk) or a new one (pk None)."""

    pk: int | None
    name: str
    share: Decimal
    remove: bool = False


def check_shares(eu_share: Decimal, shares: list[Decimal]) -> None:
    """The EU share and the co-financing shares may add up to 100 percent at most."""
    total = eu_share + sum(shares, ZERO)
    if total > HUNDRED:
        message = _(
            "The EU share (%(eu)s) and the co-financing shares (%(co)s) add up to %(total)s. "
            "Together they may be at most %(limit)s."
        ) % {
            "eu": percent(eu_share, 2),
            "co": percent(total - eu_share, 2),
            "total": percent(total, 2),
            "limit": percent(HUNDRED, 0),
        }
        raise ValidationError({"eu_share": message})


@transaction.atomic
def change_financing(
    grant: Grant,
    *,
    actor,
    amount: Decimal,
    eu_share: Decimal,
    co_financiers: list[CoFinancier],
) -> Grant:
    """Set the grant's total amount and EU share, and add, change or remove co-financiers.
    Removing deletes the row (it is configuration; the log keeps name and share)."""
    grant = _locked(grant)
    existing = {row.pk: row for row in CoFinancing.objects.filter(grant=grant)}
    if any(row.pk is not None and row.pk not in existing for row in co_financiers):
        raise ValidationError(_("A co-financier of another grant cannot be changed here."))
    kept = [row for row in co_financiers if not row.remove]
    check_shares(eu_share, [row.share for row in kept])
    names = [row.name.strip().casefold() for row in kept]
    if len(set(names)) != len(names):
        raise ValidationError(_("Each co-financier may be named only once."))
    changes: dict[str, Any] = {}
    for name, value in (("amount", amount), ("eu_share", eu_share)):
        if getattr(grant, name) != value:
            changes[name] = [_text(getattr(grant, name)), _text(value)]
            setattr(grant, name, value)
    if changes:
        grant.full_clean()
        grant.save(update_fields=["amount", "eu_share", "updated_at"])
    changes |= _save_co_financiers(grant, existing, co_financiers)
    if changes:
        log_action(actor, "funding.financing_changed", grant, changes)
    return grant


def _save_co_financiers(
    grant: Grant, existing: dict[int, CoFinancing], rows: list[CoFinancier]
) -> dict[str, Any]:
    """Removals first, then changes, then additions (so that a name freed by a removal can
    be taken again); {"co_financing_removed": ..., ...} of what changed."""
    removed, changed, added = [], {}, []
    for row in rows:
        if row.pk is not None and row.remove:
            found = existing[row.pk]
            removed.append(f"{found.name} ({_text(found.share)})")
            found.delete()
    for row in rows:
        found = existing.get(row.pk) if row.pk is not None else None
        if found is None or row.remove:
            continue
        before = (found.name, found.share)
        if before != (row.name.strip(), row.share):
            changed[found.name] = [
                f"{found.name} ({_text(found.share)})",
                f"{row.name.strip()} ({_text(row.share)})",
            ]
            found.name, found.share = row.name.strip(), row.share
            _save_unique(found)
    for row in rows:
        if row.pk is None and not row.remove:
            _save_unique(CoFinancing(grant=grant, name=row.name.strip(), share=row.share))
            added.append(f"{row.name.strip()} ({_text(row.share)})")
    found_changes = {
        "co_financing_removed": removed,
        "co_financing_changed": changed,
        "co_financing_added": added,
    }
    return {key: value for key, value in found_changes.items() if value}


def _save_unique(row: CoFinancing) -> None:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:
        raise ValidationError(_("Each co-financier may be named only once.")) from error


# ------------------------------------------------------------------------------------------
# The budget


@transaction.atomic
def set_budget(grant: Grant, *, actor, planned: dict[str, Decimal | None]) -> None:
    """The planned amount per cost category. An empty category without a budget line gets
    none; the lines together may not exceed the grant's total amount."""
    grant = _locked(grant)
    lines = {line.category: line for line in BudgetLine.objects.filter(grant=grant)}
    wanted = {
        category: value
        for category, value in planned.items()
        if category in CostCategory.values and (value or category in lines)
    }
    total = sum((value or ZERO for value in wanted.values()), ZERO)
    kept = sum((line.planned for c, line in lines.items() if c not in wanted), ZERO)
    if total + kept > grant.amount:
        raise ValidationError(
            _(
                "The budget adds up to %(total)s, more than the grant's total amount of "
                "%(amount)s. Please lower the budget or change the total amount in the "
                "financing plan first."
            )
            % {"total": euros(total + kept), "amount": euros(grant.amount)}
        )
    changes = {}
    for category, value in wanted.items():
        value = value or ZERO
        line = lines.get(category)
        before = line.planned if line is not None else None
        if before == value:
            continue
        changes[category] = [_text(before), _text(value)]
        if line is None:
            BudgetLine.objects.create(grant=grant, category=category, planned=value)
        else:
            line.planned = value
            line.save(update_fields=["planned", "updated_at"])
    if changes:
        log_action(actor, "funding.budget_changed", grant, changes)


# ------------------------------------------------------------------------------------------
# Spending


def in_period(grant: Grant, year: int, month: int) -> bool:
    start, end = grant.start_date, grant.end_date
    return (start.year, start.month) <= (year, month) <= (end.year, end.month)


def _month_name(year: int, month: int) -> str:
    return f"{MONTHS[month]} {year}"


def check_period(grant: Grant, year: int, month: int) -> None:
    if not 1 <= month <= 12 or not in_period(grant, year, month):
        start, end = grant.start_date, grant.end_date
        raise ValidationError(
            {
                "month": _("Please choose a month within the grant period (%(start)s to %(end)s).")
                % {
                    "start": _month_name(start.year, start.month),
                    "end": _month_name(end.year, end.month),
                }
            }
        )


@transaction.atomic
def record_spending(
    grant: Grant,
    *,
    actor,
    category: str,
    year: int,
    month: int,
    amount: Decimal,
    note: str = "",
) -> tuple[Spending, Decimal | None]:
    """Record what the grant spent in `category` in a month of its period; an amount already
    recorded for that month and category is replaced. Returns the row and the amount before
    (None when the month was new)."""
    check_period(grant, year, month)
    if category not in CostCategory.values:
        raise ValidationError({"category": _("Please choose a cost category.")})
    note = note.strip()
    key = {"grant": grant, "category": category, "year": year, "month": month}
    row = Spending.objects.select_for_update().filter(**key).first()
    before = row.amount if row is not None else None
    if row is not None and (row.amount, row.note) == (amount, note):
        return row, before
    data: dict[str, Any] = {"category": category, "year": year, "month": month}
    data["amount"] = [_text(before), _text(amount)]
    if row is None:
        row = _insert_spending(Spending(**key, amount=amount, note=note))
    else:
        if row.note != note:
            data["note"] = [row.note, note]
        row.amount, row.note = amount, note
        row.save(update_fields=["amount", "note", "updated_at"])
    log_action(actor, "funding.spending_recorded", grant, data)
    return row, before


def _insert_spending(row: Spending) -> Spending:
    """A new month; refused when someone recorded the same month at the same moment."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:
        raise ValidationError(
            _("Someone else recorded this month in the meantime. Please check it and save again.")
        ) from error
    return row


# ------------------------------------------------------------------------------------------
# Drawdowns


def _check_received(requested_on: dt.date, received_on: dt.date | None) -> None:
    if received_on is not None and received_on < requested_on:
        raise ValidationError(
            {"received_on": _("The money cannot have arrived before it was requested.")}
        )


@transaction.atomic
def record_drawdown(
    grant: Grant,
    *,
    actor,
    source: str,
    requested_on: dt.date,
    amount: Decimal,
    received_on: dt.date | None = None,
) -> Drawdown:
    """Money called from the EU fund or a co-financier under the grant (and, if it has come
    already, when it was received)."""
    _check_received(requested_on, received_on)
    if amount <= 0:
        raise ValidationError({"amount": _("Please give an amount above zero.")})
    drawdown = Drawdown(
        grant=grant,
        source=source.strip(),
        requested_on=requested_on,
        amount=amount,
        received_on=received_on,
    )
    drawdown.full_clean()
    drawdown.save()
    data = {
        "source": drawdown.source,
        "requested_on": _text(requested_on),
        "amount": _text(amount),
    }
    if received_on is not None:
        data["received_on"] = _text(received_on)
    log_action(actor, "funding.drawdown_recorded", grant, data)
    return drawdown


@transaction.atomic
def mark_received(drawdown: Drawdown, *, actor, received_on: dt.date) -> Drawdown:
    """The day the money of a drawdown arrived (or a corrected day)."""
    grant = drawdown.grant
    drawdown = Drawdown.objects.select_for_update().get(pk=drawdown.pk)
    _check_received(drawdown.requested_on, received_on)
    if drawdown.received_on == received_on:
        return drawdown
    data = {
        "source": drawdown.source,
        "requested_on": _text(drawdown.requested_on),
        "amount": _text(drawdown.amount),
        "received_on": [_text(drawdown.received_on), _text(received_on)],
    }
    drawdown.received_on = received_on
    drawdown.save(update_fields=["received_on", "updated_at"])
    log_action(actor, "funding.drawdown_received", grant, data)
    return drawdown
