"""Erasure (Art. 17 GDPR) and restriction (Art. 18) of a person's records.

`plan(agency, records)` says for each record what erasure will do: anonymise it (which fields),
keep it because funding law holds it (then it is restricted instead, Art. 17(3)(b) with 18),
or nothing because it is anonymised already; and how many log rows will be scrubbed.
`execute(plan, by=…)` does it in one transaction. Rows are anonymised, never deleted, so that
every figure and report built on them stays right: the personal fields of the registry become
empty, None or the placeholder ("anonymised", for names the database requires); coded
attributes (choices and yes/no answers, e.g. a job holder's age band) stay as anonymous
statistics once nothing links them to the person. An account also loses its e-mail addresses,
second factors, sessions, failed log-ins and memberships. The activity-log and audit rows
about the records are scrubbed (`privacy.scrub`); consents stay as proof (they hold only the
link). The log names counts only. Running it again changes nothing more.

The nightly retention run (`privacy.tasks`) anonymises with the same `anonymise`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, Membership
from kiezwerk.core.activity import log_action
from kiezwerk.privacy import registry, retention, scrub, subjects
from kiezwerk.privacy.models import DataSubjectRequest

USER = "accounts.User"
BATCH = 500
# Fields given the placeholder rather than emptied, when a database constraint wants them set:
# a request must keep a way back (phone or e-mail), an attendee without organisation a name.
PLACEHOLDER_FIELDS: dict[str, dict[str, Callable[[models.Model], bool]]] = {
    "appointments.AppointmentRequest": {"phone": lambda record: True},
    "needs.DemandRequest": {"phone": lambda record: True},
    "forums.Attendee": {"name": lambda record: bool(record.name)},
}
# Besides the identifying fields, values searched for in the logs.
SEARCHED_FIELDS = ("phone", "pseudonym")
KEEP = object()  # the field keeps its value


class Action(models.TextChoices):
    ANONYMISE = "anonymise", _("anonymise")
    KEEP = "keep", _("keep and restrict")
    DONE = "done", _("already anonymised")


def placeholder() -> str:
    """The word that stands where personal data was, in the installation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("anonymised")


def personal_fields(label: str) -> list[str]:
    entry = registry.REGISTRY.get(label)
    return list(entry.fields) if entry else []


def _is_unique(model: type[models.Model], name: str) -> bool:
    if model._meta.get_field(name).unique:
        return True
    return any(
        isinstance(constraint, models.UniqueConstraint) and name in constraint.fields
        for constraint in model._meta.constraints
    )


def _account_value(record: models.Model, name: str) -> Any:
    return {
        "email": f"erased-{record.pk}@invalid.invalid",
        "name": "",
        "password": make_password(None),
        "last_login": None,
    }.get(name, KEEP)


def _value(record: models.Model, name: str, word: str) -> Any:
    """What an anonymised record holds in personal field `name` (KEEP: it stays)."""
    model, label = type(record), record._meta.label
    if label == USER:
        return _account_value(record, name)
    model_field = model._meta.get_field(name)
    if not model_field.concrete or model_field.many_to_many:
        return KEEP
    text = isinstance(model_field, models.CharField | models.TextField)
    needs_placeholder = PLACEHOLDER_FIELDS.get(label, {}).get(name)
    if text and needs_placeholder is not None and needs_placeholder(record):
        return word
    if getattr(record, model_field.attname) in (None, ""):
        return KEEP  # nothing to remove
    if model_field.choices or isinstance(model_field, models.BooleanField):
        return KEEP  # a coded attribute: anonymous statistics without the rest
    if text and model_field.blank:
        return ""
    if isinstance(model_field, models.EmailField):
        return f"anonymised-{record.pk}@invalid.invalid"
    if text:
        return f"{word}-{record.pk}" if _is_unique(model, name) else word
    return None if model_field.null else KEEP


def anonymised_values(record: models.Model, word: str | None = None) -> dict[str, Any]:
    """{field: new value} for the personal fields that change."""
    word = word or placeholder()
    values = {name: _value(record, name, word) for name in personal_fields(record._meta.label)}
    changed = {name: value for name, value in values.items() if value is not KEEP}
    if record._meta.label == USER:
        changed["is_active"] = False
    return changed


