"""The filters of the forum list (django-filter): when, neighbourhood, kind, year."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.forums.enums import ForumKind
from kiezwerk.forums.models import Forum

UPCOMING, PAST = "upcoming", "past"


class ForumFilter(django_filters.FilterSet):
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        empty_label=_("Upcoming and past"),
        method="filter_when",
    )
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.none()
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ForumKind.choices)
    year = django_filters.ChoiceFilter(label=_("Year"), choices=[])

    class Meta:
        model = Forum
        fields: list[str] = []

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["neighbourhood"].queryset = Neighbourhood.objects.active().filter(
            agency=agency
        )
        years = (
            Forum.objects.active()
            .filter(agency=agency)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == UPCOMING:
            return queryset.filter(starts_at__gte=now)
        return queryset.filter(starts_at__lt=now)
