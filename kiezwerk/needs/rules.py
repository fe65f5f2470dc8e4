"""Who may do what in the needs register. Object predicates take (user, need); agency-level
ones (user, agency). Needs are not personal data: the agency's staff read all of them, advisors
too across neighbourhoods; changing them is for management and the neighbourhood's advisors."""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import (
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
