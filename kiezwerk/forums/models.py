"""Local forums and other events in a neighbourhood: who came, what was said, what came of it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, MemberScopedQuerySet, Neighbourhood
from kiezwerk.core.models import ArchivableModel, PersonalRecord, TimeStampedModel
from kiezwerk.forums.enums import AttendeeGroup, ForumKind
from kiezwerk.initiatives.models import Initiative
from kiezwerk.needs.models import Need
from kiezwerk.network.models import Partner, Partnership


class Forum(ArchivableModel):
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="forums",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ForumKind.choices, default=ForumKind.FORUM
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    # The year as an integer: figures per period without Extract() (slow on SQLite).
    year = models.PositiveSmallIntegerField(editable=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    follow_ups = models.TextField(
        _("follow-ups"), blank=True, help_text=_("Who does what by when after the event.")
    )
    residents_count = models.PositiveIntegerField(_("residents"), default=0)
    initiatives_count = models.PositiveIntegerField(_("initiatives"), default=0)
    partners_count = models.PositiveIntegerField(_("partners"), default=0)
    public_bodies_count = models.PositiveIntegerField(_("public bodies"), default=0)
    is_public = models.BooleanField(_("show in the public calendar"), default=True)
    needs_raised = models.ManyToManyField(
        Need,
        verbose_name=_("needs raised"),
        through="ForumNeed",
        related_name="forums",
        blank=True,
    )
    initiatives_sparked = models.ManyToManyField(
        Initiative,
        verbose_name=_("initiatives sparked"),
        through="ForumInitiative",
        related_name="forums",
        blank=True,
    )
    partnerships_agreed = models.ManyToManyField(
        Partnership,
        verbose_name=_("partnerships agreed"),
        through="ForumPartnership",
        related_name="forums",
        blank=True,
    )

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum or event")
        verbose_name_plural = _("forums and events")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(
                fields=["agency", "neighbourhood", "-starts_at"], name="forum_hood_date_idx"
            ),
            models.Index(fields=["agency", "starts_at"], name="forum_agency_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="forum_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.year = timezone.localtime(self.starts_at).year
        super().save(*args, **kwargs)

    @property
    def attendance(self) -> int:
        return (
            self.residents_count
            + self.initiatives_count
            + self.partners_count
            + self.public_bodies_count
        )


class Attendee(TimeStampedModel, PersonalRecord):
    """A registered participant: a person who agreed to be recorded, or an organisation.

    Partner and initiative attendees make the co-attendance ties of the social-capital graph."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="attendees"
    )
    group = models.CharField(_("group"), max_length=20, choices=AttendeeGroup.choices)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent_given = models.BooleanField(
        _("agreed to be recorded"),
        default=False,
        help_text=_("A person is only recorded by name with their consent."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("registered attendee")
        verbose_name_plural = _("registered attendees")
        ordering = ["group", "name", "pk"]
        indexes = [models.Index(fields=["agency", "forum"], name="attendee_forum_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | Q(partner__isnull=False) | Q(initiative__isnull=False),
                name="attendee_is_someone",
            ),
            models.CheckConstraint(
                condition=Q(name="") | Q(consent_given=True), name="attendee_named_with_consent"
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.partner or self.initiative)


class ForumNeed(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("need raised at a forum")
        verbose_name_plural = _("needs raised at forums")
        constraints = [
            models.UniqueConstraint(fields=["agency", "forum", "need"], name="forum_need_unique")
        ]

    def __str__(self) -> str:
        return f"{self.forum_id} – {self.need_id}"


class ForumInitiative(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("initiative sparked at a forum")
        verbose_name_plural = _("initiatives sparked at forums")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "forum", "initiative"], name="forum_initiative_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.forum_id} – {self.initiative_id}"


class ForumPartnership(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+")
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("partnership agreed at a forum")
        verbose_name_plural = _("partnerships agreed at forums")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "forum", "partnership"], name="forum_partnership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.forum_id} – {self.partnership_id}"
