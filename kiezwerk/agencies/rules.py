"""Who may do what in an agency. Predicates take (user, agency).

A user's roles are read once per request object and cached on it: checking several
permissions on one page costs one query.
"""

import rules

from kiezwerk.accounts.enums import STAFF_ROLES, Role


def agency_roles(user) -> dict[int, str]:
    """{agency_id: role} of the user's active memberships, cached on the user object."""
    if not user.is_authenticated:
        return {}
    _load_memberships(user)
    return user._kiezwerk_agency_roles


def member_agencies(user) -> dict[str, object]:
    """{slug: Agency} of the active agencies the user is a member of, cached likewise."""
    if not user.is_authenticated:
        return {}
    _load_memberships(user)
    return user._kiezwerk_agencies


def _load_memberships(user) -> None:
    """One query per request for everything the permission checks ask about agencies."""
    if getattr(user, "_kiezwerk_agency_roles", None) is not None:
        return
    from kiezwerk.agencies.models import Membership

    memberships = list(Membership.objects.active().filter(user=user).select_related("agency"))
    user._kiezwerk_agency_roles = {m.agency_id: m.role for m in memberships}
    user._kiezwerk_agencies = {
        m.agency.slug: m.agency for m in memberships if m.agency.archived_at is None
    }


def assigned_neighbourhood_ids(user) -> frozenset[int]:
    """Neighbourhoods of the user's active team assignments, cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kiezwerk_neighbourhood_ids", None)
    if cached is None:
        from kiezwerk.agencies.models import TeamAssignment

        cached = frozenset(
            TeamAssignment.objects.filter(
                membership__user=user, membership__archived_at__isnull=True
            ).values_list("neighbourhood_id", flat=True)
        )
        user._kiezwerk_neighbourhood_ids = cached
    return cached


def role_in(user, agency) -> str | None:
    """The user's role in `agency` (an Agency or its id), or None."""
    agency_id = agency if isinstance(agency, int) else getattr(agency, "pk", None)
    return agency_roles(user).get(agency_id)


def has_role(*roles: str):
    """A predicate on (user, agency): the user has one of `roles` in the agency."""

    @rules.predicate
    def predicate(user, agency) -> bool:
        return agency is not None and role_in(user, agency) in roles

    predicate.name = "has_role:" + ",".join(roles)
    return predicate


is_superuser = rules.is_superuser
is_member = has_role(*Role.values)
is_manager = has_role(Role.MANAGER)
is_staff_member = has_role(*STAFF_ROLES)
is_funder = has_role(Role.FUNDER)

rules.add_perm("agencies.view_agency", is_superuser | is_member)
rules.add_perm("agencies.view_team", is_superuser | is_staff_member)
rules.add_perm("agencies.view_figures", is_superuser | is_staff_member | is_funder)
rules.add_perm("agencies.view_activity", is_superuser | is_manager)
rules.add_perm("agencies.export_team", is_superuser | is_manager)
