"""Workflows of the needs register: each validates, saves, logs, in one transaction.

The tables that link a need to forums, consultations and initiatives live in higher apps, which
this app never imports; merging finds them through the model's reverse relations instead.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.activity import log_action
from kiezwerk.needs.enums import CLOSED_STATUSES, NeedStatus
from kiezwerk.needs.models import Need, NeedCategory

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
