"""Who may do what with consultation hours and appointment requests.

Advisors manage their own consultation hours and the requests of their neighbourhoods,
management everything of the agency, evaluators read. Funders, founders and partners never
see the requests: they hold residents' personal data.
"""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import assigned_neighbourhood_ids, has_role, is_superuser, role_in


def _advises(user, agency_id: int, neighbourhood_id: int) -> bool:
    return role_in(user, agency_id) == Role.ADVISOR and (
        neighbourhood_id in assigned_neighbourhood_ids(user)
    )


@rules.predicate
def manages_slot(user, slot) -> bool:
    """Management of the agency, or the advisor whose consultation hour it is."""
    role = role_in(user, slot.agency_id)
    return role == Role.MANAGER or (role == Role.ADVISOR and slot.advisor_id == user.pk)


@rules.predicate
def reads_request(user, request) -> bool:
    if role_in(user, request.agency_id) in (Role.MANAGER, Role.EVALUATOR):
        return True
    return _advises(user, request.agency_id, request.neighbourhood_id)


@rules.predicate
def handles_request(user, request) -> bool:
    if role_in(user, request.agency_id) == Role.MANAGER:
        return True
    return _advises(user, request.agency_id, request.neighbourhood_id)


# Agency level: (user, agency).
rules.add_perm(
    "appointments.view_calendar",
    is_superuser | has_role(Role.MANAGER, Role.ADVISOR, Role.EVALUATOR),
)
rules.add_perm("appointments.add_slot", is_superuser | has_role(Role.MANAGER, Role.ADVISOR))
# Object level.
rules.add_perm("appointments.change_slot", is_superuser | manages_slot)
rules.add_perm("appointments.view_request", is_superuser | reads_request)
rules.add_perm("appointments.handle_request", is_superuser | handles_request)
