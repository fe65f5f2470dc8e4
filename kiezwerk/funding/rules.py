"""Who may read and keep the agency's grants. Agency-level predicates take (user, agency),
object-level ones (user, grant).

Management and evaluation read every grant of their agency; a funder reads the grants that
name its membership among their readers (Grant.readers) and nothing else; only management
changes a grant's financing plan, budget, spending and drawdowns. Advisors, founders and
network partners do not see grants here.
"""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import is_superuser, role_in

STAFF_READERS = (Role.MANAGER, Role.EVALUATOR)


def read_grant_ids(user) -> frozenset[int]:
    """Grants whose readers include one of the user's active funder memberships in the grant's
    own agency; one query per request, cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kiezwerk_read_grant_ids", None)
    if cached is None:
        from django.db.models import F

        from kiezwerk.funding.models import Grant

        cached = frozenset(
            Grant.readers.through.objects.filter(
                membership__user=user,
                membership__role=Role.FUNDER,
                membership__archived_at__isnull=True,
                membership__agency_id=F("grant__agency_id"),
            ).values_list("grant_id", flat=True)
        )
        user._kiezwerk_read_grant_ids = cached
    return cached


@rules.predicate
def lists_grants(user, agency) -> bool:
    """Management and evaluation (all grants), funders (the grants they read)."""
    return agency is not None and role_in(user, agency) in (*STAFF_READERS, Role.FUNDER)


@rules.predicate
def reads_grant(user, grant) -> bool:
    if grant is None:
        return False
    role = role_in(user, grant.agency_id)
    if role in STAFF_READERS:
        return True
    return role == Role.FUNDER and grant.pk in read_grant_ids(user)


@rules.predicate
def manages_grant(user, grant) -> bool:
    return grant is not None and role_in(user, grant.agency_id) == Role.MANAGER


# Agency level (user, agency): the list of grants (a funder's list holds its grants only).
rules.add_perm("funding.list_grants", is_superuser | lists_grants)
# Grant level (user, grant).
rules.add_perm("funding.view_grant", is_superuser | reads_grant)
rules.add_perm("funding.change_grant", is_superuser | manages_grant)
