"""Workflows of the partner network: each validates, saves and logs, in one transaction."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Agency
from kiezwerk.core.activity import log_action
from kiezwerk.initiatives.models import Consultation, Initiative
from kiezwerk.network.enums import ReferralStatus
from kiezwerk.network.models import Delivery, Offer, Partner, Partnership, Referral


def _apply(obj: models.Model, fields: dict[str, Any]) -> dict[str, Any]:
    """Set the fields on `obj`; return those that changed, as {name: new value} for the log."""
    changed = {}
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed[name] = _loggable(value)
    return changed


def _loggable(value: Any) -> Any:
    if isinstance(value, str | int | bool) or value is None:
        return value
    return str(value)


def _set_links(obj: models.Model, field: str, targets, changed: dict[str, Any]) -> None:
    """Replace an M2M through-table link set (every row carries the agency); note the change."""
    if targets is None:
        return
    targets = list(targets)
    manager = getattr(obj, field)
    before = set(manager.values_list("pk", flat=True))
    if before != {target.pk for target in targets}:
        manager.set(targets, through_defaults={"agency_id": obj.agency_id})
        changed[field] = sorted(str(target) for target in targets)


def _links(obj: models.Model, **fields) -> dict[str, Any]:
    """Set the M2M links of a new record and return them for the log."""
    changed: dict[str, Any] = {}
    for field, targets in fields.items():
        if targets:
            _set_links(obj, field, targets, changed)
    return changed


# Partners


@transaction.atomic
def create_partner(agency: Agency, *, actor, neighbourhoods=(), **fields: Any) -> Partner:
    partner = Partner.objects.create(agency=agency, **fields)
    _links(partner, neighbourhoods=neighbourhoods)
    log_action(actor, "network.partner_created", partner, {"name": partner.name})
    return partner


@transaction.atomic
def update_partner(partner: Partner, *, actor, neighbourhoods=None, **fields: Any) -> dict:
    """Change a partner's data; returns the changed fields (logged when there are any)."""
    changed = _apply(partner, fields)
    if changed:
        partner.save()
    _set_links(partner, "neighbourhoods", neighbourhoods, changed)
    if changed:
        log_action(actor, "changed", partner, {"fields": changed})
    return changed


# Offers


def _check_offer_dates(valid_from: dt.date | None, valid_until: dt.date | None) -> None:
    if valid_from and valid_until and valid_until < valid_from:
        raise ValidationError(
            {"valid_until": _("The end of the validity cannot be before its start.")}
        )


@transaction.atomic
def create_offer(
    partner: Partner, *, actor, categories=(), neighbourhoods=(), **fields: Any
) -> Offer:
    _check_offer_dates(fields.get("valid_from"), fields.get("valid_until"))
    offer = Offer.objects.create(agency_id=partner.agency_id, partner=partner, **fields)
    links = _links(offer, categories=categories, neighbourhoods=neighbourhoods)
    log_action(actor, "network.offer_created", partner, {"offer": offer.title, **links})
    return offer


@transaction.atomic
def update_offer(
    offer: Offer, *, actor, categories=None, neighbourhoods=None, **fields: Any
) -> dict:
    _check_offer_dates(
        fields.get("valid_from", offer.valid_from), fields.get("valid_until", offer.valid_until)
    )
    changed = _apply(offer, fields)
    if changed:
        offer.save()
    _set_links(offer, "categories", categories, changed)
    _set_links(offer, "neighbourhoods", neighbourhoods, changed)
    if changed:
        log_action(actor, "changed", offer, {"fields": changed})
    return changed


@transaction.atomic
def archive_offer(offer: Offer, *, actor) -> None:
    """Take an offer off the list; referrals made to it keep pointing at it."""
    if offer.archived_at is not None:
        return
    offer.archived_at = timezone.now()
    offer.save(update_fields=["archived_at", "updated_at"])
    log_action(actor, "network.offer_archived", offer.partner, {"offer": offer.title})


# Referrals and deliveries


