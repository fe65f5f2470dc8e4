"""Workflows of the needs register: each validates, saves, logs, in one transaction.

The tables that link a need to forums, consultations and initiatives live in higher apps, which
this app never imports; merging finds them through the model's reverse relations instead.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.activity import log_action
from kiezwerk.core.consent import record_consent
from kiezwerk.core.models import Consent
from kiezwerk.needs.consents import DEMAND
from kiezwerk.needs.enums import (
    CLOSED_STATUSES,
    PUBLIC_STATUSES,
    UNSERVED_DEMAND,
    DemandStatus,
    EvidenceSource,
    NeedStatus,
)
from kiezwerk.needs.models import DemandRequest, Need, NeedCategory, NeedSupport

# Fields a user edits with update_need; status, merging and archiving have their own verbs.
EDITABLE_FIELDS = (
    "neighbourhood",
    "category",
    "title",
    "description",
    "affected",
    "source",
    "raised_on",
    "evidence",
    "supporters",
    "is_public",
)


@transaction.atomic
def create_need(
    *,
    actor,
    agency: Agency,
    neighbourhood: Neighbourhood,
    category: NeedCategory,
    title: str,
    **fields: Any,
) -> Need:
    """Record a need of a neighbourhood (from a forum, a consultation, a resident, ...)."""
    if neighbourhood.agency_id != agency.pk:
        raise ValidationError({"neighbourhood": _("This neighbourhood belongs to another agency.")})
    need = Need(
        agency=agency, neighbourhood=neighbourhood, category=category, title=title, **fields
    )
    if need.status == NeedStatus.REJECTED and not need.status_reason.strip():
        raise ValidationError({"status_reason": _("Please say why the need is rejected.")})
    if need.status in CLOSED_STATUSES:
        need.closed_on = timezone.localdate()
    need.full_clean()
    need.save()
    log_action(
        actor,
        "needs.need_created",
        need,
        {"title": title, "neighbourhood": str(neighbourhood), "category": str(category)},
    )
    return need


@transaction.atomic
def update_need(need: Need, *, actor, **fields: Any) -> Need:
    """Change what is known about a need; logs the fields that really changed."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_need() cannot change {sorted(unknown)}")
    neighbourhood = fields.get("neighbourhood")
    if neighbourhood is not None and neighbourhood.agency_id != need.agency_id:
        raise ValidationError({"neighbourhood": _("This neighbourhood belongs to another agency.")})
    changed = {name: value for name, value in fields.items() if _differs(need, name, value)}
    if not changed:
        return need
    for name, value in changed.items():
        setattr(need, name, value)
    need.full_clean()
    need.save(update_fields=[*changed, "updated_at"])
    log_action(
        actor,
        "needs.need_changed",
        need,
        {name: _loggable(value) for name, value in changed.items()},
    )
    return need


def _differs(need: Need, name: str, value: Any) -> bool:
    """Whether `value` differs from the need's field; related objects compared by key."""
    field = Need._meta.get_field(name)
    if field.is_relation:
        return getattr(need, field.attname) != getattr(value, "pk", value)
    return getattr(need, name) != value


def _loggable(value: Any) -> Any:
    if isinstance(value, str | int | bool) or value is None:
        return value
    return str(value)


@transaction.atomic
def change_status(need: Need, *, actor, status: str, reason: str = "") -> Need:
    """Move a need along reported → confirmed → being addressed → met, or reject it (with a
    reason). Met and rejected needs are closed on the day; reopening clears the date."""
    if status not in NeedStatus.values:
        raise ValidationError({"status": _("Please choose a valid status.")})
    reason = reason.strip()
    if status == NeedStatus.REJECTED and not reason:
        raise ValidationError({"reason": _("Please say why the need is rejected.")})
    if need.merged_into_id is not None or need.archived_at is not None:
        raise ValidationError(_("This need was merged or archived and can no longer change."))
    from_status = need.status
    need.status = status
    need.status_reason = reason
    if status in CLOSED_STATUSES:
        if from_status not in CLOSED_STATUSES or need.closed_on is None:
            need.closed_on = timezone.localdate()
    else:
        need.closed_on = None
    need.save(update_fields=["status", "status_reason", "closed_on", "updated_at"])
    log_action(
        actor,
        "needs.status_changed",
        need,
        {"from": from_status, "to": status, "reason": reason},
    )
    return need


