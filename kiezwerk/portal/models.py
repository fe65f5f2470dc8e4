"""The portal's own records: the agency's editable public pages and the accessibility
feedback residents send. Everything else on public pages is read from the domain apps."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency
from kiezwerk.core import dates
from kiezwerk.core.models import (
    ArchivableModel,
    ArchivableQuerySet,
    PersonalRecord,
    TimeStampedModel,
)
from kiezwerk.portal.enums import PageKind

BODY_MAX = 20_000
FEEDBACK_MAX = 3_000


class PortalPage(TimeStampedModel):
    """A page of the agency's public portal written in Markdown by its management. A page not
    written (or not published) yet is shown with the generated default (portal.defaults)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="portal_pages"
    )
    kind = models.CharField(_("page"), max_length=30, choices=PageKind.choices)
    title = models.CharField(_("title"), max_length=150)
    body_markdown = models.TextField(_("text"), max_length=BODY_MAX)
    published = models.BooleanField(_("published"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("portal page")
        verbose_name_plural = _("portal pages")
        ordering = ["agency", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="portal_page_once_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=PageKind.values), name="portal_page_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.agency})"


def one_month_after(moment: dt.datetime) -> dt.date:
    """The same day of the next month in Berlin (the last day when the next month is shorter)."""
    return dates.one_month_after(timezone.localdate(moment))


class FeedbackQuerySet(ArchivableQuerySet):
    def open(self) -> "FeedbackQuerySet":
        return self.filter(answered_at__isnull=True)


class AccessibilityFeedback(ArchivableModel, PersonalRecord):
    """A resident's report of a barrier on the portal. The agency answers within a month
    (the accessibility statement promises it); the due date follows from `created_at`."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="accessibility_feedback",
    )
    message = models.TextField(_("message"), max_length=FEEDBACK_MAX)
    page_address = models.CharField(_("page concerned"), max_length=300, blank=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent_at = models.DateTimeField(_("consent given"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answer_note = models.TextField(_("note on the answer"), max_length=FEEDBACK_MAX, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        received = timezone.localdate(self.created_at).isoformat()
        return f"{_('Accessibility feedback')} {received}"

    @property
    def due_on(self) -> dt.date:
        return one_month_after(self.created_at)

    @property
    def is_overdue(self) -> bool:
        return self.answered_at is None and timezone.localdate() > self.due_on
