"""Reading consents for the consents pages: the records they were given for, loaded for a
whole page at once (one query per kind of record, whatever the number of rows), and the
consents a person holds about themselves."""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from kiezwerk.core.consent import Purpose, purposes
from kiezwerk.core.models import Consent


@dataclass
class Row:
    """One consent with what the page shows about its record."""

    consent: Consent
    purpose: Purpose | None
    record: object | None  # None: the record is gone (a person removed from a list)
    person: str
    url: str | None


def rows(consents: list[Consent], slug: str = "") -> list[Row]:
    """The consents of a page with their records: one query per content type on the page."""
    known = purposes()
    wanted: dict[int, set[str]] = defaultdict(set)
    related: dict[int, set[str]] = defaultdict(set)
    for consent in consents:
        wanted[consent.content_type_id].add(consent.object_id)
        found = known.get(consent.purpose)
        related[consent.content_type_id].update(found.related if found else ())
    records = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        found_records = model._default_manager.select_related(*related[type_id]).filter(
            pk__in=list(ids)
        )
        records |= {(type_id, str(record.pk)): record for record in found_records}
    return [
        _row(c, known.get(c.purpose), records.get((c.content_type_id, c.object_id)), slug)
        for c in consents
    ]


def _row(consent: Consent, purpose: Purpose | None, record, slug: str) -> Row:
    if record is None or purpose is None:
        return Row(consent, purpose, record, str(record or "–"), None)
    url = purpose.url(record, slug) if purpose.url and slug else None
    return Row(consent, purpose, record, purpose.person(record), url)


def of_person(user) -> QuerySet:
    """The consents whose record is the user's account, or a record linked to it (a contact
    person with their founder account, their membership): the `owner` of each purpose."""
    subjects = Q(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk))
    by_model: dict[str, str] = {p.model: p.owner for p in purposes().values() if p.owner}
    for label, owner in sorted(by_model.items()):
        model = apps.get_model(label)
        ids = [
            str(pk)
            for pk in model._default_manager.filter(**{owner: user}).values_list("pk", flat=True)
        ]
        if ids:
            subjects |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return Consent.objects.filter(subjects)