@transaction.atomic
def refer(
    initiative: Initiative,
    *,
    actor,
    partner: Partner,
    offer: Offer | None = None,
    consultation: Consultation | None = None,
    referred_on: dt.date | None = None,
    note: str = "",
) -> Referral:
    """Refer an initiative to a partner (and usually one of its offers)."""
    agency_id = initiative.agency_id
    if partner.agency_id != agency_id:
        raise ValidationError({"partner": _("Please choose a partner of this agency.")})
    if offer is not None and offer.partner_id != partner.pk:
        raise ValidationError({"offer": _("This offer belongs to another partner.")})
    if consultation is not None and consultation.initiative_id != initiative.pk:
        raise ValidationError({"consultation": _("Please choose a consultation of this case.")})
    referral = Referral.objects.create(
        agency_id=agency_id,
        initiative=initiative,
        neighbourhood_id=initiative.neighbourhood_id,
        partner=partner,
        offer=offer,
        consultation=consultation,
        referred_on=referred_on or timezone.localdate(),
        referred_by=actor,
        note=note,
    )
    data = {
        "partner": partner.name,
        "offer": offer.title if offer else "",
        "referred_on": referral.referred_on.isoformat(),
    }
    log_action(actor, "network.referred", initiative, data)
    log_action(actor, "network.referral_received", partner, {**data, "initiative": initiative.name})
    return referral


@transaction.atomic
def record_delivery(
    referral: Referral,
    *,
    actor,
    delivered_on: dt.date,
    kind: str,
    hours: Decimal = Decimal(0),
    value: Decimal = Decimal(0),
    note: str = "",
) -> Delivery:
    """What the partner delivered; the referral counts as delivered from now on."""
    if referral.status == ReferralStatus.DECLINED:
        raise ValidationError(_("A declined referral cannot receive deliveries."))
    if hours < 0 or value < 0:
        raise ValidationError(_("Hours and value cannot be negative."))
    delivery = Delivery.objects.create(
        agency_id=referral.agency_id,
        referral=referral,
        partner_id=referral.partner_id,
        neighbourhood_id=referral.neighbourhood_id,
        kind=kind,
        delivered_on=delivered_on,
        hours=hours,
        value=value,
        note=note,
        recorded_by=actor,
    )
    if referral.status != ReferralStatus.DELIVERED:
        referral.status = ReferralStatus.DELIVERED
        referral.save(update_fields=["status", "updated_at"])
    data = {
        "delivered_on": delivered_on.isoformat(),
        "hours": str(hours),
        "value": str(value),
        "kind": kind,
    }
    log_action(actor, "network.delivery_recorded", referral, data)
    log_action(actor, "network.delivery_recorded", referral.initiative, data)
    return delivery


@transaction.atomic
def decline_referral(referral: Referral, *, actor, reason: str) -> None:
    """The partner cannot take the referral on; it says why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Please say why.")})
    if referral.status != ReferralStatus.REFERRED:
        raise ValidationError(_("Only open referrals can be declined."))
    referral.status = ReferralStatus.DECLINED
    referral.status_reason = reason.strip()
    referral.save(update_fields=["status", "status_reason", "updated_at"])
    log_action(actor, "network.referral_declined", referral, {"reason": referral.status_reason})
    log_action(
        actor, "network.referral_declined", referral.initiative, {"partner": str(referral.partner)}
    )


# Local partnerships


def _check_partnership(
    agency_id: int, agreed_on: dt.date | None, ends_on: dt.date | None, parties
) -> None:
    if agreed_on and ends_on and ends_on < agreed_on:
        raise ValidationError({"ends_on": _("The end cannot be before the agreement.")})
    if any(party.agency_id != agency_id for party in parties):
        raise ValidationError(_("Every party must belong to this agency."))


@transaction.atomic
def create_partnership(
    agency: Agency, *, actor, partners=(), initiatives=(), **fields: Any
) -> Partnership:
    partners, initiatives = list(partners), list(initiatives)
    _check_partnership(
        agency.pk, fields.get("agreed_on"), fields.get("ends_on"), [*partners, *initiatives]
    )
    partnership = Partnership.objects.create(agency=agency, **fields)
    links = _links(partnership, partners=partners, initiatives=initiatives)
    log_action(
        actor, "network.partnership_created", partnership, {"title": partnership.title, **links}
    )
    return partnership


@transaction.atomic
def update_partnership(
    partnership: Partnership, *, actor, partners=None, initiatives=None, **fields: Any
) -> dict:
    parties = [*(partners or ()), *(initiatives or ())]
    _check_partnership(
        partnership.agency_id,
        fields.get("agreed_on", partnership.agreed_on),
        fields.get("ends_on", partnership.ends_on),
        parties,
    )
    changed = _apply(partnership, fields)
    if changed:
        partnership.save()
    _set_links(partnership, "partners", partners, changed)
    _set_links(partnership, "initiatives", initiatives, changed)
    if changed:
        log_action(actor, "changed", partnership, {"fields": changed})
    return changed
