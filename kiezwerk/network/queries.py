"""Reads of the partner network that span rows: matching offers to an initiative, the partner
list, what was delivered."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from kiezwerk.initiatives.enums import Stage
from kiezwerk.initiatives.models import Initiative
from kiezwerk.needs.models import NeedCategory
from kiezwerk.network.models import (
    Offer,
    OfferCategory,
    OfferNeighbourhood,
    Partner,
    PartnerNeighbourhood,
    Referral,
)

# What each kind of fit adds to an offer's score.
STAGE_WEIGHT = 3
NEED_WEIGHT = 2
NEIGHBOURHOOD_WEIGHT = 2
MEMBER_WEIGHT = 1
ALREADY_REFERRED_WEIGHT = -4


@dataclass
class Suggestion:
    """An offer that fits an initiative, with its score and the reasons, in plain words."""

    offer: Offer
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, weight: int, reason: str) -> None:
        self.score += weight
        self.reasons.append(reason)


def suggest_offers(
    initiative: Initiative, *, on: dt.date | None = None, limit: int = 10
) -> list[Suggestion]:
    """The agency's offers valid on `on` (today) that fit the initiative, best first (by score,
    then title). An offer limited to other stages or other neighbourhoods does not fit.
    Three queries, whatever the number of offers."""
    day = on or timezone.localdate()
    needs = dict(
        NeedCategory.objects.filter(
            pk__in=initiative.needs.filter(archived_at__isnull=True).values("category_id")
        ).values_list("pk", "name")
    )
    matched: dict[int, list[str]] = {}
    if needs:
        links = OfferCategory.objects.filter(
            agency_id=initiative.agency_id, category_id__in=needs
        ).order_by("category__name")
        for offer_id, category_id in links.values_list("offer_id", "category_id"):
            matched.setdefault(offer_id, []).append(needs[category_id])
    suggestions = []
    for offer in _available_offers(initiative, day):
        suggestion = _score(initiative, offer, matched.get(offer.pk, []))
        if suggestion is not None:
            suggestions.append(suggestion)
    suggestions.sort(key=lambda s: (-s.score, s.offer.title.casefold(), s.offer.pk))
    return suggestions[:limit]


def _available_offers(initiative: Initiative, day: dt.date) -> QuerySet[Offer]:
    """Active offers of active partners, valid on `day`, available in the initiative's
    neighbourhood: listed for it, or (listing none) from a partner active there or anywhere."""
    hood = initiative.neighbourhood_id
    offer_hoods = OfferNeighbourhood.objects.filter(offer=OuterRef("pk"))
    partner_hoods = PartnerNeighbourhood.objects.filter(partner=OuterRef("partner_id"))
    return (
        Offer.objects.active()
        .valid_on(day)
        .filter(agency_id=initiative.agency_id, partner__archived_at__isnull=True)
        .annotate(
            listed_here=Exists(offer_hoods.filter(neighbourhood_id=hood)),
            listed_anywhere=Exists(offer_hoods),
            partner_here=Exists(partner_hoods.filter(neighbourhood_id=hood)),
            partner_anywhere=Exists(partner_hoods),
            already_referred=Exists(
                Referral.objects.filter(initiative_id=initiative.pk, offer=OuterRef("pk"))
            ),
        )
        .filter(
            Q(listed_here=True)
            | Q(listed_anywhere=False, partner_here=True)
            | Q(listed_anywhere=False, partner_anywhere=False)
        )
        .select_related("partner")
    )


def _score(initiative: Initiative, offer: Offer, needs: list[str]) -> Suggestion | None:
    if offer.stages and initiative.stage not in offer.stages:
        return None
    suggestion = Suggestion(offer)
    if offer.stages:
        stage = Stage(initiative.stage).label
        suggestion.add(STAGE_WEIGHT, _("fits the stage %(stage)s") % {"stage": stage})
    for need in needs:
        suggestion.add(NEED_WEIGHT, _("fits the need %(need)s") % {"need": need})
    if offer.listed_here or offer.partner_here:
        hood = initiative.neighbourhood.name
        suggestion.add(NEIGHBOURHOOD_WEIGHT, _("active in %(place)s") % {"place": hood})
    if offer.partner.is_network_member:
        suggestion.add(MEMBER_WEIGHT, _("network member"))
    if offer.already_referred:
        suggestion.add(ALREADY_REFERRED_WEIGHT, _("already referred"))
    return suggestion


def partners_with_offer_counts(partners: QuerySet[Partner], *, on: dt.date | None = None):
    """Partners with the number of their offers valid on `on` (today) and their neighbourhoods
    (two queries for any number of partners)."""
    day = on or timezone.localdate()
    valid = (
        Offer.objects.active()
        .valid_on(day)
        .filter(partner=OuterRef("pk"))
        .order_by()
        .values("partner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return partners.annotate(
        valid_offers=Coalesce(Subquery(valid, output_field=IntegerField()), 0)
    ).prefetch_related("neighbourhoods")


def delivered_totals(deliveries, by: tuple[str, ...] = ("year",)) -> list[dict]:
    """Hours, euros and number of deliveries summed in the database, grouped by the fields
    `by` (for example ("year",), ("partner", "kind") or ("year", "month"))."""
    return list(
        deliveries.order_by()
        .values(*by)
        .annotate(hours=Sum("hours"), value=Sum("value"), deliveries=Count("pk"))
        .order_by(*by)
    )
