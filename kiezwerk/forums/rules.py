"""Who may do what with forums. Object predicates take (user, forum); agency-level ones
(user, agency).

The agency's staff (management, evaluation, every advisor) read all forums of the agency;
management and the advisors of the forum's neighbourhood change them. Funders, founders and
network partners see none."""

import rules

from kiezwerk.accounts.enums import STAFF_ROLES, Role
from kiezwerk.agencies.rules import (
    assigned_neighbourhood_ids,
    has_role,
    is_superuser,
    role_in,
)


def _role(user, forum) -> str | None:
    return role_in(user, forum.agency_id) if forum is not None else None


@rules.predicate
def is_forum_staff(user, forum) -> bool:
    return _role(user, forum) in STAFF_ROLES


@rules.predicate
def works_on_forum(user, forum) -> bool:
    """Management, or an advisor of the forum's neighbourhood (evaluators only read)."""
    role = _role(user, forum)
    if role == Role.MANAGER:
        return True
    return role == Role.ADVISOR and forum.neighbourhood_id in assigned_neighbourhood_ids(user)


rules.add_perm("forums.view_forum", is_superuser | is_forum_staff)
rules.add_perm("forums.change_forum", is_superuser | works_on_forum)
# Agency level: (user, agency).
rules.add_perm("forums.list_forums", is_superuser | has_role(*STAFF_ROLES))
rules.add_perm("forums.add_forum", is_superuser | has_role(Role.MANAGER, Role.ADVISOR))
