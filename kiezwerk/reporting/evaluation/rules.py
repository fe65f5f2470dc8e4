"""Who reads the evaluation dashboard and the records behind its numbers: management and
evaluation of the agency (every neighbourhood), and superusers. Predicates take (user, agency)."""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import has_role, is_superuser

reads_evaluation = has_role(Role.MANAGER, Role.EVALUATOR)

rules.add_perm("reporting.view_evaluation", is_superuser | reads_evaluation)
