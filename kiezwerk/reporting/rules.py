"""Who may read the figures of a neighbourhood. Agency-level predicates take (user, agency),
object-level ones (user, neighbourhood)."""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import assigned_neighbourhood_ids, is_superuser, role_in

# Who reads neighbourhood overviews at all: management and evaluation (every neighbourhood),
# advisors (their team's). Funders, founders and partners read other reports.
OVERVIEW_ROLES = (Role.MANAGER, Role.EVALUATOR, Role.ADVISOR)


@rules.predicate
def reads_neighbourhoods(user, agency) -> bool:
    return agency is not None and role_in(user, agency) in OVERVIEW_ROLES


@rules.predicate
def reads_neighbourhood(user, neighbourhood) -> bool:
    """Management and evaluation of its agency, or an advisor of its team."""
    if neighbourhood is None:
        return False
    role = role_in(user, neighbourhood.agency_id)
    if role in (Role.MANAGER, Role.EVALUATOR):
        return True
    return role == Role.ADVISOR and neighbourhood.pk in assigned_neighbourhood_ids(user)


rules.add_perm("reporting.view_neighbourhoods", is_superuser | reads_neighbourhoods)
rules.add_perm("reporting.view_neighbourhood_overview", is_superuser | reads_neighbourhood)


# Funder reports of a grant (user, grant). Reading them is funding.view_grant, requesting and
# regenerating funding.change_grant; who reads the grant also sees reports that are queued,
# running or failed, except funders: they see done reports only.
@rules.predicate
def sees_unfinished_reports(user, grant) -> bool:
    return grant is not None and role_in(user, grant.agency_id) in (Role.MANAGER, Role.EVALUATOR)


rules.add_perm("reporting.view_unfinished_reports", is_superuser | sees_unfinished_reports)

# The evaluation dashboard, the pseudonymised export and the social reports keep their
# predicates in their own packages; importing them here registers them at startup (rules
# autodiscovers only this module).
from kiezwerk.reporting.evaluation import rules as _evaluation  # noqa: E402, F401
from kiezwerk.reporting.pseudonymised import rules as _pseudonymised  # noqa: E402, F401
from kiezwerk.reporting.social_report import rules as _social_report  # noqa: E402, F401
