"""The filters of the initiative list (django-filter): stage, place, people, contact, search."""

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Neighbourhood
from kiezwerk.initiatives.enums import LegalForm, Stage
from kiezwerk.initiatives.forms.case import advisors_of
from kiezwerk.initiatives.models import Initiative, InitiativeNeed
from kiezwerk.needs.models import NeedCategory


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.none()
    )
    legal_form = django_filters.ChoiceFilter(label=_("Legal form"), choices=LegalForm.choices)
    advisor = django_filters.ModelChoiceFilter(label=_("Advisor"), queryset=None)
    need_category = django_filters.ModelChoiceFilter(
        label=_("Need category"),
        queryset=NeedCategory.objects.only("pk", "name"),
        method="filter_category",
    )
    no_contact_weeks = django_filters.NumberFilter(
        label=_("No contact for at least (weeks)"), method="filter_no_contact", min_value=1
    )
    order = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("name", "name"),
            ("stage", "stage"),
            ("neighbourhood__name", "neighbourhood"),
            ("last_contact_on", "last_contact"),
            ("stage_changed_at", "in_stage_since"),
        ),
        field_labels={
            "name": _("Name"),
            "stage": _("Stage"),
            "neighbourhood__name": _("Neighbourhood"),
            "last_contact_on": _("Last contact"),
            "stage_changed_at": _("In this stage since"),
        },
    )

    class Meta:
        model = Initiative
        fields: list[str] = []

    def __init__(self, *args, agency, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only what the options show: the list page renders them on every request.
        self.filters["neighbourhood"].queryset = (
            Neighbourhood.objects.visible_to(user).active().filter(agency=agency).only("pk", "name")
        )
        self.filters["advisor"].queryset = advisors_of(agency).only("pk", "name", "email")
        for name in ("no_contact_weeks",):
            self.filters[name].field.widget.attrs.update({"min": 1, "max": 520})

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_category(self, queryset, name, value):
        links = InitiativeNeed.objects.filter(need__category=value).values("initiative_id")
        return queryset.filter(pk__in=links)

    def filter_no_contact(self, queryset, name, value):
        since = timezone.localdate() - dt.timedelta(weeks=int(value))
        return queryset.filter(Q(last_contact_on__lt=since) | Q(last_contact_on__isnull=True))
