"""The demo network: member profiles, where partners work, their offers, the partner account.

Written through the models in bulk, like the initiatives. Idempotent: a partner gets its
profile while it has none, offers are found by (partner, title), links by their pair.
"""

import datetime as dt

from kiezwerk.accounts.models import User
from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.demo.common import add_pairs, local, log_created
from kiezwerk.demo.needs_data import CATEGORIES
from kiezwerk.demo.network_data import PARTNER_ACCOUNT, PROFILES
from kiezwerk.demo.offers_data import OFFERS, OfferSpec
from kiezwerk.needs.models import NeedCategory
from kiezwerk.network.models import (
    Offer,
    OfferCategory,
    Partner,
    PartnerAccount,
    PartnerNeighbourhood,
)

PROFILE_FIELDS = ["member_since", "contact_name", "email", "phone", "street", "postcode"]


def load_network(agencies: dict[str, Agency]) -> bool:
    """Complete the partners of every agency; True when anything was created."""
    categories = {c.name: c for c in NeedCategory.objects.filter(name__in=CATEGORIES.values())}
    created = False
    for agency in agencies.values():
        partners = {partner.name: partner for partner in Partner.objects.filter(agency=agency)}
        hoods = {hood.slug: hood for hood in Neighbourhood.objects.filter(agency=agency)}
        _profiles(partners)
        created |= _partner_hoods(agency, partners, hoods)
        created |= _offers(agency, partners, categories)
    return _partner_account(agencies) or created


def offer_specs(partners: dict[str, Partner]) -> dict[tuple[int, str], OfferSpec]:
    """The data behind each demo offer, by (partner id, title)."""
    return {
        (partner.pk, spec.title): spec
        for name, partner in partners.items()
        for spec in OFFERS.get(name, ())
    }


def _profiles(partners: dict[str, Partner]) -> None:
    missing = []
    for name, partner in partners.items():
        profile = PROFILES.get(name)
        if profile is None or partner.contact_name or partner.member_since:
            continue
        if partner.is_network_member:
            partner.member_since = profile.member_since
        partner.contact_name, partner.email, partner.phone = (
            profile.contact,
            profile.email,
            profile.phone,
        )
        partner.street, partner.postcode = profile.street, profile.postcode
        partner.description = partner.description or profile.description
        missing.append(partner)
    Partner.objects.bulk_update(missing, [*PROFILE_FIELDS, "description"])


def _partner_hoods(agency: Agency, partners: dict[str, Partner], hoods) -> bool:
    wanted = {
        (partner.pk, hoods[slug].pk)
        for name, partner in partners.items()
        for slug in (PROFILES[name].hoods if name in PROFILES else ())
        if slug in hoods
    }
    return add_pairs(PartnerNeighbourhood, agency, ("partner_id", "neighbourhood_id"), wanted)


def _offers(agency: Agency, partners: dict[str, Partner], categories) -> bool:
    existing = set(Offer.objects.filter(agency=agency).values_list("partner_id", "title"))
    specs = offer_specs(partners)
    new = [
        Offer(
            agency=agency,
            partner_id=partner_id,
            kind=spec.kind,
            title=title,
            description=spec.description,
            capacity=spec.capacity,
            valid_from=spec.valid[0],
            valid_until=spec.valid[1],
            stages=[str(stage) for stage in spec.stages],
            created_at=local(spec.valid[0], dt.time(9)),
        )
        for (partner_id, title), spec in specs.items()
        if (partner_id, title) not in existing
    ]
    Offer.objects.bulk_create(new)
    OfferCategory.objects.bulk_create(
        OfferCategory(agency=agency, offer=offer, category=categories[CATEGORIES[key]])
        for offer in new
        for key in specs[(offer.partner_id, offer.title)].categories
    )
    log_created(new)
    return bool(new)


def _partner_account(agencies: dict[str, Agency]) -> bool:
    agency_slug, partner_name, email = PARTNER_ACCOUNT
    user = User.objects.filter(email=email).first()
    partner = Partner.objects.filter(agency=agencies[agency_slug], name=partner_name).first()
    if user is None or partner is None:
        return False
    _, created = PartnerAccount.objects.get_or_create(
        agency=agencies[agency_slug], partner=partner, user=user
    )
    return created
