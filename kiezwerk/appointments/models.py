"""Consultation slots, appointment requests and appointments that turn into an intake.

A slot is one bookable consultation of `duration_minutes` every week on `weekday` at
`start_time`, from `valid_from` until `valid_until`; a SlotException cancels or moves one day
of it. An AppointmentRequest either holds one occurrence of a slot (`slot` and `starts_at`) or
asks for a call back; the database refuses a second request holding the same occurrence.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, Neighbourhood, member_agency_ids
from kiezwerk.agencies.rules import assigned_neighbourhood_ids
from kiezwerk.appointments.enums import HOLDING, WEEKDAYS, Mode, Status
from kiezwerk.core.models import (
    ArchivableModel,
    ArchivableQuerySet,
    PersonalRecord,
    TimeStampedModel,
)

MAX_DURATION = 8 * 60


def _staff_scope(user, field: str) -> Q | None:
    """Management and evaluation see all of their agency; advisors their neighbourhoods.
    None: everything (superuser)."""
    if user.is_superuser:
        return None
    agency_wide = Q(agency_id__in=member_agency_ids(user, (Role.MANAGER, Role.EVALUATOR)))
    advisor = Q(agency_id__in=member_agency_ids(user, (Role.ADVISOR,))) & Q(
        **{f"{field}__in": assigned_neighbourhood_ids(user)}
    )
    return agency_wide | advisor


class ConsultationSlotQuerySet(ArchivableQuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        scope = _staff_scope(user, "neighbourhood_id")
        return self if scope is None else self.filter(scope | Q(advisor=user))

    def valid_between(self, first: dt.date, last: dt.date):
        """Active slots that have at least one day between `first` and `last`."""
        return self.active().filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=first), valid_from__lte=last
        )


class ConsultationSlot(ArchivableModel):
    """A weekly consultation hour of an advisor in a neighbourhood."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="consultation_slots",
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    start_time = models.TimeField(_("start time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    mode = models.CharField(_("kind"), max_length=20, choices=Mode.choices, default=Mode.PHONE)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = ConsultationSlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation hour")
        verbose_name_plural = _("consultation hours")
        ordering = ["weekday", "start_time"]
        indexes = [models.Index(fields=["agency", "neighbourhood"], name="slot_agency_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="slot_weekday_known"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0, duration_minutes__lte=MAX_DURATION),
                name="slot_duration_sane",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="slot_validity_ordered",
            ),
            models.CheckConstraint(condition=Q(mode__in=Mode.values), name="slot_mode_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M} ({self.neighbourhood})"

    def is_valid_on(self, day: dt.date) -> bool:
        if day.weekday() != self.weekday or day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until

    def starts_on(self, day: dt.date, at: dt.time | None = None) -> dt.datetime:
        """The aware start of the consultation on `day` (Berlin time)."""
        naive = dt.datetime.combine(day, at or self.start_time)
        return timezone.make_aware(naive, timezone.get_default_timezone())


class SlotException(TimeStampedModel):
    """One day of a slot that is cancelled or held at another time."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    slot = models.ForeignKey(
        ConsultationSlot,
        verbose_name=_("consultation hour"),
        on_delete=models.PROTECT,
        related_name="exceptions",
    )
    date = models.DateField(_("date"))
    cancelled = models.BooleanField(_("cancelled"), default=True)
    start_time = models.TimeField(
        _("other start time"),
        null=True,
        blank=True,
        help_text=_("Only if the consultation takes place at another time that day."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "slot", "date"], name="slot_exception_unique_day"
            ),
            models.CheckConstraint(
                condition=Q(cancelled=True) | Q(start_time__isnull=False),
                name="slot_exception_cancels_or_moves",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slot} – {self.date:%d.%m.%Y}"


class AppointmentRequestQuerySet(ArchivableQuerySet):
    def visible_to(self, user):
        """Personal data: only the agency's staff (advisors: their neighbourhoods)."""
        if not user.is_authenticated:
            return self.none()
        scope = _staff_scope(user, "neighbourhood_id")
        return self if scope is None else self.filter(scope)

    def holding(self):
        return self.filter(status__in=HOLDING)


class AppointmentRequest(ArchivableModel, PersonalRecord):
    """A request for a consultation from the public page, and the appointment it becomes."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("neighbourhood"), on_delete=models.PROTECT, related_name="+"
    )
    slot = models.ForeignKey(
        ConsultationSlot,
        verbose_name=_("consultation hour"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    starts_at = models.DateTimeField(_("time"), null=True, blank=True)
    callback_note = models.CharField(_("best time to call back"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    description = models.TextField(_("what it is about"), max_length=1000)
    consent_at = models.DateTimeField(_("consent given"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    proposed_at = models.DateTimeField(_("proposed time"), null=True, blank=True)
    message = models.CharField(_("message to the person"), max_length=500, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointment_requests",
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = AppointmentRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "status", "starts_at"], name="appointment_status_idx"),
            models.Index(fields=["agency", "starts_at"], name="appointment_time_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "slot", "starts_at"],
                condition=Q(status__in=HOLDING, slot__isnull=False),
                name="appointment_slot_not_double_booked",
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True) | Q(starts_at__isnull=False),
                name="appointment_slot_has_time",
            ),
            models.CheckConstraint(condition=~Q(phone="", email=""), name="appointment_reachable"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="appointment_status_known"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Appointment request {number}")).format(number=self.pk)

    @property
    def is_callback(self) -> bool:
        return self.slot_id is None and self.starts_at is None

    @property
    def duration_minutes(self) -> int:
        return self.slot.duration_minutes if self.slot_id else 30

    @property
    def when(self) -> dt.datetime | None:
        """The time being talked about: the proposed one while proposed, else the booked."""
        if self.status == Status.PROPOSED and self.proposed_at:
            return self.proposed_at
        return self.starts_at

    @property
    def mode(self) -> str:
        return self.slot.mode if self.slot_id else Mode.PHONE
