"""Workflows of forums and events: each validates, saves, logs, in one transaction."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.activity import log_action
from kiezwerk.core.consent import record_consent
from kiezwerk.core.models import Consent
from kiezwerk.forums.consents import NAMED
from kiezwerk.forums.enums import AttendeeGroup
from kiezwerk.forums.models import (
    Attendee,
    Forum,
    ForumInitiative,
    ForumNeed,
    ForumPartnership,
)
from kiezwerk.initiatives.models import Initiative
from kiezwerk.needs.enums import EvidenceSource
from kiezwerk.needs.models import Need, NeedCategory
from kiezwerk.needs.services import create_need
from kiezwerk.network.enums import PartnerKind
from kiezwerk.network.models import Partner, Partnership

# Fields a user edits with update_forum; outcomes and attendees have their own verbs.
EDITABLE_FIELDS = (
    "neighbourhood",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "agenda",
    "minutes",
    "follow_ups",
    "residents_count",
    "initiatives_count",
    "partners_count",
    "public_bodies_count",
    "is_public",
)


@transaction.atomic
def create_forum(
    agency: Agency,
    *,
    actor,
    neighbourhood: Neighbourhood,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    **fields: Any,
) -> Forum:
    """Plan a forum or another event in one of the agency's neighbourhoods."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"create_forum() does not take {sorted(unknown)}")
    _check_neighbourhood(agency.pk, neighbourhood)
    forum = Forum(
        agency=agency,
        neighbourhood=neighbourhood,
        kind=kind,
        title=title,
        starts_at=starts_at,
        **fields,
    )
    _check_times(forum)
    forum.save()
    log_action(
        actor,
        "forums.created",
        forum,
        {"title": title, "neighbourhood": str(neighbourhood), "starts_at": _loggable(starts_at)},
    )
    return forum


@transaction.atomic
def update_forum(forum: Forum, *, actor, **fields: Any) -> Forum:
    """Change a forum (also minutes, follow-ups and head counts); logs what really changed."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_forum() cannot change {sorted(unknown)}")
    if "neighbourhood" in fields:
        _check_neighbourhood(forum.agency_id, fields["neighbourhood"])
    changed = {name: value for name, value in fields.items() if _differs(forum, name, value)}
    if not changed:
        return forum
    for name, value in changed.items():
        setattr(forum, name, value)
    _check_times(forum)
    update_fields = [*changed, "updated_at"]
    if "starts_at" in changed:
        update_fields.append("year")
    forum.save(update_fields=update_fields)
    log_action(
        actor,
        "forums.changed",
        forum,
        {"fields": {name: _loggable(value) for name, value in changed.items()}},
    )
    return forum


@transaction.atomic
def add_attendee(
    forum: Forum,
    *,
    actor,
    group: str = "",
    partner: Partner | None = None,
    initiative: Initiative | None = None,
    name: str = "",
    email: str = "",
    consent_given: bool = False,
    channel: str = Consent.Channel.IN_PERSON,
) -> Attendee:
    """Register an organisation or a person at the forum. A person is recorded by name (and
    e-mail) only when they agreed to it; the consent is recorded with its channel."""
    name, email = name.strip(), email.strip()
    errors = _attendee_errors(forum, partner, initiative, name, email, consent_given)
    group = group or _group_of(partner, initiative)
    if not group:
        errors.setdefault("group", _("Please choose the group this person belongs to."))
    if errors:
        raise ValidationError(errors)
    attendee = Attendee.objects.create(
        agency_id=forum.agency_id,
        forum=forum,
        group=group,
        partner=partner,
        initiative=initiative,
        name=name,
        email=email,
        consent_given=bool(name) and consent_given,
        recorded_by=actor,
    )
    if attendee.consent_given:
        record_consent(attendee, NAMED, channel=channel, recorded_by=actor)
    log_action(
        actor,
        "forums.attendee_added",
        forum,
        {"attendee": str(partner or initiative or _("a person")), "group": group},
    )
    return attendee


def _attendee_errors(forum, partner, initiative, name, email, consent_given) -> dict:
    errors: dict[str, str] = {}
    for field, value in (("partner", partner), ("initiative", initiative)):
        if value is not None and value.agency_id != forum.agency_id:
            errors[field] = _("This belongs to another agency.")
    if partner is not None and initiative is not None:
        errors["initiative"] = _(
            "Please choose either a partner organisation or an initiative, not both."
        )
    if partner is None and initiative is None and not name:
        errors["name"] = _("Please choose an organisation or enter the name of a person.")
    if email and not name:
        errors["name"] = _("Please enter the name that goes with the e-mail address.")
    if name and not consent_given:
        errors["consent_given"] = _(
            "A person may only be recorded by name if they agreed to it. Without their "
            "consent, count them in the head count only."
        )
    return errors


def _group_of(partner: Partner | None, initiative: Initiative | None) -> str:
    """The attendance group of an organisation: public bodies, other partners, initiatives."""
    if partner is not None:
        is_public_body = partner.kind == PartnerKind.PUBLIC
        return AttendeeGroup.PUBLIC if is_public_body else AttendeeGroup.PARTNERS
    return AttendeeGroup.INITIATIVES if initiative is not None else ""


@transaction.atomic
def raise_need_at_forum(
    forum: Forum, *, actor, category: NeedCategory, title: str, **fields: Any
) -> Need:
    """Record a need that was raised at the forum: it belongs to the forum's neighbourhood,
    its evidence is the forum, its date the forum's date, and the forum lists it."""
    need = create_need(
        actor=actor,
        agency=forum.agency,
        neighbourhood=forum.neighbourhood,
        category=category,
        title=title,
        source=EvidenceSource.FORUM,
        raised_on=timezone.localdate(forum.starts_at),
        **fields,
    )
    ForumNeed.objects.create(agency_id=forum.agency_id, forum=forum, need=need)
    log_action(actor, "forums.need_raised", forum, {"need": need.title, "need_id": need.pk})
    return need


