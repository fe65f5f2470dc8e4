"""The filters of the needs register (django-filter): neighbourhood, category, status, search."""

import django_filters
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.needs.enums import NeedStatus
from kiezwerk.needs.models import Need, NeedCategory


class NeedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search in titles"), field_name="title", lookup_expr="icontains"
    )
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.none()
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=NeedCategory.objects.all()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=NeedStatus.choices)

    class Meta:
        model = Need
        fields: list[str] = []

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Needs are no personal data: every reader of the register sees all neighbourhoods.
        self.filters["neighbourhood"].queryset = Neighbourhood.objects.active().filter(
            agency=agency
        )

    def selected_neighbourhood(self) -> Neighbourhood | None:
        return self.form.cleaned_data.get("neighbourhood") if self.is_valid() else None
