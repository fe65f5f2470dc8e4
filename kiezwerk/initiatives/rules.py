"""Who may do what with an initiative. Object predicates take (user, initiative); agency-level
ones (user, agency) live in agencies.rules and are reused here."""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import (
    assigned_neighbourhood_ids,
    has_role,
    is_superuser,
    role_in,
)


def _role(user, initiative) -> str | None:
    return role_in(user, initiative.agency_id) if initiative is not None else None


def _advises_neighbourhood(user, initiative) -> bool:
    return _role(
        user, initiative
    ) == Role.ADVISOR and initiative.neighbourhood_id in assigned_neighbourhood_ids(user)


@rules.predicate
def is_case_staff(user, initiative) -> bool:
    """Management and evaluation of the agency, or an advisor of its neighbourhood."""
    if _role(user, initiative) in (Role.MANAGER, Role.EVALUATOR):
        return True
    return _advises_neighbourhood(user, initiative)


@rules.predicate
def works_on_case(user, initiative) -> bool:
    """May change it: management, or an advisor of its neighbourhood (evaluators only read)."""
    return _role(user, initiative) == Role.MANAGER or _advises_neighbourhood(user, initiative)


@rules.predicate
def is_own_founder(user, initiative) -> bool:
    if _role(user, initiative) != Role.FOUNDER:
        return False
    return initiative.contacts.filter(user=user, archived_at__isnull=True).exists()


@rules.predicate
def manages_case(user, initiative) -> bool:
    return _role(user, initiative) == Role.MANAGER


rules.add_perm("initiatives.view_initiative", is_superuser | is_case_staff | is_own_founder)
rules.add_perm("initiatives.view_internal", is_superuser | is_case_staff)
rules.add_perm("initiatives.change_initiative", is_superuser | works_on_case)
rules.add_perm("initiatives.reassign_initiative", is_superuser | manages_case)
# Agency level: (user, agency).
rules.add_perm(
    "initiatives.list_initiatives",
    is_superuser | has_role(Role.MANAGER, Role.EVALUATOR, Role.ADVISOR),
)
rules.add_perm("initiatives.add_initiative", is_superuser | has_role(Role.MANAGER, Role.ADVISOR))
rules.add_perm(
    "initiatives.view_stage_report",
    is_superuser | has_role(Role.MANAGER, Role.EVALUATOR),
)
