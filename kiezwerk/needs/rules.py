"""Who may do what in the needs register. Object predicates take (user, need); agency-level
ones (user, agency). Needs are not personal data: the agency's staff read all of them, advisors
too across neighbourhoods; changing them is for management and the neighbourhood's advisors."""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import (
    agency_roles,
    assigned_neighbourhood_ids,
    has_role,
    is_superuser,
    role_in,
)

REGISTER_ROLES = (Role.MANAGER, Role.EVALUATOR, Role.ADVISOR)
RECORDING_ROLES = (Role.MANAGER, Role.ADVISOR)


def _role(user, need) -> str | None:
    return role_in(user, need.agency_id) if need is not None else None


@rules.predicate
def reads_needs(user, need) -> bool:
    """Management, evaluation and advisors of the need's agency."""
    return _role(user, need) in REGISTER_ROLES


@rules.predicate
def works_on_need(user, need) -> bool:
    """Management, or an advisor of the need's neighbourhood (evaluators only read)."""
    role = _role(user, need)
    if role == Role.MANAGER:
        return True
    return role == Role.ADVISOR and need.neighbourhood_id in assigned_neighbourhood_ids(user)


rules.add_perm("needs.view_need", is_superuser | reads_needs)
rules.add_perm("needs.change_need", is_superuser | works_on_need)
# Agency level: (user, agency).
rules.add_perm("needs.list_needs", is_superuser | has_role(*REGISTER_ROLES))
rules.add_perm("needs.add_need", is_superuser | has_role(*RECORDING_ROLES))


# ------------------------------------------------------------------------------------------
# The demand register: requests from neighbourhoods no agency serves yet (user, request).
# A request has no agency until one takes up its neighbourhood. The city department (who may
# read the network overview) reads every request; an agency's managers read the requests from
# the districts in which the agency serves a neighbourhood (they know the district's offices
# and can forward) and those handed to their agency. Whoever handles a request changes it and
# reads its contact details: before the hand-over the city department and the district's
# managers, afterwards only the managers of the agency it was handed to.
NETWORK_PERMISSION = "reporting.view_network_overview"


def manager_agency_ids(user) -> frozenset[int]:
    return frozenset(
        agency_id for agency_id, role in agency_roles(user).items() if role == Role.MANAGER
    )


def manager_district_ids(user) -> frozenset[int]:
    """Districts in which an agency the user manages serves an active neighbourhood (one query,
    cached on the user object for the request)."""
    cached = getattr(user, "_kiezwerk_manager_district_ids", None)
    if cached is None:
        from kiezwerk.agencies.models import Neighbourhood

        agency_ids = manager_agency_ids(user)
        cached = frozenset(
            Neighbourhood.objects.active()
            .filter(agency_id__in=agency_ids)
            .values_list("district_id", flat=True)
            if agency_ids
            else ()
        )
        user._kiezwerk_manager_district_ids = cached
    return cached


@rules.predicate
def plans_the_network(user) -> bool:
    """The city department: holds the network overview permission (granted in the admin)."""
    return user.is_authenticated and user.has_perm(NETWORK_PERMISSION)


@rules.predicate
def reads_demand(user, demand) -> bool:
    if demand is None or not user.is_authenticated:
        return False
    if demand.agency_id is not None and demand.agency_id in manager_agency_ids(user):
        return True
    return demand.district_id in manager_district_ids(user)


@rules.predicate
def handles_demand(user, demand) -> bool:
    if demand is None or not user.is_authenticated:
        return False
    if demand.agency_id is not None:
        return demand.agency_id in manager_agency_ids(user)
    return plans_the_network(user) or demand.district_id in manager_district_ids(user)


@rules.predicate
def network_reader(user, demand) -> bool:
    return plans_the_network(user)


rules.add_perm("needs.view_demand", is_superuser | network_reader | reads_demand)
rules.add_perm("needs.change_demand", is_superuser | handles_demand)
rules.add_perm("needs.view_demand_contact", is_superuser | handles_demand)
# Agency level (user, agency): the agency's demand register.
rules.add_perm("needs.list_demand", is_superuser | has_role(Role.MANAGER))
# The whole register (user, None).
rules.add_perm("needs.list_all_demand", is_superuser | plans_the_network)