def _labels(record: models.Model, names) -> list[str]:
    return [str(record._meta.get_field(name).verbose_name) for name in names]


def _searched(record: models.Model) -> list[str]:
    entry = registry.REGISTRY.get(record._meta.label)
    if entry is None:
        return []
    names = [n for n, item in entry.fields.items() if item.identifies or n in SEARCHED_FIELDS]
    return [str(getattr(record, name) or "") for name in names]


@dataclass(frozen=True)
class Item:
    """What erasure does to one record."""

    ref: str
    record: models.Model
    action: str
    fields: list[str]  # labels of the fields anonymised
    kept: list[str]  # labels of the coded fields kept as anonymous statistics
    removed: list[str]  # what is deleted besides (for accounts)
    hold: retention.Hold | None

    @property
    def kind(self) -> str:
        return str(self.record._meta.verbose_name)

    @property
    def action_label(self) -> str:
        return str(Action(self.action).label)


@dataclass
class Plan:
    agency: Agency
    items: list[Item]
    logs: scrub.Scrubbed = field(default_factory=scrub.Scrubbed)
    missing: int = 0  # refs of the request that name no record (any longer)

    def records(self, action: str) -> list[models.Model]:
        return [item.record for item in self.items if item.action == action]

    @property
    def to_anonymise(self) -> list[Item]:
        return [item for item in self.items if item.action == Action.ANONYMISE]

    @property
    def to_keep(self) -> list[Item]:
        return [item for item in self.items if item.action == Action.KEEP]


ACCOUNT_REMOVALS = (
    _("e-mail addresses of the log-in"),
    _("second factors (MFA)"),
    _("API tokens (revoked)"),
    _("open sessions"),
    _("failed log-ins"),
    _("memberships (archived)"),
)


def _item(record: models.Model, hold: retention.Hold | None, today: dt.date) -> Item:
    ref = subjects.ref_of(record)
    if record.anonymised_at is not None:
        return Item(ref, record, Action.DONE, [], [], [], hold)
    if hold is not None and hold.active(today):
        return Item(ref, record, Action.KEEP, [], [], [], hold)
    changing = [name for name in anonymised_values(record, "-") if name != "is_active"]
    kept = [
        name
        for name in personal_fields(record._meta.label)
        if name not in changing and not _is_empty(record, name)
    ]
    if record._meta.label == USER:
        kept = [name for name in kept if name != "date_joined"] + ["date_joined"]
    removed = [str(text) for text in ACCOUNT_REMOVALS] if record._meta.label == USER else []
    return Item(
        ref,
        record,
        Action.ANONYMISE,
        _labels(record, changing),
        _labels(record, kept),
        removed,
        hold,
    )


def _is_empty(record: models.Model, name: str) -> bool:
    """The field holds nothing (there is nothing to keep or to remove)."""
    model_field = record._meta.get_field(name)
    if not model_field.concrete or model_field.many_to_many:
        return False
    return getattr(record, model_field.attname) in (None, "")


def _user_pks(records: list[models.Model]) -> list[int]:
    return [record.pk for record in records if record._meta.label == USER]


def _targets(records: list[models.Model]) -> list[scrub.Target]:
    return scrub.targets(
        records, {label: entry.fields for label, entry in registry.REGISTRY.items()}
    )


def plan(agency: Agency, records: list[models.Model], today: dt.date | None = None) -> Plan:
    """What erasing these records of the agency would do (nothing is changed)."""
    today = today or timezone.localdate()
    holds = retention.holds(records, agency.pk, today)
    items = [_item(record, holds.get((record._meta.label, record.pk)), today) for record in records]
    result = Plan(agency, items)
    scrubbed = result.records(Action.ANONYMISE) + result.records(Action.DONE)
    if scrubbed:
        values = scrub.searchable(v for r in result.records(Action.ANONYMISE) for v in _searched(r))
        result.logs = scrub.count(_targets(scrubbed), values, agency.pk, _user_pks(scrubbed))
    return result


def plan_for(request: DataSubjectRequest, today: dt.date | None = None) -> Plan:
    """The plan for the records confirmed on a request."""
    records = subjects.load(request.agency, request.records)
    result = plan(request.agency, records, today)
    result.missing = len(request.records) - len(records)
    return result


# --- doing it ------------------------------------------------------------------------------


