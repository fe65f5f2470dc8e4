"""Who downloads the pseudonymised evaluation export of an agency (user, agency): management
and evaluation of the agency, and superusers. Advisors see only their team's neighbourhoods,
funders, founders and partners nothing personal: none of them exports the whole agency."""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import has_role, is_superuser

EXPORT = "reporting.export_pseudonymised"

exports_pseudonymised = has_role(Role.MANAGER, Role.EVALUATOR)

rules.add_perm(EXPORT, is_superuser | exports_pseudonymised)
