"""The filters of the network's lists (django-filter)."""

import datetime as dt

import django_filters
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Neighbourhood
from kiezwerk.network.enums import PartnerKind, PartnershipStatus, ReferralStatus
from kiezwerk.network.models import Partner, PartnerNeighbourhood, Partnership, Referral

YES_NO = [("yes", _("yes")), ("no", _("no"))]


class PartnerFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PartnerKind.choices)
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Active in"), queryset=Neighbourhood.objects.none(), method="filter_neighbourhood"
    )
    member = django_filters.ChoiceFilter(
        label=_("Network member"), choices=YES_NO, method="filter_member"
    )

    class Meta:
        model = Partner
        fields: list[str] = []

    def __init__(self, *args, agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["neighbourhood"].queryset = Neighbourhood.objects.active().filter(
            agency=agency
        )

    def filter_neighbourhood(self, queryset, name, value):
        active_here = PartnerNeighbourhood.objects.filter(neighbourhood=value)
        return queryset.filter(pk__in=active_here.values("partner_id"))

    def filter_member(self, queryset, name, value):
        return queryset.filter(is_network_member=value == "yes")


class ReferralFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReferralStatus.choices)
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner organisation"), queryset=Partner.objects.none()
    )
    year = django_filters.NumberFilter(
        label=_("Year referred"), method="filter_year", min_value=1990, max_value=2100
    )

    class Meta:
        model = Referral
        fields: list[str] = []

    def __init__(self, *args, partners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["partner"].queryset = partners
        self.filters["year"].field.widget.attrs.update({"min": 1990, "max": 2100})

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(
            referred_on__gte=dt.date(year, 1, 1), referred_on__lt=dt.date(year + 1, 1, 1)
        )


class PartnershipFilter(django_filters.FilterSet):
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.none()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PartnershipStatus.choices)

    class Meta:
        model = Partnership
        fields: list[str] = []

    def __init__(self, *args, agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["neighbourhood"].queryset = Neighbourhood.objects.active().filter(
            agency=agency
        )
