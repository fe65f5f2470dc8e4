"""The consent of a forum attendee to be recorded by name (and e-mail).

When it is withdrawn, name and e-mail go. An attendee who came for an organisation (a partner
or an initiative) stays registered as that organisation; a person who came for nobody else is
removed from the list of registered attendees, since nothing would be left of the row. The
forum's head counts are their own figures and stay as they are, and so does every figure built
on them."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.consent import Purpose
from kiezwerk.forums.models import Attendee

NAMED = "forums.named_attendee"
TEXT = _(
    "I agree that the agency records my name and, if I give it, my e-mail address as an "
    "attendee of this forum or event. I can withdraw this at any time."
)


def stop_naming(attendee: Attendee, actor) -> None:
    if attendee.partner_id is None and attendee.initiative_id is None:
        Attendee.objects.filter(pk=attendee.pk).delete()
        # The object stays in memory for the log entry, which must not carry the name.
        attendee.name, attendee.email = str(_("a person")), ""
        return
    attendee.name, attendee.email, attendee.consent_given = "", "", False
    attendee.updated_at = timezone.now()
    attendee.save(update_fields=["name", "email", "consent_given", "updated_at"])


def _url(attendee: Attendee, slug: str) -> str:
    return reverse("forums:detail", kwargs={"slug": slug, "pk": attendee.forum_id})


PURPOSES = (
    Purpose(
        key=NAMED,
        label=_("named as an attendee of a forum or event"),
        text=TEXT,
        text_version="2026-01",
        model="forums.Attendee",
        on_withdraw=stop_naming,
        person=lambda attendee: attendee.name,
        url=_url,
    ),
)
