"""Workflows of the jobs app: recording and changing positions with their holder's data,
archiving a position entered by mistake, and saving a new version of the additionality
worksheet. Each is atomic and writes the activity log; the log names the holder fields that
changed, never their values (they include special categories of personal data)."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Agency
from kiezwerk.core.activity import log_action
from kiezwerk.initiatives.models import Initiative
from kiezwerk.jobs.models import AdditionalityWorksheet, Holder, Position

HOLDER_FIELDS = (
    "pseudonym",
    "prior_status",
    "age_band",
    "gender",
    "residence",
    *Holder.DISADVANTAGES,
    "legal_basis",
)


@transaction.atomic
def record_position(
    initiative: Initiative, *, actor, holder: dict | None = None, **fields: Any
) -> Position:
    """A new position of `initiative`; `holder` the ESF data of the person in it, if known."""
    position = Position(
        agency_id=initiative.agency_id,
        initiative=initiative,
        neighbourhood_id=initiative.neighbourhood_id,
        **fields,
    )
    _check(position)
    position.save()
    data = {"title": position.title, "initiative": str(initiative)}
    if holder:
        _save_holder(position, holder)
        data["holder"] = sorted(holder)
    log_action(actor, "jobs.position_recorded", position, data)
    return position


@transaction.atomic
def update_position(
    position: Position, *, actor, holder: dict | None = None, **fields: Any
) -> Position:
    """Change a position and its holder's data; logs what changed (holder fields by name)."""
    changed = {name: value for name, value in fields.items() if getattr(position, name) != value}
    for name, value in changed.items():
        setattr(position, name, value)
    data: dict[str, Any] = {name: _text(value) for name, value in changed.items()}
    if changed:
        _check(position)
        position.save()
    if holder is not None:
        holder_changes = _save_holder(position, holder)
        if holder_changes:
            data["holder"] = holder_changes
    if data:
        log_action(actor, "jobs.position_changed", position, data)
    return position


@transaction.atomic
def archive_position(position: Position, *, actor) -> None:
    """Archive a position recorded by mistake: it leaves every figure. (A job that ended gets
    an end date instead: it stays in the figures of the years it existed.)"""
    if position.archived_at is None:
        position.archived_at = timezone.now()
        position.save(update_fields=["archived_at", "updated_at"])
        log_action(actor, "jobs.position_archived", position, {"title": position.title})


def _check(position: Position) -> None:
    if position.line_id is not None and position.line.initiative_id != position.initiative_id:
        raise ValidationError({"line": _("Please choose a business line of this enterprise.")})
    position.full_clean(exclude=["fte"])


def _save_holder(position: Position, values: dict) -> list[str]:
    """Create or change the holder row; the names of the fields that changed."""
    holder = Holder.objects.filter(position=position).first()
    if holder is None:
        holder = Holder(agency_id=position.agency_id, position=position)
    changed = [
        name for name in HOLDER_FIELDS if name in values and getattr(holder, name) != values[name]
    ]
    if not changed and holder.pk is not None:
        return []
    for name in changed:
        setattr(holder, name, values[name])
    holder.full_clean(exclude=["position"])
    holder.save()
    return changed


def _text(value) -> str:
    return f"{value:.2f}" if isinstance(value, Decimal) else str(value)


# ------------------------------------------------------------------------------------------
# Additionality


@transaction.atomic
def save_worksheet(agency, year: int, *, actor, **assumptions: Any) -> AdditionalityWorksheet:
    """A new version of the agency's worksheet for `year`: gross jobs and leakage from the
    data as they are now, the rates and reasons as given, the net jobs computed."""
    from kiezwerk.jobs.queries import additionality_inputs, net_additional

    inputs = additionality_inputs(agency.pk, year)
    net_jobs, net_fte = net_additional(inputs, **_rates(assumptions))
    # One version after another: the agency's row is the lock.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    latest = AdditionalityWorksheet.objects.filter(agency=agency, year=year).aggregate(
        latest=Max("version")
    )["latest"]
    sheet = AdditionalityWorksheet(
        agency=agency,
        year=year,
        version=(latest or 0) + 1,
        gross_jobs=inputs.gross_jobs,
        gross_fte=inputs.gross_fte,
        leakage=inputs.leakage,
        leakage_known=inputs.residence_known,
        net_jobs=net_jobs,
        net_fte=net_fte,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **assumptions,
    )
    sheet.full_clean()
    sheet.save()
    log_action(
        actor,
        "jobs.worksheet_saved",
        sheet,
        {"year": year, "version": sheet.version, "net_jobs": _text(net_jobs)},
    )
    return sheet


def _rates(assumptions: dict) -> dict:
    return {
        name: assumptions[name]
        for name in ("deadweight", "displacement", "substitution", "multiplier")
    }
