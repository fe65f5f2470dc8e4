"""Changes to the portal's records: each validated, saved in one transaction and logged."""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Agency, Membership
from kiezwerk.core.activity import changed_fields, log_action
from kiezwerk.core.consent import record_consent, withdraw_all
from kiezwerk.core.models import Consent
from kiezwerk.portal.consents import FEEDBACK, LISTING
from kiezwerk.portal.models import AccessibilityFeedback, PortalPage


class StalePage(Exception):
    """The page was saved by someone else since the editor opened it."""


@transaction.atomic
def save_page(agency: Agency, kind: str, *, form, user) -> PortalPage:
    """Create or update the page from a valid PageForm, if nobody saved it in between. The log
    names the page and the changed fields, not the text."""
    data = form.cleaned_data
    fields = {name: data[name] for name in ("title", "body_markdown", "published")}
    page = PortalPage.objects.select_for_update().filter(agency=agency, kind=kind).first()
    if page is None:
        if data["version"] != 0:
            raise StalePage
        page = PortalPage.objects.create(agency=agency, kind=kind, updated_by=user, **fields)
    else:
        updated = PortalPage.objects.filter(pk=page.pk, version=data["version"]).update(
            **fields, updated_by=user, version=F("version") + 1, updated_at=timezone.now()
        )
        if not updated:
            raise StalePage
        page.refresh_from_db()
    log_action(
        user, "portal.page_changed", page, {"kind": kind, "fields": sorted(form.changed_data)}
    )
    return page


@transaction.atomic
def receive_feedback(agency: Agency, *, form) -> AccessibilityFeedback:
    """Store the feedback with the time of consent and e-mail it to the agency once saved."""
    feedback = form.save(commit=False)
    feedback.agency = agency
    feedback.consent_at = timezone.now()
    feedback.save()
    record_consent(feedback, FEEDBACK, channel=Consent.Channel.ONLINE, given_at=feedback.consent_at)
    log_action(None, "portal.feedback_received", feedback)
    if agency.email:
        transaction.on_commit(lambda: _mail_feedback(feedback))
    return feedback


def _mail_feedback(feedback: AccessibilityFeedback) -> None:
    lines = [
        _("Accessibility feedback from the public portal. Please answer by %(due)s.")
        % {"due": feedback.due_on.strftime("%d.%m.%Y")},
        "",
        feedback.message,
        "",
        _("Page: %(page)s") % {"page": feedback.page_address or "–"},
        _("Name: %(name)s") % {"name": feedback.name or "–"},
        _("E-mail: %(email)s") % {"email": feedback.email or "–"},
    ]
    subject = _("Accessibility feedback (answer by %(due)s)") % {
        "due": feedback.due_on.strftime("%d.%m.%Y")
    }
    send_mail(subject, "\n".join(lines), None, [feedback.agency.email], fail_silently=True)


@transaction.atomic
def answer_feedback(feedback: AccessibilityFeedback, *, note: str, user) -> None:
    feedback.answered_at = timezone.now()
    feedback.answered_by = user
    feedback.answer_note = note
    feedback.save(update_fields=["answered_at", "answered_by", "answer_note", "updated_at"])
    log_action(user, "portal.feedback_answered", feedback)


@transaction.atomic
def change_listing(membership: Membership, *, form, user, channel: str) -> None:
    """Save the public listing of a team member (by management or by the member). Listing
    records the person's consent, unlisting withdraws it, by `channel`."""
    form.save()
    if "listed_publicly" in form.changed_data:
        if membership.listed_publicly:
            record_consent(membership, LISTING, channel=channel, recorded_by=user)
        else:
            withdraw_all(membership, LISTING, by=user, channel=channel)
    log_action(user, "portal.listing_changed", membership, changed_fields(form))
