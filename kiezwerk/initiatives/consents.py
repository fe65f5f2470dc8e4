"""The consent a contact person gives: the agency stores their phone and e-mail address for
the counselling.

When it is withdrawn, phone and e-mail are blanked and the time of consent cleared; the person
stays named on the case. Their name is part of the case record the funding law asks the agency
to keep (who was counselled, Art. 6(1)(c) GDPR) until its retention period ends or an erasure
request anonymises it (`kiezwerk.privacy.erasure`). A founder account linked to the contact
keeps its access: that rests on the account, not on this consent. Nothing else of the case
changes."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.consent import Purpose
from kiezwerk.initiatives.models import ContactPerson

CONTACT = "initiatives.contact_details"
TEXT = _("The contact person agrees that the agency stores these contact details.")


def stop_contact(contact: ContactPerson, actor) -> None:
    contact.phone = ""
    contact.email = ""
    contact.consent_given_at = None
    contact.consent_recorded_by = None
    contact.updated_at = timezone.now()
    contact.save(
        update_fields=["phone", "email", "consent_given_at", "consent_recorded_by", "updated_at"]
    )


def _url(contact: ContactPerson, slug: str) -> str:
    return reverse("initiatives:detail", kwargs={"slug": slug, "pk": contact.initiative_id})


PURPOSES = (
    Purpose(
        key=CONTACT,
        label=_("contact details stored for the counselling"),
        text=TEXT,
        text_version="2026-01",
        model="initiatives.ContactPerson",
        on_withdraw=stop_contact,
        person=lambda contact: contact.name,
        url=_url,
        owner="user",
    ),
)
