"""Founding initiatives on their way to consolidated social enterprises, and their case work."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.models import Agency, Neighbourhood, member_agency_ids
from kiezwerk.agencies.rules import agency_roles, assigned_neighbourhood_ids
from kiezwerk.core.models import (
    ArchivableModel,
    ArchivableQuerySet,
    PersonalRecord,
    TimeStampedModel,
)
from kiezwerk.initiatives.enums import (
    CRITERIA,
    EMES_INDICATORS,
    ENTERPRISE_STAGES,
    DocumentKind,
    LegalForm,
    Rating,
    Stage,
    Topic,
)
from kiezwerk.needs.models import Need, NeedCategory

AGENCY_WIDE_CASE_ROLES = (Role.MANAGER, Role.EVALUATOR)
EMES_LABELS = dict(EMES_INDICATORS)


class InitiativeQuerySet(ArchivableQuerySet):
    def visible_to(self, user) -> "InitiativeQuerySet":
        """Managers and evaluators: the agency's; advisors: their neighbourhoods'; founders: own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(self._staff_scope(user) | self._founder_scope(user))

    def visible_to_staff(self, user) -> "InitiativeQuerySet":
        """Only what the user sees as agency staff (the board, lists, search)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(self._staff_scope(user))

    @staticmethod
    def _staff_scope(user) -> Q:
        """Built from the user's roles and team, read once per request (agencies.rules), so
        that the filter is plain values and not subqueries repeated in every query."""
        roles = agency_roles(user)
        wide = [agency for agency, role in roles.items() if role in AGENCY_WIDE_CASE_ROLES]
        advising = [agency for agency, role in roles.items() if role == Role.ADVISOR]
        if not advising:
            return Q(agency_id__in=wide)
        return Q(agency_id__in=wide) | Q(
            agency_id__in=advising, neighbourhood_id__in=assigned_neighbourhood_ids(user)
        )

    @staticmethod
    def _founder_scope(user) -> Q:
        founder_agencies = member_agency_ids(user, (Role.FOUNDER,))
        own = ContactPerson.objects.filter(user=user, archived_at__isnull=True)
        return Q(agency_id__in=founder_agencies, pk__in=own.values("initiative_id"))

    def in_directory(self) -> "InitiativeQuerySet":
        """The public directory: enterprises that opted in, from the founding stage on (not
        paused or given up), not archived, in active neighbourhoods of active agencies."""
        return self.filter(
            is_public=True,
            archived_at__isnull=True,
            stage__in=ENTERPRISE_STAGES,
            agency__archived_at__isnull=True,
            neighbourhood__archived_at__isnull=True,
        )

    def search(self, text: str) -> "InitiativeQuerySet":
        """By name, idea or contact: PostgreSQL full text (German), else a substring match."""
        text = text.strip()
        if not text:
            return self
        contacts = ContactPerson.objects.filter(name__icontains=text, archived_at__isnull=True)
        matches = (
            Q(name__icontains=text)
            | Q(idea__icontains=text)
            | Q(pk__in=contacts.values("initiative_id"))
        )
        if connection.vendor == "postgresql":
            matches |= Q(pk__in=_full_text_matches(text))
        return self.filter(matches)


def _full_text_matches(text: str):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    vector = SearchVector("name", "idea", "contacts__name", config="german")
    query = SearchQuery(text, config="german", search_type="websearch")
    return Initiative.objects.annotate(document=vector).filter(document=query).values("pk")


class Initiative(ArchivableModel):
    """A founding initiative; from the founding stage on, a social enterprise."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="initiatives"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    name = models.CharField(_("name"), max_length=200)
    idea = models.TextField(_("idea"), blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.INQUIRY
    )
    stage_changed_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    stage_version = models.PositiveIntegerField(default=0, editable=False)
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True, editable=False)
    # The social enterprise, once founded.
    legal_form = models.CharField(
        _("legal form"), max_length=10, choices=LegalForm.choices, default=LegalForm.NONE
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    registry_number = models.CharField(_("registry number"), max_length=60, blank=True)
    business_lines = models.TextField(
        _("business lines"), blank=True, help_text=_("One line of business per line.")
    )
    served_neighbourhoods = models.ManyToManyField(
        Neighbourhood,
        verbose_name=_("neighbourhoods served"),
        through="ServedNeighbourhood",
        related_name="+",
        blank=True,
    )
    needs = models.ManyToManyField(
        Need,
        verbose_name=_("needs addressed"),
        through="InitiativeNeed",
        related_name="initiatives",
        blank=True,
    )
    # Public profile, for the directory (opt-in).
    is_public = models.BooleanField(_("show in the public directory"), default=False)
    public_description = models.TextField(_("public description"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    public_address = models.CharField(_("public address"), max_length=200, blank=True)
    public_phone = models.CharField(_("public phone"), max_length=40, blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # What it offers, for the directory's category filter: chosen by the advisor, because the
    # needs it addresses may be internal and many enterprises address none on record.
    directory_category = models.ForeignKey(
        NeedCategory,
        verbose_name=_("what it offers"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The category under which the public directory lists it."),
    )
    external_ref = models.CharField(
        _("external reference"),
        max_length=100,
        blank=True,
        help_text=_("The key of this record in another tool; imports find it by this."),
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "external_ref"],
                condition=~Q(external_ref=""),
                name="initiative_unique_external_ref",
            )
        ]
        indexes = [
            models.Index(
                fields=["agency", "stage", "-stage_changed_at", "-id"], name="initiative_board_idx"
            ),
            models.Index(fields=["agency", "name", "id"], name="initiative_name_idx"),
            models.Index(fields=["agency", "neighbourhood", "name"], name="initiative_hood_idx"),
            models.Index(fields=["agency", "last_contact_on"], name="initiative_contact_idx"),
            # The public directory crosses agencies: only the opted-in rows, in name order.
            models.Index(
                fields=["name", "id"],
                condition=Q(is_public=True, archived_at__isnull=True),
                name="initiative_directory_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ServedNeighbourhood(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("neighbourhood served")
        verbose_name_plural = _("neighbourhoods served")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "initiative", "neighbourhood"], name="served_hood_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} – {self.neighbourhood_id}"


class InitiativeNeed(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("need addressed")
        verbose_name_plural = _("needs addressed")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "initiative", "need"], name="initiative_need_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} – {self.need_id}"


class ContactPerson(ArchivableModel, PersonalRecord):
    """A member of the initiative the agency talks to; may have a founder account."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role in the initiative"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("founder account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contact_roles",
    )
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_ref = models.CharField(
        _("external reference"),
        max_length=100,
        blank=True,
        help_text=_("The key of this record in another tool; imports find it by this."),
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "external_ref"],
                condition=~Q(external_ref=""),
                name="contact_unique_external_ref",
            )
        ]
        indexes = [models.Index(fields=["agency", "initiative"], name="contact_initiative_idx")]

    def __str__(self) -> str:
        return self.name


class StageChange(models.Model):
    """One move of an initiative from a stage to another: the pipeline's history."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["changed_at", "pk"]
        indexes = [
            models.Index(fields=["agency", "initiative", "changed_at"], name="stagechange_idx")
        ]

    def __str__(self) -> str:
        return f"{self.from_stage or '–'} → {self.to_stage}"


class Consultation(TimeStampedModel):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="consultations"
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MaxValueValidator(24 * 60)]
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Internal: founders do not see this.")
    )
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True)
    needs_raised = models.ManyToManyField(
        Need,
        verbose_name=_("needs raised"),
        through="ConsultationNeed",
        related_name="consultations",
        blank=True,
        help_text=_("Needs of the neighbourhood that came up in this consultation."),
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["agency", "initiative", "held_on"], name="consultation_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0, duration_minutes__lte=1440),
                name="consultation_duration_sane",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.held_on:%d.%m.%Y})"