@transaction.atomic
def set_outcomes(
    forum: Forum,
    *,
    actor,
    needs: Iterable[Need] = (),
    initiatives: Iterable[Initiative] = (),
    partnerships: Iterable[Partnership] = (),
) -> dict[str, dict[str, list[str]]]:
    """Replace what came of the forum: needs raised, initiatives sparked, partnerships agreed.
    Logs what was added and removed; returns the same."""
    wanted = {
        "needs": (ForumNeed, "need", list(needs)),
        "initiatives": (ForumInitiative, "initiative", list(initiatives)),
        "partnerships": (ForumPartnership, "partnership", list(partnerships)),
    }
    for key, (_link, _field, objects) in wanted.items():
        if any(obj.agency_id != forum.agency_id for obj in objects):
            raise ValidationError({key: _("This belongs to another agency.")})
    changes = {
        key: _replace_links(forum, link, field, objects)
        for key, (link, field, objects) in wanted.items()
    }
    changes = {key: change for key, change in changes.items() if change}
    if changes:
        log_action(actor, "forums.outcomes_changed", forum, changes)
    return changes


def _replace_links(
    forum: Forum, link: type[models.Model], field: str, objects: list[models.Model]
) -> dict[str, list[str]]:
    rows = link._default_manager.filter(forum=forum)
    current = set(rows.values_list(f"{field}_id", flat=True))
    wanted = {obj.pk: obj for obj in objects}
    removed = current - set(wanted)
    added = [obj for pk, obj in wanted.items() if pk not in current]
    if removed:
        rows.filter(**{f"{field}_id__in": removed}).delete()
    link._default_manager.bulk_create(
        link(agency_id=forum.agency_id, forum=forum, **{field: obj}) for obj in added
    )
    change = {}
    if added:
        change["added"] = [str(obj) for obj in added]
    if removed:
        names = link._meta.get_field(field).related_model._default_manager.filter(pk__in=removed)
        change["removed"] = [str(obj) for obj in names]
    return change


def _check_neighbourhood(agency_id: int, neighbourhood: Neighbourhood) -> None:
    if neighbourhood.agency_id != agency_id:
        raise ValidationError({"neighbourhood": _("This neighbourhood belongs to another agency.")})


def _check_times(forum: Forum) -> None:
    if forum.ends_at is not None and forum.ends_at <= forum.starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})


def _differs(forum: Forum, name: str, value: Any) -> bool:
    field = Forum._meta.get_field(name)
    if field.is_relation:
        return getattr(forum, field.attname) != getattr(value, "pk", value)
    return getattr(forum, name) != value


def _loggable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, str):
        return value if len(value) <= 200 else value[:199] + "…"
    if isinstance(value, int | bool) or value is None:
        return value
    return str(value)
