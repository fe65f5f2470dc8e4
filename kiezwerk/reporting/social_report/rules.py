"""Who may read and write the agency's social reports. Predicates take (user, agency).

Management writes them (creates, edits the texts, archives); evaluation reads and downloads
them. Advisors, funders, founders and partners get 403; staff of other agencies never learn
that the agency exists (404, by `agencies.views.get_agency_for`)."""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import has_role, is_superuser

VIEW = "reporting.view_social_reports"
CHANGE = "reporting.change_social_reports"

rules.add_perm(VIEW, is_superuser | has_role(Role.MANAGER, Role.EVALUATOR))
rules.add_perm(CHANGE, is_superuser | has_role(Role.MANAGER))
