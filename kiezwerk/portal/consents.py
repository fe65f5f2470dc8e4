"""The consents the portal asks for: a team member's name on the agency's public page, and the
accessibility feedback sent through the public form.

Withdrawing the listing takes the name off the public page at once (the note of how the person
agreed stays with the membership). Withdrawing the feedback's consent blanks the message, name
and e-mail and marks the record anonymised; feedback still open counts as answered, so that it
leaves the list of open feedback and its due date. The row stays for the figures."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Membership
from kiezwerk.core.consent import Purpose
from kiezwerk.portal.models import AccessibilityFeedback

LISTING = "portal.team_listing"
FEEDBACK = "portal.accessibility_feedback"
LISTING_TEXT = _(
    "My name and job title are shown on the agency's public page, in the list of its team. "
    "I can withdraw this at any time."
)
FEEDBACK_TEXT = _(
    "I agree that the agency stores my message and, if I give them, my name and e-mail "
    "address, to answer me. I can withdraw this at any time."
)


def stop_listing(membership: Membership, actor) -> None:
    membership.listed_publicly = False
    membership.updated_at = timezone.now()
    membership.save(update_fields=["listed_publicly", "updated_at"])


def stop_feedback(feedback: AccessibilityFeedback, actor) -> None:
    now = timezone.now()
    fields = {"message": "", "name": "", "email": "", "anonymised_at": now, "updated_at": now}
    if feedback.answered_at is None:
        fields |= {
            "answered_at": now,
            "answered_by": actor,
            "answer_note": gettext("Closed: the person withdrew their consent."),
        }
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(**fields)
    feedback.refresh_from_db()


def _listing_url(membership: Membership, slug: str) -> str:
    return reverse("portal_admin:team_listing", kwargs={"slug": slug, "pk": membership.pk})


def _feedback_url(feedback: AccessibilityFeedback, slug: str) -> str | None:
    if feedback.answered_at is not None:
        return None  # the answer page is only for open feedback
    return reverse("portal_admin:feedback_answer", kwargs={"slug": slug, "pk": feedback.pk})


PURPOSES = (
    Purpose(
        key=LISTING,
        label=_("named on the agency's public page"),
        text=LISTING_TEXT,
        text_version="2026-01",
        model="agencies.Membership",
        on_withdraw=stop_listing,
        person=lambda membership: membership.user.name,
        url=_listing_url,
        related=("user",),
        owner="user",
    ),
    Purpose(
        key=FEEDBACK,
        label=_("accessibility feedback from the public page"),
        text=FEEDBACK_TEXT,
        text_version="2026-01",
        model="portal.AccessibilityFeedback",
        on_withdraw=stop_feedback,
        person=lambda feedback: feedback.name or str(feedback),
        url=_feedback_url,
    ),
)
