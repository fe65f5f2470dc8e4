"""Forms of forums and events: plan, edit, register attendees, raise needs, record outcomes."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.consent_forms import channel_field
from kiezwerk.forums.enums import AttendeeGroup
from kiezwerk.forums.models import Forum
from kiezwerk.initiatives.models import Initiative
from kiezwerk.needs.models import Need, NeedCategory
from kiezwerk.network.models import Partner, Partnership

# One input for date and time, understood by browsers without JavaScript; the value is read
# in the current time zone (Europe/Berlin).
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
COUNT_WIDGET = forms.NumberInput(attrs={"min": 0, "max": 100000})


def neighbourhoods_for(user, agency: Agency):
    """The neighbourhoods the user works in: all for management, their own for advisors."""
    return Neighbourhood.objects.visible_to(user).active().filter(agency=agency)


class NeighbourhoodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Neighbourhood) -> str:
        return obj.name


class ForumForm(forms.ModelForm):
    """Plan a forum or event. Bound to a copy of the forum, so that a form with errors never
    changes the forum the page shows."""

    neighbourhood = NeighbourhoodChoiceField(
        queryset=Neighbourhood.objects.none(), label=_("Neighbourhood")
    )

    class Meta:
        model = Forum
        fields = [
            "kind",
            "title",
            "neighbourhood",
            "starts_at",
            "ends_at",
            "place",
            "agenda",
            "is_public",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "agenda": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "starts_at": _("Date and time in Berlin."),
            "ends_at": _("Optional. Must be after the start."),
            "agenda": _("Shown in the public calendar when the event is public."),
            "is_public": _("Title, kind, place, time and agenda appear in the public calendar."),
        }

    def __init__(self, *args, user, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods_for(user, agency)

    def clean(self) -> dict:
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class ForumEditForm(ForumForm):
    """Everything about a forum, also what is known after it: minutes, follow-ups, head counts."""

    class Meta(ForumForm.Meta):
        fields = [
            *ForumForm.Meta.fields,
            "minutes",
            "follow_ups",
            "residents_count",
            "initiatives_count",
            "partners_count",
            "public_bodies_count",
        ]
        widgets = {
            **ForumForm.Meta.widgets,
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "follow_ups": forms.Textarea(attrs={"rows": 4}),
            "residents_count": COUNT_WIDGET,
            "initiatives_count": COUNT_WIDGET,
            "partners_count": COUNT_WIDGET,
            "public_bodies_count": COUNT_WIDGET,
        }
        labels = {
            "residents_count": _("Residents (head count)"),
            "initiatives_count": _("People from initiatives (head count)"),
            "partners_count": _("People from partner organisations (head count)"),
            "public_bodies_count": _("People from public bodies (head count)"),
        }


class AttendeeForm(forms.Form):
    """An organisation, or a person who agreed to be recorded by name."""

    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(), label=_("Partner organisation"), required=False
    )
    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.none(), label=_("Initiative"), required=False
    )
    name = forms.CharField(
        label=_("Name of the person"),
        max_length=150,
        required=False,
        help_text=_("Only with the person's consent. Leave empty for an organisation."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    group = forms.ChoiceField(
        label=_("Group"),
        choices=[("", _("Taken from the organisation")), *AttendeeGroup.choices],
        required=False,
        help_text=_("Required for a person without an organisation."),
    )
    consent_given = forms.BooleanField(label=_("agreed to be recorded"), required=False)
    channel = channel_field()

    def __init__(self, *args, forum: Forum, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.active().filter(agency_id=forum.agency_id)
        self.fields["initiative"].queryset = (
            Initiative.objects.active().filter(agency_id=forum.agency_id).order_by("name")
        )


class RaiseNeedForm(forms.Form):
    category = forms.ModelChoiceField(queryset=NeedCategory.objects.all(), label=_("Category"))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    affected = forms.CharField(
        label=_("Who is affected"),
        max_length=300,
        required=False,
        help_text=_("For example: single parents with small children, older people living alone"),
    )
    supporters = forms.IntegerField(
        label=_("Supporters"),
        min_value=0,
        initial=0,
        widget=COUNT_WIDGET,
        help_text=_("How many people at the forum support this need."),
    )


class OutcomesForm(forms.Form):
    """What came of the forum. The choices are the neighbourhood's, plus whatever is linked
    already (so that saving never drops a link silently)."""

    needs = forms.ModelMultipleChoiceField(
        queryset=Need.objects.none(),
        label=_("Needs raised"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    initiatives = forms.ModelMultipleChoiceField(
        queryset=Initiative.objects.none(),
        label=_("Initiatives sparked"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partnerships = forms.ModelMultipleChoiceField(
        queryset=Partnership.objects.none(),
        label=_("Partnerships agreed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, forum: Forum, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        here = {"agency_id": forum.agency_id, "neighbourhood_id": forum.neighbourhood_id}
        linked = {
            "needs": forum.needs_raised.values("pk"),
            "initiatives": forum.initiatives_sparked.values("pk"),
            "partnerships": forum.partnerships_agreed.values("pk"),
        }
        choices = {
            "needs": Need.objects.filter(
                Q(archived_at__isnull=True, merged_into__isnull=True, **here)
                | Q(pk__in=linked["needs"])
            ).order_by("title", "pk"),
            "initiatives": Initiative.objects.filter(
                Q(archived_at__isnull=True, **here) | Q(pk__in=linked["initiatives"])
            ).order_by("name", "pk"),
            "partnerships": Partnership.objects.filter(
                Q(archived_at__isnull=True, **here) | Q(pk__in=linked["partnerships"])
            ).order_by("title", "pk"),
        }
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset
            self.initial.setdefault(name, [row["pk"] for row in linked[name]])
            if not queryset.exists():
                self.fields[name].help_text = _("None recorded for this neighbourhood yet.")
