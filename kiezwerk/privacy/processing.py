"""The data-category part of the record of processing activities (Art. 30(1) GDPR), generated
from the privacy registry: the agency as controller and, per purpose, the categories of data
subjects and of data, the legal bases, the recipients, the storage periods (as sentences) and
the records that hold the data. Aggregated in Python from the registry; the page costs no
query beyond the agency's. The PDF is a tagged PDF/UA-1 from its own print template."""

import io
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Agency
from kiezwerk.core import pdf
from kiezwerk.privacy.registry import (
    REGISTRY,
    Basis,
    Category,
    Purpose,
    Retention,
    Subject,
    retention_sentence,
)

DOCUMENT = "privacy/processing_document.html"


@dataclass(frozen=True)
class Activity:
    """One purpose of processing and what it covers, as display texts."""

    key: str
    purpose: str
    subjects: list[str]
    categories: list[str]
    bases: list[str]
    recipients: list[str]
    retention: list[str]
    records: list[str]


@dataclass(frozen=True)
class Record:
    agency: Agency
    activities: list[Activity]
    generated_on: str


def build(agency: Agency) -> Record:
    """The record for the agency, in the active language."""
    found: dict[str, dict[str, set]] = {}
    for label, entry in REGISTRY.items():
        for name, item in entry.fields.items():
            seen = found.setdefault(item.purpose, _empty())
            seen["subjects"].update(entry.subjects_of(name))
            seen["categories"].add(item.category)
            seen["bases"].add(item.basis)
            seen["retention"].add(item.retention)
            seen["recipients"].update(str(text) for text in entry.recipients_of(name))
            seen["records"].add(label)
    activities = [_activity(purpose, found[purpose]) for purpose in Purpose if purpose in found]
    today = timezone.localdate()
    return Record(agency, activities, f"{today:%d.%m.%Y}")


def _empty() -> dict[str, set]:
    return {
        key: set()
        for key in ("subjects", "categories", "bases", "retention", "recipients", "records")
    }


def _activity(purpose: Purpose, seen: dict[str, set]) -> Activity:
    return Activity(
        key=purpose.value,
        purpose=capfirst(str(purpose.label)),
        subjects=_in_order(Subject, seen["subjects"]),
        categories=_in_order(Category, seen["categories"]),
        bases=_in_order(Basis, seen["bases"]),
        recipients=sorted(seen["recipients"]) or [_("nobody outside the agency")],
        retention=[retention_sentence(value) for value in Retention if value in seen["retention"]],
        records=sorted(_verbose_name(label) for label in seen["records"]),
    )


def _in_order(choices, values: set) -> list[str]:
    """The labels of `values` in the order the choices declare them."""
    return [capfirst(str(choice.label)) for choice in choices if choice in values]


def _verbose_name(label: str) -> str:
    return capfirst(str(apps.get_model(label)._meta.verbose_name_plural))


def render_html(record: Record) -> str:
    """The print document: headings, lists, page numbers, `<html lang>` of the language."""
    context = {
        "record": record,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "page_counter": pdf.page_counter(),
    }
    return render_to_string(DOCUMENT, context)


def pdf_bytes(record: Record) -> bytes:
    out = io.BytesIO()
    pdf.write_pdf(render_html(record), out)
    return out.getvalue()


def file_name(record: Record) -> str:
    """verzeichnis-von-verarbeitungstatigkeiten-<agency>-<day>.pdf in German."""
    with translation.override("de"):
        stem = slugify(_("record of processing activities"))
    return f"{stem}-{record.agency.slug}-{timezone.localdate():%Y-%m-%d}.pdf"