class ConsultationNeed(models.Model):
    """A need of the neighbourhood that was raised in a consultation (the need's evidence)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("need raised in a consultation")
        verbose_name_plural = _("needs raised in consultations")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "consultation", "need"], name="consultation_need_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id} – {self.need_id}"


class Milestone(TimeStampedModel):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["agency", "initiative", "due_on"], name="milestone_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


def _document_path(document: "Document", filename: str) -> str:
    """Stored under a random name: the original name is kept in the row, never in paths."""
    suffix = PurePath(filename).suffix.lower()
    return f"documents/{document.agency_id}/{uuid.uuid4().hex}{suffix}"


class Document(ArchivableModel):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=200)
    original_name = models.CharField(max_length=200, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveBigIntegerField(editable=False)
    shared_with_founders = models.BooleanField(_("visible to the founders"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["agency", "initiative"], name="document_idx")]

    def __str__(self) -> str:
        return self.title


class CriteriaAssessment(TimeStampedModel):
    """The seed's four criteria, rated with evidence, dated and signed; history is kept."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="criteria_assessments"
    )
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    needs_rating = models.CharField(max_length=10, choices=Rating.choices, default=Rating.UNKNOWN)
    needs_evidence = models.TextField(blank=True)
    goals_rating = models.CharField(max_length=10, choices=Rating.choices, default=Rating.UNKNOWN)
    goals_evidence = models.TextField(blank=True)
    profit_rating = models.CharField(max_length=10, choices=Rating.choices, default=Rating.UNKNOWN)
    profit_evidence = models.TextField(blank=True)
    financing_rating = models.CharField(
        max_length=10, choices=Rating.choices, default=Rating.UNKNOWN
    )
    financing_evidence = models.TextField(blank=True)

    class Meta:
        verbose_name = _("criteria check")
        verbose_name_plural = _("criteria checks")
        ordering = ["-assessed_on", "-pk"]
        indexes = [
            models.Index(fields=["agency", "initiative", "-assessed_on"], name="criteria_idx")
        ]

    def rows(self) -> list[tuple[str, str, str]]:
        """(question, rating label, evidence) for each criterion."""
        return [
            (
                str(question),
                str(Rating(getattr(self, f"{key}_rating")).label),
                getattr(self, f"{key}_evidence"),
            )
            for key, question in CRITERIA
        ]

    @property
    def met_count(self) -> int:
        return sum(getattr(self, f"{key}_rating") == Rating.MET for key, _q in CRITERIA)


def _score(label) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, validators=[MaxValueValidator(3)])


class EmesProfile(TimeStampedModel):
    """The nine EMES indicators rated 0–3 at a date: a profile over time, not a verdict."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="emes_profiles"
    )
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    continuous_activity = _score(EMES_LABELS["continuous_activity"])
    economic_risk = _score(EMES_LABELS["economic_risk"])
    paid_work = _score(EMES_LABELS["paid_work"])
    explicit_aim = _score(EMES_LABELS["explicit_aim"])
    citizen_initiative = _score(EMES_LABELS["citizen_initiative"])
    limited_profit = _score(EMES_LABELS["limited_profit"])
    autonomy = _score(EMES_LABELS["autonomy"])
    not_capital_based = _score(EMES_LABELS["not_capital_based"])
    participation = _score(EMES_LABELS["participation"])

    class Meta:
        verbose_name = _("EMES profile")
        verbose_name_plural = _("EMES profiles")
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["agency", "initiative", "-assessed_on"], name="emes_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{key}__lte": 3 for key, _label in EMES_INDICATORS}),
                name="emes_scores_0_to_3",
            )
        ]

    def scores(self) -> list[tuple[str, int]]:
        return [(str(label), getattr(self, key)) for key, label in EMES_INDICATORS]