def anonymise(
    records: list[models.Model], *, agency_id: int | None, also_scrub: list[models.Model] = ()
) -> scrub.Scrubbed:
    """Anonymise the records (bulk, one update per model and batch) and scrub the log rows
    about them or naming them; `also_scrub` are records anonymised before."""
    word, now = placeholder(), timezone.now()
    values = scrub.searchable(value for record in records for value in _searched(record))
    emails = [record.email for record in records if record._meta.label == USER]
    grouped: dict[type[models.Model], list[models.Model]] = {}
    for record in records:
        grouped.setdefault(type(record), []).append(record)
    for model, group in grouped.items():
        changed: set[str] = set()
        for record in group:
            for name, value in anonymised_values(record, word).items():
                setattr(record, name, value)
                changed.add(name)
            record.anonymised_at = now
        model._default_manager.bulk_update(
            group, sorted(changed | {"anonymised_at"}), batch_size=BATCH
        )
    _close_accounts(_user_pks(records), emails, now)
    scrubbed = [*records, *also_scrub]
    return scrub.scrub(_targets(scrubbed), values, agency_id, word, _user_pks(scrubbed))


def _close_accounts(user_pks: list[int], emails: list[str], now: dt.datetime) -> None:
    if not user_pks:
        return
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    EmailAddress.objects.filter(user_id__in=user_pks).delete()
    Authenticator.objects.filter(user_id__in=user_pks).delete()
    # The API sits beside privacy at the top: reached by name, not imported.
    tokens = apps.get_model("api", "ApiToken").objects.filter(user_id__in=user_pks)
    tokens.filter(revoked_at__isnull=True).update(revoked_at=now)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=emails).delete()
    memberships = Membership.objects.filter(user_id__in=user_pks)
    memberships.update(listed_publicly=False, listing_consent="")
    memberships.filter(archived_at__isnull=True).update(archived_at=now)
    _end_sessions(user_pks)


def _end_sessions(user_pks: list[int]) -> None:
    """Delete the users' stored sessions. Sessions kept only in a cache cannot be listed:
    they end anyway, as the unusable password no longer matches their hash."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return
    wanted = {str(pk) for pk in user_pks}
    sessions = store.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for session in sessions.iterator(chunk_size=BATCH):
        if str(store().decode(session.session_data).get(SESSION_KEY)) in wanted:
            store(session_key=session.session_key).delete()


def execute(plan: Plan, *, by, request: DataSubjectRequest | None = None) -> dict[str, int]:
    """Do what the plan says, in one transaction; log the counts (never the data) on the
    request, or on the agency without one. Returns the counts."""
    with transaction.atomic():
        scrubbed = anonymise(
            plan.records(Action.ANONYMISE),
            agency_id=plan.agency.pk,
            also_scrub=plan.records(Action.DONE),
        )
        restricted = restrict(plan.records(Action.KEEP), by=by, request=request)
        counts = {
            "anonymised": len(plan.records(Action.ANONYMISE)),
            "kept": len(plan.to_keep),
            "restricted": restricted,
            "activity_rows": scrubbed.activity,
            "audit_rows": scrubbed.audit,
        }
        log_action(by, "privacy.erased", request or plan.agency, counts)
    return counts


# --- restriction (Art. 18) --------------------------------------------------------------------


def _set_restriction(records, *, by, request, restricted: bool) -> int:
    verb = "privacy.restricted" if restricted else "privacy.restriction_lifted"
    data = {"request": request.pk} if request is not None else {}
    changed = 0
    with transaction.atomic():
        for record in records:
            if (record.restricted_at is None) != restricted:
                continue
            record.restricted_at = timezone.now() if restricted else None
            type(record)._default_manager.filter(pk=record.pk).update(
                restricted_at=record.restricted_at
            )
            log_action(by, verb, record, data)
            changed += 1
    return changed


def restrict(records: list[models.Model], *, by, request=None) -> int:
    """Mark the records restricted (kept, but left out of exports and reports); returns how
    many were not restricted before. Each is logged."""
    return _set_restriction(records, by=by, request=request, restricted=True)


def lift(records: list[models.Model], *, by, request=None) -> int:
    """Lift the restriction of the records; returns how many were restricted."""
    return _set_restriction(records, by=by, request=request, restricted=False)
