"""Cross-app figures for the back-office dashboard, computed in one database query."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from kiezwerk.accounts.enums import STAFF_ROLES
from kiezwerk.agencies.models import Agency, Membership, Neighbourhood
from kiezwerk.funding.models import Grant
from kiezwerk.network.models import Partner


def _active_count(model, **filters) -> Coalesce:
    rows = (
        model.objects.active()
        .filter(agency=OuterRef("pk"), **filters)
        .order_by()
        .values("agency")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def agency_counts(agency: Agency) -> dict[str, int]:
    """How much of each kind of record the agency holds (active records only)."""
    return (
        Agency.objects.filter(pk=agency.pk)
        .annotate(
            neighbourhoods=_active_count(Neighbourhood),
            team=_active_count(Membership, role__in=STAFF_ROLES),
            members=_active_count(Membership),
            partners=_active_count(Partner),
            network_members=_active_count(Partner, is_network_member=True),
            grants=_active_count(Grant),
        )
        .values("neighbourhoods", "team", "members", "partners", "network_members", "grants")
        .get()
    )
