"""Recording and withdrawing consents (`core.Consent`).

Each app that asks a person for consent registers its purposes in `AppConfig.ready` with
`register_purposes`: the key, a label, the current wording and its version, and what stops when
the consent is withdrawn (`on_withdraw(record, actor)`, e.g. a team member's name leaves the
portal). Withdrawing is as easy as giving: one call, from the founder area or by staff.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise

from kiezwerk.core.activity import log_action
from kiezwerk.core.models import Consent


@dataclass(frozen=True)
class Purpose:
    """What a person agrees to. `on_withdraw(record, actor)` stops the processing that depends
    on it; `person(record)` names the person on the consents page, `url(record, slug)` links the
    record's page (None: no page), `related` are the record's relations those two read, and
    `owner` the record's field that points at the person's own user account (their founder area
    lists these consents)."""

    key: str
    label: Promise | str
    text: Promise | str  # the wording the person agreed to
    text_version: str
    model: str = ""  # label of the record's model, e.g. "initiatives.ContactPerson"
    on_withdraw: Callable[[models.Model, Any], None] | None = None
    person: Callable[[models.Model], str] = str
    url: Callable[[models.Model, str], str | None] | None = None
    related: tuple[str, ...] = ()
    owner: str = ""


_PURPOSES: dict[str, Purpose] = {}


def register_purposes(*purposes: Purpose) -> None:
    for purpose in purposes:
        _PURPOSES[purpose.key] = purpose


def purposes() -> dict[str, Purpose]:
    return dict(_PURPOSES)


def purpose(key: str) -> Purpose:
    return _PURPOSES[key]


def purpose_label(key: str) -> str:
    found = _PURPOSES.get(key)
    return str(found.label) if found else key


def in_force(record: models.Model, key: str) -> bool:
    return Consent.objects.for_record(record).in_force().filter(purpose=key).exists()


def withdraw_all(record: models.Model, key: str, *, by: Any, channel: str) -> int:
    """Withdraw every consent to `key` in force for `record` (e.g. a member unlisted by
    management on their request). Returns how many."""
    found = list(Consent.objects.for_record(record).in_force().filter(purpose=key))
    for consent in found:
        withdraw_consent(consent, by=by, channel=channel)
    return len(found)


def record_consent(
    record: models.Model,
    key: str,
    *,
    channel: str,
    recorded_by: Any = None,
    given_at=None,
) -> Consent:
    """Store that the person of `record` agreed to purpose `key` in its current wording."""
    from django.contrib.contenttypes.models import ContentType

    found = purpose(key)
    user = recorded_by if getattr(recorded_by, "is_authenticated", False) else None
    consent = Consent.objects.create(
        agency_id=getattr(record, "agency_id", None),
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        purpose=key,
        text_version=found.text_version,
        given_at=given_at or timezone.now(),
        channel=channel,
        recorded_by=user,
    )
    log_action(user, "privacy.consent_recorded", record, {"purpose": key})
    return consent


def withdraw_consent(consent: Consent, *, by: Any, channel: str) -> Consent:
    """Withdraw a consent and stop what depends on it, in one transaction. Withdrawing twice
    changes nothing."""
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.withdrawn_at is not None:
            return consent
        user = by if getattr(by, "is_authenticated", False) else None
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = user
        consent.withdrawal_channel = channel
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_channel"])
        record = consent.subject
        found = _PURPOSES.get(consent.purpose)
        if record is not None:
            if found and found.on_withdraw:
                found.on_withdraw(record, user)
            log_action(user, "privacy.consent_withdrawn", record, {"purpose": consent.purpose})
    return consent
