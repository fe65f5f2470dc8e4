"""Questions about a user's roles, answered through the reverse `memberships` relation."""

from kiezwerk.accounts.enums import STAFF_ROLES


def is_agency_staff(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.memberships.filter(role__in=STAFF_ROLES, archived_at__isnull=True).exists()
