"""Who handles data protection in an agency: its management (the controller's representative)
and superusers. The registry and the record of processing activities are also read by
evaluation."""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import has_role, is_superuser

handles_privacy = is_superuser | has_role(Role.MANAGER)

rules.add_perm("privacy.handle_requests", handles_privacy)
rules.add_perm("privacy.view_registry", handles_privacy | has_role(Role.EVALUATOR))
