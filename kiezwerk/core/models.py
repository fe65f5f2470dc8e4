"""Base model and the activity log that every change in Kiezwerk writes to."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Every Kiezwerk table knows when a row was created and last changed."""

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True


class ArchivableQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


class ArchivableModel(TimeStampedModel):
    """Records are archived, never deleted: history and reports stay complete."""

    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class ActivityLogQuerySet(models.QuerySet):
    def for_object(self, target: models.Model):
        content_type = ContentType.objects.get_for_model(target)
        return self.filter(content_type=content_type, object_id=str(target.pk))

    def for_agency(self, agency_id: int):
        return self.filter(agency_id=agency_id)

    def newest(self):
        """Newest first by id: served by the (agency, -id) index at any size."""
        return self.select_related("actor").order_by("-pk")

    def page_before(self, before: int | None, size: int):
        """One page of the newest entries older than entry `before` (keyset pagination)."""
        entries = self.newest()
        if before is not None:
            entries = entries.filter(pk__lt=before)
        return list(entries[: size + 1])


class ActivityLogEntry(models.Model):
    """One domain event: who did what to which object, with the changed fields.

    The agency key is a lazy reference ("agencies.Agency"): core never imports the agencies
    app, but every entry carries its tenant so timelines are one index lookup.
    """

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verb = models.CharField(_("what"), max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=200)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = ActivityLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="activity_object_idx"
            ),
            models.Index(fields=["agency", "-id"], name="activity_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.object_repr}"

    @property
    def label(self) -> str:
        from kiezwerk.core.activity import verb_label

        return verb_label(self.verb)


class PublicSubmission(models.Model):
    """One form sent from a public page, kept for a day to limit how often one address may send
    (kiezwerk.core.public_forms). The address is stored only as a keyed hash, never as it is."""

    scope = models.CharField(_("form"), max_length=40)
    address_hash = models.CharField(_("address (hashed)"), max_length=64)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("public submission")
        verbose_name_plural = _("public submissions")
        indexes = [
            models.Index(fields=["scope", "address_hash", "sent_at"], name="public_submission_idx")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.sent_at:%Y-%m-%d %H:%M}"


class PersonalRecord(models.Model):
    """A record about one person: it can be restricted (Art. 18 GDPR: kept, but left out of
    exports and reports) and anonymised (Art. 17, or when its retention period ends) while the
    row stays for the figures built on it. `kiezwerk.privacy` sets both."""

    restricted_at = models.DateTimeField(
        _("processing restricted"), null=True, blank=True, editable=False
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_restricted(self) -> bool:
        return self.restricted_at is not None

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class ConsentQuerySet(models.QuerySet):
    def for_record(self, record: models.Model):
        content_type = ContentType.objects.get_for_model(record)
        return self.filter(content_type=content_type, object_id=str(record.pk))

    def in_force(self):
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """One consent a person gave: to what purpose, in which wording (text version), when, by
    which channel, who recorded it, and when it was withdrawn. Consents are never deleted;
    withdrawing sets `withdrawn_at` and stops the processing that depends on it
    (`kiezwerk.core.consent`). Lives in core so that every app can record the consents it
    asks for; the person is the record the consent was given for (a generic relation)."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online form")
        PAPER = "paper", _("on paper")
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("by phone")
        EMAIL = "email", _("by e-mail")

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    purpose = models.CharField(_("purpose"), max_length=60)
    text_version = models.CharField(_("text version"), max_length=40)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_channel = models.CharField(
        _("channel of withdrawal"), max_length=20, choices=Channel.choices, blank=True
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "purpose"], name="consent_subject_idx"
            ),
            models.Index(fields=["agency", "-given_at"], name="consent_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.given_at:%Y-%m-%d}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None
