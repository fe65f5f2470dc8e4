"""Who may see and enter an enterprise's economic figures. Predicates take (user, initiative)
and reuse the case rules: what the case's staff and its own founders may do. The mixes of a
neighbourhood and of the agency take (user, neighbourhood) and (user, agency)."""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import assigned_neighbourhood_ids, is_superuser, role_in
from kiezwerk.initiatives.rules import is_case_staff, is_own_founder, works_on_case

# Read the figures: management, evaluation, the neighbourhood's advisors, its own founders.
rules.add_perm("economy.view_figures", is_superuser | is_case_staff | is_own_founder)
# Enter figures of open months and keep the business lines: staff on the case, own founders.
rules.add_perm("economy.enter_figures", is_superuser | works_on_case | is_own_founder)
# Review: close months and correct closed ones (with a reason): staff on the case only.
rules.add_perm("economy.close_months", is_superuser | works_on_case)

# The financing mix of a neighbourhood or of the whole agency (with its enterprises listed), as
# the neighbourhood overview (reporting.rules): management and evaluation, and advisors (their
# team's neighbourhoods). Funders, founders and network partners read other reports.
SCOPE_ROLES = (Role.MANAGER, Role.EVALUATOR, Role.ADVISOR)


@rules.predicate
def reads_scope_mixes(user, agency) -> bool:
    return agency is not None and role_in(user, agency) in SCOPE_ROLES


@rules.predicate
def reads_neighbourhood_mix(user, neighbourhood) -> bool:
    """Management and evaluation of its agency, or an advisor of its team."""
    if neighbourhood is None:
        return False
    role = role_in(user, neighbourhood.agency_id)
    if role in (Role.MANAGER, Role.EVALUATOR):
        return True
    return role == Role.ADVISOR and neighbourhood.pk in assigned_neighbourhood_ids(user)


# Agency level (user, agency): the agency's mix, and the gate to its neighbourhoods' mixes.
rules.add_perm("economy.view_agency_mix", is_superuser | reads_scope_mixes)
# Neighbourhood level (user, neighbourhood).
rules.add_perm("economy.view_neighbourhood_mix", is_superuser | reads_neighbourhood_mix)
