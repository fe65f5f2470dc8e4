"""Who may see and record jobs. Positions are part of a case: predicates take (user,
initiative) and reuse the case rules. The agency's jobs figures and additionality worksheets
hold no personal data: predicates take (user, agency), and funders read them too."""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import has_role, is_funder, is_staff_member, is_superuser
from kiezwerk.initiatives.rules import is_case_staff, is_own_founder, works_on_case

# An enterprise's positions and their holders' (pseudonymised) data.
rules.add_perm("jobs.view_positions", is_superuser | is_case_staff | is_own_founder)
rules.add_perm("jobs.record_positions", is_superuser | works_on_case | is_own_founder)
# Agency level: the jobs figures (aggregates) and the additionality worksheet.
rules.add_perm("jobs.view_figures", is_superuser | is_staff_member | is_funder)
rules.add_perm("jobs.assess_additionality", is_superuser | has_role(Role.MANAGER, Role.EVALUATOR))
# Importing positions from a file for the whole agency: staff who open cases (advisors then
# only for enterprises in their team's neighbourhoods, checked per row by jobs/imports.py).
rules.add_perm("jobs.import_positions", is_superuser | has_role(Role.MANAGER, Role.ADVISOR))