def link_relations() -> list[models.ManyToOneRel]:
    """The one-to-many relations of rows that link a need to something else (a forum, an
    initiative, a consultation): their model has a foreign key named "need" to Need."""
    return [
        relation
        for relation in Need._meta.get_fields(include_hidden=True)
        if relation.one_to_many
        and relation.related_model is not Need
        and relation.field.name == "need"
    ]


def _key_fields(link_model: type[models.Model]) -> list[str]:
    """The foreign keys besides the need that make one link row what it is."""
    return [
        field.attname
        for field in link_model._meta.concrete_fields
        if field.is_relation and field.name != "need"
    ]


def _movable_links(link_model: type[models.Model], source: Need, into: Need) -> models.QuerySet:
    """Link rows of the source that the target does not have yet."""
    same_link = link_model._default_manager.filter(
        need=into, **{name: OuterRef(name) for name in _key_fields(link_model)}
    )
    return link_model._default_manager.filter(need=source).exclude(Exists(same_link))


def merge_candidates(source: Need) -> models.QuerySet:
    """Needs the source may be merged into: same agency and neighbourhood, active, not merged."""
    return (
        Need.objects.active()
        .filter(
            agency_id=source.agency_id,
            neighbourhood_id=source.neighbourhood_id,
            merged_into__isnull=True,
        )
        .exclude(pk=source.pk)
    )


def check_merge(source: Need, into: Need) -> None:
    if source.pk == into.pk:
        raise ValidationError({"into": _("A need cannot be merged into itself.")})
    if source.merged_into_id is not None or source.archived_at is not None:
        raise ValidationError(_("This need was already merged or archived."))
    if into.merged_into_id is not None or into.archived_at is not None:
        raise ValidationError({"into": _("This need was merged or archived; choose another.")})
    if (into.agency_id, into.neighbourhood_id) != (source.agency_id, source.neighbourhood_id):
        raise ValidationError({"into": _("Only needs of the same neighbourhood can be merged.")})


@transaction.atomic
def merge_needs(source: Need, *, into: Need, actor) -> Need:
    """Merge a duplicate into another need: the source is archived and points at the target,
    which takes over its supporters and its links to forums, consultations and initiatives.
    Links the target already has stay with the source as its history; nothing is deleted."""
    # Lock both rows and read them fresh, so that two merges cannot cross.
    locked = {
        need.pk: need
        for need in Need.objects.select_for_update().filter(pk__in=[source.pk, into.pk])
    }
    source = locked.get(source.pk, source)
    into = locked.get(into.pk, into)
    check_merge(source, into)
    moved = {}
    for relation in link_relations():
        link_model = relation.related_model
        moved[link_model._meta.label] = _movable_links(link_model, source, into).update(need=into)
    # Needs merged into the source earlier now belong to the target too (one level deep, so
    # that a need's page finds all of them with one query).
    earlier = list(Need.objects.filter(merged_into=source).values_list("pk", flat=True))
    Need.objects.filter(pk__in=earlier).update(merged_into=into)
    now = timezone.now()
    Need.objects.filter(pk=source.pk).update(merged_into=into, archived_at=now, updated_at=now)
    Need.objects.filter(pk=into.pk).update(
        supporters=F("supporters") + source.supporters, updated_at=now
    )
    source.refresh_from_db()
    into.refresh_from_db()
    data = {
        "source": source.pk,
        "source_title": source.title,
        "into": into.pk,
        "into_title": into.title,
        "supporters": source.supporters,
        "moved": moved,
        "earlier_merged": earlier,
    }
    log_action(actor, "needs.need_merged", source, data)
    log_action(actor, "needs.need_merged", into, data)
    return into


# ------------------------------------------------------------------------------------------
# The public needs board (portal): reports by residents and anonymous supports


def report_need(
    *,
    agency: Agency,
    neighbourhood: Neighbourhood,
    category: NeedCategory,
    title: str,
    description: str = "",
) -> Need:
    """A need a resident reported on the needs board: it enters the register as reported, not
    public, flagged for staff, who publish (`publish_report`) or reject it."""
    return create_need(
        actor=None,
        agency=agency,
        neighbourhood=neighbourhood,
        category=category,
        title=title,
        description=description,
        source=EvidenceSource.RESIDENT,
        status=NeedStatus.REPORTED,
        is_public=False,
        from_portal=True,
    )


def awaits_moderation(need: Need) -> bool:
    """A resident's report that staff have neither published nor rejected yet."""
    return need.from_portal and need.status == NeedStatus.REPORTED and not need.is_public


