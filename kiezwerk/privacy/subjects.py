"""Finding a person's records in an agency, and loading the records staff confirmed.

A record is named by a ref, "app_label.Model:pk" (`ref_of`, `parse`). `find` searches every
model the registry marks as being about one person (`person=True`) by its identifying fields:
an e-mail address case-insensitively and exactly, a name case-insensitively as a part of the
stored name (at least three characters); a pseudonymised model (a job holder) by its code,
typed in as the name, exactly. Each model is searched in one query, within the
agency (`_SCOPES`), leaving anonymised records out. `load` turns refs back into records of the
agency; a ref of another agency, of an unknown model or of a missing row is dropped silently.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency
from kiezwerk.privacy import registry

MIN_NAME_LENGTH = 3
MAX_MATCHES_PER_MODEL = 50


@dataclass(frozen=True)
class Match:
    ref: str
    kind: str  # the model's verbose name
    name: str
    email: str
    context: str  # e.g. the initiative or the forum
    url: str | None  # its back-office page, if there is one


@dataclass(frozen=True)
class _Scope:
    """How one person model is limited to an agency, read together and described."""

    rows: Callable[[models.QuerySet, Agency], models.QuerySet]
    related: tuple[str, ...] = ()
    context: Callable[[models.Model], str] = lambda record: ""
    url: Callable[[models.Model, Agency], str | None] = lambda record, agency: None


def _day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return date_format(value, "SHORT_DATE_FORMAT")


def _users(rows: models.QuerySet, agency: Agency) -> models.QuerySet:
    """Users with a membership (archived or not) in the agency; at most one each (unique), so
    the role comes from the same join."""
    return rows.filter(memberships__agency=agency).annotate(agency_role=F("memberships__role"))


def _own(rows: models.QuerySet, agency: Agency) -> models.QuerySet:
    return rows.filter(agency=agency)


def _role(user) -> str:
    role = getattr(user, "agency_role", "")
    return str(Role(role).label) if role in Role.values else ""


_SCOPES: dict[str, _Scope] = {
    "accounts.User": _Scope(_users, context=_role),
    "initiatives.ContactPerson": _Scope(
        _own,
        ("initiative",),
        context=lambda record: record.initiative.name,
        url=lambda record, agency: reverse(
            "initiatives:detail", kwargs={"slug": agency.slug, "pk": record.initiative_id}
        ),
    ),
    "forums.Attendee": _Scope(
        _own,
        ("forum",),
        context=lambda record: f"{record.forum.title} ({_day(record.forum.starts_at)})",
        url=lambda record, agency: reverse(
            "forums:detail", kwargs={"slug": agency.slug, "pk": record.forum_id}
        ),
    ),
    "jobs.Holder": _Scope(
        _own,
        ("position__initiative",),
        context=lambda record: f"{record.position} – {record.position.initiative.name}",
        url=lambda record, agency: reverse(
            "jobs:position_edit",
            kwargs={
                "slug": agency.slug,
                "pk": record.position.initiative_id,
                "position": record.position_id,
            },
        ),
    ),
    # A request from another neighbourhood belongs to the agency it was handed to.
    "needs.DemandRequest": _Scope(
        _own,
        ("district", "category"),
        context=lambda record: f"{record.place}, {_day(record.created_at)}",
        url=lambda record, agency: reverse("needs:demand_detail", kwargs={"pk": record.pk}),
    ),
    "appointments.AppointmentRequest": _Scope(
        _own,
        ("neighbourhood",),
        context=lambda record: f"{record.neighbourhood.name}, {_day(record.created_at)}",
        url=lambda record, agency: reverse(
            "appointments:request", kwargs={"slug": agency.slug, "pk": record.pk}
        ),
    ),
    "portal.AccessibilityFeedback": _Scope(
        _own,
        context=lambda record: _day(record.created_at),
        url=lambda record, agency: reverse("portal_admin:feedback", kwargs={"slug": agency.slug}),
    ),
}


def ref_of(record: models.Model) -> str:
    return f"{record._meta.label}:{record.pk}"


def parse(ref: str) -> tuple[str, int] | None:
    """("initiatives.ContactPerson", 12) for "initiatives.ContactPerson:12"; None for anything
    that is not a ref of a person model."""
    label, _, pk = str(ref).partition(":")
    if label not in _SCOPES or not pk.isdigit():
        return None
    return label, int(pk)


def rows(label: str, agency: Agency) -> models.QuerySet:
    """The agency's records of one person model, with what their summary reads."""
    scope = _SCOPES[label]
    model = apps.get_model(label)
    found = scope.rows(model._default_manager.all(), agency)
    return found.select_related(*scope.related) if scope.related else found


def find(agency: Agency, name: str = "", email: str = "") -> list[Match]:
    """The agency's records that may be about the person with this name or e-mail address."""
    name, email = (name or "").strip(), (email or "").strip()
    if len(name) < MIN_NAME_LENGTH:
        name = ""
    if not name and not email:
        return []
    matches = []
    for label in registry.person_labels():
        condition = _condition(label, name, email)
        if condition is None or label not in _SCOPES:
            continue
        found = rows(label, agency).filter(condition, anonymised_at__isnull=True).order_by("pk")
        matches += [describe(record, agency) for record in found[:MAX_MATCHES_PER_MODEL]]
    return matches


def _condition(label: str, name: str, email: str) -> Q | None:
    """Any identifying field matching; a pseudonymised model (jobs.Holder) by its code typed
    in as the name, exactly."""
    if registry.entry(label).pseudonymised:
        return Q(pseudonym__iexact=name) if name else None
    model = apps.get_model(label)
    condition = None
    for field_name in registry.identifying_fields(label):
        is_email = isinstance(model._meta.get_field(field_name), models.EmailField)
        if is_email and email:
            part = Q(**{f"{field_name}__iexact": email})
        elif not is_email and name:
            part = Q(**{f"{field_name}__icontains": name})
        else:
            continue
        condition = part if condition is None else condition | part
    return condition


def describe(record: models.Model, agency: Agency) -> Match:
    scope = _SCOPES[record._meta.label]
    return Match(
        ref=ref_of(record),
        kind=str(record._meta.verbose_name),
        name=str(getattr(record, "name", "") or record),
        email=getattr(record, "email", "") or "",
        context=scope.context(record),
        url=scope.url(record, agency),
    )


def load(agency: Agency, refs: Iterable[str]) -> list[models.Model]:
    """The records the refs name that exist and belong to the agency, in the order of the
    refs, one query per model; anything else is left out."""
    refs = [str(ref) for ref in refs]
    wanted: dict[str, list[int]] = {}
    for ref in refs:
        parsed = parse(ref)
        if parsed is not None:
            wanted.setdefault(parsed[0], []).append(parsed[1])
    found = {}
    for label, pks in wanted.items():
        for record in rows(label, agency).filter(pk__in=pks):
            found[ref_of(record)] = record
    return [found[ref] for ref in dict.fromkeys(refs) if ref in found]
