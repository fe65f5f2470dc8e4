"""Cross-app figures for the back-office dashboard, computed in one database query."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from kiezwerk.accounts.enums import STAFF_ROLES
from kiezwerk.agencies.models import Agency, Membership, Neighbourhood
from kiezwerk.funding.models import Grant
from kiezwerk.initiatives.enums import ENTERPRISE_STAGES
from kiezwerk.initiatives.models import Initiative
from kiezwerk.network.models import Partner

COUNTS = (
    "n_neighbourhoods",
    "n_team",
    "n_members",
    "n_partners",
    "n_network_members",
    "n_grants",
    "n_initiatives",
    "n_enterprises",
)


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
    row = (
        Agency.objects.filter(pk=agency.pk)
        .annotate(
            n_neighbourhoods=_active_count(Neighbourhood),
            n_team=_active_count(Membership, role__in=STAFF_ROLES),
            n_members=_active_count(Membership),
            n_partners=_active_count(Partner),
            n_network_members=_active_count(Partner, is_network_member=True),
            n_grants=_active_count(Grant),
            n_initiatives=_active_count(Initiative),
            n_enterprises=_active_count(Initiative, stage__in=ENTERPRISE_STAGES),
        )
        .values(*COUNTS)
        .get()
    )
    return {name.removeprefix("n_"): value for name, value in row.items()}
