"""Demo referrals: advisors send initiatives from a consultation to a fitting partner offer.

About half of the consultations on a topic some offer serves lead to a referral to an offer
that was valid that day and reaches the initiative's neighbourhood. Most referrals are
delivered once to three times; some were declined, some are still open. Each consultation
decides from its own seeded generator, so a second load adds nothing.
"""

import datetime as dt
import random
from decimal import Decimal

from kiezwerk.agencies.models import Agency
from kiezwerk.demo.common import DEMO_END, at, rng
from kiezwerk.demo.network import offer_specs
from kiezwerk.demo.offers_data import (
    DECLINED,
    DELIVERIES,
    REFERRAL_NOTES,
    REFERRAL_SHARE,
    REFERRAL_SHARE_OTHERWISE,
    OfferSpec,
)
from kiezwerk.initiatives.models import Consultation
from kiezwerk.network.enums import OfferKind, ReferralStatus
from kiezwerk.network.models import (
    Delivery,
    Offer,
    Partner,
    PartnerAccount,
    PartnerNeighbourhood,
    Referral,
)

CENT = Decimal("0.01")
# Referrals in the last months of the agencies' work are more often still open.
LATE = DEMO_END - dt.timedelta(days=120)


def load_referrals(agencies: dict[str, Agency]) -> bool:
    """Create the missing referrals and their deliveries; True when any was created."""
    created = False
    for agency in agencies.values():
        created |= _referrals(agency)
    return created


def _referrals(agency: Agency) -> bool:
    partners = {partner.name: partner for partner in Partner.objects.filter(agency=agency)}
    specs = offer_specs(partners)
    offers = [
        (offer, specs[(offer.partner_id, offer.title)])
        for offer in Offer.objects.filter(agency=agency).select_related("partner")
        if (offer.partner_id, offer.title) in specs
    ]
    reach: dict[int, set[int]] = {}
    for partner_id, hood_id in PartnerNeighbourhood.objects.filter(agency=agency).values_list(
        "partner_id", "neighbourhood_id"
    ):
        reach.setdefault(partner_id, set()).add(hood_id)
    accounts = dict(
        PartnerAccount.objects.filter(agency=agency).values_list("partner_id", "user_id")
    )
    done = Referral.objects.filter(agency=agency, consultation__isnull=False).values(
        "consultation_id"
    )
    talks = (
        Consultation.objects.filter(agency=agency, topic__in=REFERRAL_NOTES)
        .exclude(pk__in=done)
        .select_related("initiative")
        .order_by("held_on", "pk")
    )
    referrals, deliveries = [], []
    for talk in talks:
        generator = rng(f"referral:{agency.slug}:{talk.initiative}:{talk.held_on}:{talk.topic}")
        fitting = [
            (offer, spec)
            for offer, spec in offers
            if talk.topic in spec.topics
            and spec.valid[0] <= talk.held_on <= spec.valid[1]
            and talk.initiative.neighbourhood_id in reach.get(offer.partner_id, ())
        ]
        share = REFERRAL_SHARE.get(talk.topic, REFERRAL_SHARE_OTHERWISE)
        if not fitting or generator.random() > share:
            continue
        offer, spec = generator.choice(fitting)
        referral = _referral(agency, talk, offer, generator)
        referrals.append(referral)
        recorder = accounts.get(offer.partner_id, talk.advisor_id)
        deliveries += _deliveries(referral, spec, recorder, generator)
    Referral.objects.bulk_create(referrals)
    Delivery.objects.bulk_create(deliveries)
    return bool(referrals)


def _referral(agency: Agency, talk: Consultation, offer: Offer, generator) -> Referral:
    chance = generator.random()
    status = ReferralStatus.DELIVERED
    if chance < 0.12:
        status = ReferralStatus.DECLINED
    elif chance < (0.5 if talk.held_on >= LATE else 0.22):
        status = ReferralStatus.REFERRED
    return Referral(
        agency=agency,
        initiative=talk.initiative,
        neighbourhood_id=talk.initiative.neighbourhood_id,
        partner=offer.partner,
        offer=offer,
        consultation=talk,
        referred_on=talk.held_on,
        referred_by_id=talk.advisor_id,
        note=REFERRAL_NOTES[talk.topic],
        status=status,
        status_reason=generator.choice(DECLINED) if status == ReferralStatus.DECLINED else "",
        created_at=at(talk.held_on, generator),
    )


def _deliveries(referral: Referral, spec: OfferSpec, recorder, generator) -> list[Delivery]:
    if referral.status != ReferralStatus.DELIVERED:
        return []
    count = generator.choices((1, 2, 3), (5, 3, 2))[0]
    day = referral.referred_on
    rows = []
    for number in range(count):
        day += dt.timedelta(days=generator.randint(14, 90) if number else generator.randint(7, 45))
        hours, value = _amount(spec, generator)
        rows.append(
            Delivery(
                agency=referral.agency,
                referral=referral,
                partner=referral.partner,
                neighbourhood_id=referral.neighbourhood_id,
                kind=spec.kind,
                delivered_on=day,
                year=day.year,
                month=day.month,
                hours=hours,
                value=value,
                note=generator.choice(DELIVERIES[spec.kind][2]),
                recorded_by_id=recorder,
                created_at=at(day, generator),
            )
        )
    return rows


def _amount(spec: OfferSpec, generator: random.Random) -> tuple[Decimal, Decimal]:
    """Hours and value in euros of one delivery."""
    (low, high), rate, _notes = DELIVERIES[spec.kind]
    hours = Decimal(generator.randint(low * 2, high * 2)) / 2
    if spec.kind in (OfferKind.MONEY, OfferKind.EQUIPMENT):
        value = Decimal(generator.randint(spec.value[0] // 50, spec.value[1] // 50) * 50)
    else:
        value = hours * rate
    return hours.quantize(CENT), value.quantize(CENT)