@transaction.atomic
def publish_report(need: Need, *, actor) -> Need:
    """Publish a resident's report: confirmed and shown on the needs board (both logged)."""
    if need.status == NeedStatus.REPORTED:
        change_status(need, actor=actor, status=NeedStatus.CONFIRMED)
    return update_need(need, actor=actor, is_public=True)


def is_on_board(need: Need) -> bool:
    return (
        need.is_public
        and need.status in PUBLIC_STATUSES
        and need.archived_at is None
        and need.merged_into_id is None
    )


def support_need(need: Need, *, address_hash: str) -> bool:
    """Count one support of a public need from one address (a keyed hash) per day. Returns
    False when this address supported it today already. The count is one UPDATE with F(), so
    that supports sent at the same time all add up."""
    if not is_on_board(need):
        raise ValidationError(_("This need is not on the needs board."))
    try:
        with transaction.atomic():
            NeedSupport.objects.create(
                agency_id=need.agency_id, need=need, address_hash=address_hash
            )
            Need.objects.filter(pk=need.pk).update(supporters=F("supporters") + 1)
            need.refresh_from_db(fields=["supporters"])
            log_action(
                None, "needs.need_supported", need, {"supporters": need.supporters, "via": "portal"}
            )
    except IntegrityError:
        return False
    return True


# ------------------------------------------------------------------------------------------
# Requests from other neighbourhoods (the demand register)


def place_key(name: str) -> str:
    """A neighbourhood name as compared when an agency takes up a neighbourhood."""
    return " ".join(name.split()).casefold()


@transaction.atomic
def receive_demand(**fields: Any) -> DemandRequest:
    """Store a request from the public form, with the time of consent and its quarter."""
    now = timezone.now()
    today = timezone.localdate(now)
    demand = DemandRequest(
        **fields,
        consent_at=now,
        year=today.year,
        quarter=(today.month - 1) // 3 + 1,
        neighbourhood_key=place_key(fields.get("neighbourhood_name", "")),
    )
    demand.full_clean()
    demand.save()
    record_consent(demand, DEMAND, channel=Consent.Channel.ONLINE, given_at=now)
    # No contact details in the log: it outlives the request's retention.
    log_action(
        None,
        "needs.demand_received",
        demand,
        {"district": str(demand.district), "place": demand.place, "category": str(demand.category)},
    )
    return demand


@transaction.atomic
def change_demand(demand: DemandRequest, *, actor, status: str, notes: str) -> DemandRequest:
    """A handler marks a request as forwarded, waiting or served and keeps notes (logged)."""
    if status not in DemandStatus.values:
        raise ValidationError({"status": _("Please choose a valid status.")})
    if demand.archived_at is not None:
        raise ValidationError(_("This request is archived and can no longer change."))
    changed = {}
    if demand.status != status:
        changed["status"] = {"from": demand.status, "to": status}
    if demand.notes != notes:
        changed["notes"] = True  # what was noted stays on the request, not in the log
    if not changed:
        return demand
    demand.status = status
    demand.notes = notes
    demand.full_clean()
    demand.save(update_fields=["status", "notes", "updated_at"])
    log_action(actor, "needs.demand_changed", demand, changed)
    return demand


@transaction.atomic
def hand_over_demand(neighbourhood: Neighbourhood, *, actor) -> int:
    """An agency took up `neighbourhood` (created or restored): the requests from there that
    still wait for an agency (same district and neighbourhood name) are handed to it, marked
    forwarded and logged in its activity log. Returns how many."""
    if neighbourhood.archived_at is not None:
        return 0
    waiting = list(
        DemandRequest.objects.active()
        .select_for_update()
        .filter(
            agency__isnull=True,
            status__in=UNSERVED_DEMAND,
            district_id=neighbourhood.district_id,
            neighbourhood_key=place_key(neighbourhood.name),
        )
    )
    now = timezone.now()
    for demand in waiting:
        demand.agency_id = neighbourhood.agency_id
        demand.status = DemandStatus.FORWARDED
        demand.handed_over_at = now
        demand.save(update_fields=["agency", "status", "handed_over_at", "updated_at"])
        log_action(
            actor,
            "needs.demand_handed_over",
            demand,
            {"neighbourhood": neighbourhood.name, "agency": str(neighbourhood.agency)},
        )
    # The consents go with the requests: the agency now answers for them.
    Consent.objects.filter(
        content_type=ContentType.objects.get_for_model(DemandRequest),
        object_id__in=[str(demand.pk) for demand in waiting],
    ).update(agency_id=neighbourhood.agency_id)
    return len(waiting)
