"""Workflows of the case work: each validates, saves, logs, in one transaction."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.activity import log_action
from kiezwerk.core.consent import record_consent
from kiezwerk.core.models import Consent
from kiezwerk.initiatives.consents import CONTACT
from kiezwerk.initiatives.enums import STAGES_NEEDING_A_REASON, Stage
from kiezwerk.initiatives.models import (
    Consultation,
    ContactPerson,
    CriteriaAssessment,
    EmesProfile,
    Initiative,
    InitiativeNeed,
    Milestone,
    StageChange,
)


class StaleStageError(Exception):
    """The stage was changed by someone else since the form was shown."""


@transaction.atomic
def open_initiative(
    agency: Agency,
    *,
    actor,
    name: str,
    neighbourhood: Neighbourhood,
    idea: str = "",
    advisor=None,
    contact: dict[str, Any] | None = None,
    needs=(),
) -> Initiative:
    """Open a case from a first call: the initiative, its first contact, the needs it meets."""
    initiative = Initiative.objects.create(
        agency=agency, neighbourhood=neighbourhood, name=name, idea=idea, advisor=advisor
    )
    StageChange.objects.create(
        agency=agency, initiative=initiative, to_stage=Stage.INQUIRY, changed_by=actor
    )
    if contact and contact.get("name"):
        add_contact(initiative, actor=actor, log=False, **contact)
    InitiativeNeed.objects.bulk_create(
        InitiativeNeed(agency=agency, initiative=initiative, need=need) for need in needs
    )
    log_action(actor, "initiatives.opened", initiative, {"name": name})
    return initiative


def add_contact(
    initiative: Initiative,
    *,
    actor,
    name: str,
    role: str = "",
    phone: str = "",
    email: str = "",
    consent: bool = False,
    channel: str = Consent.Channel.IN_PERSON,
    log: bool = True,
) -> ContactPerson:
    """A contact person; their phone and e-mail only with their consent, which is recorded
    with the channel they gave it by (`consents.CONTACT`)."""
    contact = ContactPerson.objects.create(
        agency_id=initiative.agency_id,
        initiative=initiative,
        name=name,
        role=role,
        phone=phone,
        email=email,
        consent_given_at=timezone.now() if consent else None,
        consent_recorded_by=actor if consent else None,
    )
    if consent:
        record_consent(contact, CONTACT, channel=channel, recorded_by=actor)
    if log:
        log_action(actor, "initiatives.contact_added", initiative, {"contact": name})
    return contact


@transaction.atomic
def change_stage(
    initiative: Initiative, *, actor, to_stage: str, note: str = "", version: int
) -> StageChange:
    """Move to another stage. Refused when `version` is stale (someone moved it meanwhile)."""
    if to_stage in STAGES_NEEDING_A_REASON and not note.strip():
        raise ValidationError({"note": _("Please say why.")})
    from_stage = initiative.stage
    now = timezone.now()
    updated = Initiative.objects.filter(pk=initiative.pk, stage_version=version).update(
        stage=to_stage, stage_changed_at=now, stage_version=F("stage_version") + 1
    )
    if not updated:
        raise StaleStageError
    initiative.refresh_from_db(fields=["stage", "stage_changed_at", "stage_version"])
    change = StageChange.objects.create(
        agency_id=initiative.agency_id,
        initiative=initiative,
        from_stage=from_stage,
        to_stage=to_stage,
        changed_at=now,
        changed_by=actor,
        note=note,
    )
    log_action(
        actor,
        "initiatives.stage_changed",
        initiative,
        {"from": from_stage, "to": to_stage, "note": note},
    )
    return change


@transaction.atomic
def reassign(initiative: Initiative, *, actor, advisor) -> None:
    previous = initiative.advisor
    initiative.advisor = advisor
    initiative.save(update_fields=["advisor", "updated_at"])
    log_action(
        actor,
        "initiatives.reassigned",
        initiative,
        {"from": str(previous or "–"), "to": str(advisor or "–")},
    )


@transaction.atomic
def record_consultation(
    initiative: Initiative, *, actor, needs_raised=(), **fields: Any
) -> Consultation:
    consultation = Consultation.objects.create(
        agency_id=initiative.agency_id, initiative=initiative, advisor=actor, **fields
    )
    consultation.needs_raised.add(
        *needs_raised, through_defaults={"agency_id": initiative.agency_id}
    )
    held_on = consultation.held_on
    Initiative.objects.filter(pk=initiative.pk).exclude(last_contact_on__gte=held_on).update(
        last_contact_on=held_on
    )
    log_action(
        actor,
        "initiatives.consultation_recorded",
        initiative,
        {"topic": consultation.topic, "held_on": held_on.isoformat()},
    )
    return consultation


@transaction.atomic
def add_milestone(initiative: Initiative, *, actor, title: str, due_on: dt.date) -> Milestone:
    milestone = Milestone.objects.create(
        agency_id=initiative.agency_id, initiative=initiative, title=title, due_on=due_on
    )
    log_action(actor, "initiatives.milestone_added", initiative, {"milestone": title})
    return milestone


@transaction.atomic
def set_milestone_done(milestone: Milestone, *, actor, done: bool) -> None:
    milestone.done_on = timezone.localdate() if done else None
    milestone.save(update_fields=["done_on", "updated_at"])
    verb = "initiatives.milestone_done" if done else "initiatives.milestone_reopened"
    log_action(actor, verb, milestone.initiative, {"milestone": milestone.title})


@transaction.atomic
def record_criteria_check(initiative: Initiative, *, actor, **fields: Any) -> CriteriaAssessment:
    """A new, signed criteria check; earlier ones stay as history."""
    check = CriteriaAssessment.objects.create(
        agency_id=initiative.agency_id, initiative=initiative, assessed_by=actor, **fields
    )
    data = {name: value for name, value in fields.items() if name.endswith("_rating")}
    data["assessed_on"] = check.assessed_on.isoformat()
    log_action(actor, "initiatives.criteria_assessed", initiative, data)
    return check


@transaction.atomic
def record_emes_profile(initiative: Initiative, *, actor, **fields: Any) -> EmesProfile:
    """A new EMES profile; earlier ones stay, so that the profile can be followed over time."""
    profile = EmesProfile.objects.create(
        agency_id=initiative.agency_id, initiative=initiative, assessed_by=actor, **fields
    )
    data = {name: value for name, value in fields.items() if name != "note"}
    data["assessed_on"] = profile.assessed_on.isoformat()
    log_action(actor, "initiatives.emes_assessed", initiative, data)
    return profile
