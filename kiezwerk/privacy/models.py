"""Data protection requests of persons (Art. 15–21 GDPR) and the register that tracks their
one-month due date. Consents live in `core.Consent`; the registry of personal fields is code
(`registry.py`), not data."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kiezwerk.agencies.models import Agency
from kiezwerk.core.dates import one_month_after
from kiezwerk.core.models import TimeStampedModel


class RequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=DataSubjectRequest.Status.OPEN)

    def for_agency(self, agency):
        return self.filter(agency=agency)


class DataSubjectRequest(TimeStampedModel):
    """A person's request to the agency: access, erasure, restriction, rectification or
    objection. Answer within one month of receipt (Art. 12(3)); `due_on` is computed once."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("access (Art. 15, 20)")
        ERASURE = "erasure", _("erasure (Art. 17)")
        RESTRICTION = "restriction", _("restriction (Art. 18)")
        RECTIFICATION = "rectification", _("rectification (Art. 16)")
        OBJECTION = "objection", _("objection or withdrawal of consent (Art. 21, 7(3))")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", pgettext_lazy("data protection request", "answered")
        REFUSED = "refused", _("refused")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("request"), max_length=20, choices=Kind.choices)
    subject_name = models.CharField(_("name of the person"), max_length=200, blank=True)
    subject_email = models.EmailField(_("e-mail address of the person"), blank=True)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due by"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    # The records found for the person and confirmed by staff: ["initiatives.ContactPerson:12"].
    records = models.JSONField(_("records of the person"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("data protection request")
        verbose_name_plural = _("data protection requests")
        ordering = ["status", "due_on", "pk"]
        indexes = [models.Index(fields=["agency", "status", "due_on"], name="privacy_request_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%d.%m.%Y}"

    @staticmethod
    def due_for(received_on: datetime.date) -> datetime.date:
        """One month after receipt (Art. 12(3) GDPR)."""
        return one_month_after(received_on)

    def save(self, *args, **kwargs):
        if not self.due_on and self.received_on:
            self.due_on = self.due_for(self.received_on)
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()
