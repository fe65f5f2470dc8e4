"""Who may change what the public sees. Predicates take (user, agency); reading public pages
needs no permission."""

import rules

from kiezwerk.agencies.rules import is_manager, is_staff_member, is_superuser

# The pages, the accessibility feedback and the team listing: the agency's management.
rules.add_perm("portal.edit_pages", is_superuser | is_manager)
rules.add_perm("portal.answer_feedback", is_superuser | is_manager)
rules.add_perm("portal.manage_listing", is_superuser | is_manager)
# Each member of the agency's own team decides about their own name on the public page.
rules.add_perm("portal.edit_own_listing", is_staff_member)
