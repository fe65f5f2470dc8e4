"""Who may see and enter an enterprise's economic figures. Predicates take (user, initiative)
and reuse the case rules: what the case's staff and its own founders may do."""

import rules

from kiezwerk.agencies.rules import is_superuser
from kiezwerk.initiatives.rules import is_case_staff, is_own_founder, works_on_case

# Read the figures: management, evaluation, the neighbourhood's advisors, its own founders.
rules.add_perm("economy.view_figures", is_superuser | is_case_staff | is_own_founder)
# Enter figures of open months and keep the business lines: staff on the case, own founders.
rules.add_perm("economy.enter_figures", is_superuser | works_on_case | is_own_founder)
# Review: close months and correct closed ones (with a reason): staff on the case only.
rules.add_perm("economy.close_months", is_superuser | works_on_case)
