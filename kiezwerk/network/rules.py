"""Who may do what in the partner network.

Agency-level predicates take (user, agency); object predicates take (user, partner),
(user, offer), (user, referral) or (user, partnership). Staff read the network; management and
advisors change it (advisors only in their team's neighbourhoods where a record belongs to
one). A network partner acts through its partner accounts (`PartnerAccount`): it sees its own
organisation, its own referrals, records what it delivered and keeps its own offers.
"""

import rules

from kiezwerk.accounts.enums import Role
from kiezwerk.agencies.rules import (
    assigned_neighbourhood_ids,
    has_role,
    is_superuser,
    role_in,
)


def acting_for(user) -> frozenset[int]:
    """Ids of the partner organisations the user acts for, read once per request object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kiezwerk_partner_ids", None)
    if cached is None:
        from kiezwerk.network.models import PartnerAccount

        cached = frozenset(
            PartnerAccount.objects.filter(user=user).values_list("partner_id", flat=True)
        )
        user._kiezwerk_partner_ids = cached
    return cached


def _object_role(user, obj) -> str | None:
    return role_in(user, obj.agency_id) if obj is not None else None


def _partner_id(obj) -> int | None:
    """The partner organisation a partner, offer or referral belongs to."""
    return obj.pk if obj._meta.model_name == "partner" else obj.partner_id


@rules.predicate
def reads_network(user, obj) -> bool:
    """Staff of the record's agency (management, evaluation, advisors)."""
    return _object_role(user, obj) in (Role.MANAGER, Role.EVALUATOR, Role.ADVISOR)


@rules.predicate
def keeps_network(user, obj) -> bool:
    """Management or an advisor of the record's agency."""
    return _object_role(user, obj) in (Role.MANAGER, Role.ADVISOR)


@rules.predicate
def acts_for_partner(user, obj) -> bool:
    """A network partner's account acting for the organisation of the record."""
    if obj is None or _object_role(user, obj) != Role.PARTNER:
        return False
    return _partner_id(obj) in acting_for(user)


@rules.predicate
def reads_referral(user, referral) -> bool:
    """Management and evaluation of the agency, or an advisor of the referral's neighbourhood."""
    role = _object_role(user, referral)
    if role in (Role.MANAGER, Role.EVALUATOR):
        return True
    return role == Role.ADVISOR and referral.neighbourhood_id in assigned_neighbourhood_ids(user)


@rules.predicate
def works_on_referral(user, referral) -> bool:
    """Management, or an advisor of the referral's neighbourhood (evaluators only read)."""
    role = _object_role(user, referral)
    if role == Role.MANAGER:
        return True
    return role == Role.ADVISOR and referral.neighbourhood_id in assigned_neighbourhood_ids(user)


@rules.predicate
def keeps_partnership(user, partnership) -> bool:
    """Management, or an advisor of the partnership's neighbourhood."""
    role = _object_role(user, partnership)
    if role == Role.MANAGER:
        return True
    return role == Role.ADVISOR and partnership.neighbourhood_id in assigned_neighbourhood_ids(user)


STAFF = has_role(Role.MANAGER, Role.EVALUATOR, Role.ADVISOR)
KEEPERS = has_role(Role.MANAGER, Role.ADVISOR)

# Agency level: (user, agency).
rules.add_perm("network.view_network", is_superuser | STAFF)
rules.add_perm("network.add_partner", is_superuser | KEEPERS)
rules.add_perm("network.add_partnership", is_superuser | KEEPERS)
rules.add_perm(
    "network.list_referrals",
    is_superuser | has_role(Role.MANAGER, Role.EVALUATOR, Role.ADVISOR, Role.PARTNER),
)
# Partners and their offers: (user, partner) and (user, offer).
rules.add_perm("network.view_partner", is_superuser | reads_network | acts_for_partner)
rules.add_perm("network.change_partner", is_superuser | keeps_network)
rules.add_perm("network.manage_offers", is_superuser | keeps_network | acts_for_partner)
# Referrals: (user, referral).
rules.add_perm("network.view_referral", is_superuser | reads_referral | acts_for_partner)
rules.add_perm("network.change_referral", is_superuser | works_on_referral | acts_for_partner)
# Partnerships: (user, partnership).
rules.add_perm("network.view_partnership", is_superuser | reads_network)
rules.add_perm("network.change_partnership", is_superuser | keeps_partnership)
