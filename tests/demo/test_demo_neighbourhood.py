"""The demo world's neighbourhood side: forums, needs, network, referrals, partnerships."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from kiezwerk.accounts.models import User
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.forums.enums import ForumKind
from kiezwerk.forums.models import Attendee, Forum, ForumInitiative, ForumNeed, ForumPartnership
from kiezwerk.initiatives.enums import Stage
from kiezwerk.initiatives.models import ConsultationNeed
from kiezwerk.needs.enums import CLOSED_STATUSES, EvidenceSource, NeedStatus
from kiezwerk.needs.models import Need
from kiezwerk.network.enums import OfferKind, PartnerKind, PartnershipStatus, ReferralStatus
from kiezwerk.network.models import (
    Delivery,
    Offer,
    OfferCategory,
    Partner,
    PartnerAccount,
    PartnerNeighbourhood,
    Partnership,
    PartnershipInitiative,
    PartnershipPartner,
    Referral,
)

PILOT = {"boxhagener-platz", "helmholtzplatz", "falkplatz"}
YEARS = set(range(2003, 2008))
NEIGHBOURHOOD_SIDE = (
    Forum,
    Attendee,
    ForumNeed,
    ForumInitiative,
    ForumPartnership,
    Need,
    ConsultationNeed,
    Partner,
    PartnerNeighbourhood,
    PartnerAccount,
    Offer,
    OfferCategory,
    Referral,
    Delivery,
    Partnership,
    PartnershipPartner,
    PartnershipInitiative,
    ActivityLogEntry,
)
# Link tables and the relation whose agency each row must share.
OWNED_BY = {
    Attendee: "forum",
    ForumNeed: "forum",
    ForumInitiative: "forum",
    ForumPartnership: "forum",
    ConsultationNeed: "consultation",
    PartnerNeighbourhood: "partner",
    PartnerAccount: "partner",
    OfferCategory: "offer",
    Delivery: "referral",
    PartnershipPartner: "partnership",
    PartnershipInitiative: "partnership",
}


@pytest.fixture
def demo(db):
    call_command("load_demo")


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def test_demo_forums_span_2003_to_2007_in_every_pilot_neighbourhood(demo):
    # The case work's forums; the calendar's upcoming ones (demo/directory.py) come on top.
    forums = Forum.objects.filter(agency__slug="best", starts_at__lt=timezone.now())

    for hood in PILOT:
        years = set(forums.filter(neighbourhood__slug=hood).values_list("year", flat=True))
        assert years == YEARS, hood
    assert set(forums.values_list("kind", flat=True)) == set(ForumKind.values)
    assert all(f.year == timezone.localtime(f.starts_at).year for f in forums)
    assert not forums.filter(Q(place="") | Q(agenda="") | Q(minutes="")).exists()


def test_demo_needs_raised_at_forums_in_every_pilot_neighbourhood(demo):
    links = ForumNeed.objects.filter(agency__slug="best").select_related("forum", "need")

    assert {link.forum.neighbourhood.slug for link in links} == PILOT
    for link in links:
        assert link.need.source == EvidenceSource.FORUM
        assert link.need.raised_on == _day(link.forum.starts_at)
        assert link.need.neighbourhood_id == link.forum.neighbourhood_id


def test_demo_needs_raised_in_consultations_of_the_neighbourhood(demo):
    links = ConsultationNeed.objects.select_related("consultation__initiative", "need")

    assert links.count() >= 10
    for link in links:
        assert link.need.source == EvidenceSource.CONSULTATION
        assert link.need.raised_on == link.consultation.held_on
        assert link.consultation.initiative.neighbourhood_id == link.need.neighbourhood_id


def test_demo_needs_register_shows_every_status_with_its_evidence(demo):
    needs = Need.objects.filter(agency__slug="best")

    assert set(needs.values_list("status", flat=True)) == set(NeedStatus.values)
    # Staff add who is affected and the evidence; a resident's report waiting for them has none.
    recorded = needs.exclude(from_portal=True, is_public=False, status=NeedStatus.REPORTED)
    assert not recorded.filter(Q(affected="") | Q(evidence="")).exists()
    assert not needs.filter(status__in=CLOSED_STATUSES, closed_on__isnull=True).exists()
    assert not needs.exclude(status__in=CLOSED_STATUSES).filter(closed_on__isnull=False).exists()
    assert not needs.filter(closed_on__lt=F("raised_on")).exists()
    unaddressed = needs.annotate(n=Count("initiatives")).filter(n=0, status=NeedStatus.REPORTED)
    assert unaddressed.exists()


def test_demo_network_members_have_profile_neighbourhoods_and_offers(demo):
    members = Partner.objects.filter(is_network_member=True).annotate(
        offers_count=Count("offers", distinct=True), hoods=Count("neighbourhoods", distinct=True)
    )

    assert members.count() == 14  # the seven NEST members in both agencies
    for member in members:
        assert member.member_since and member.member_since.year in (2001, 2002), member
        assert member.contact_name and member.email.endswith(".example"), member
        assert 1 <= member.offers_count <= 3, member
        assert member.hoods >= 1, member


def test_demo_public_bodies_of_the_seed_take_part(demo):
    public = Partner.objects.filter(agency__slug="best", kind=PartnerKind.PUBLIC)

    names = set(public.values_list("name", flat=True))
    assert "Bezirksamt Pankow von Berlin" in names
    assert "Bezirksamt Friedrichshain-Kreuzberg von Berlin" in names
    assert not public.filter(member_since__isnull=False).exists()


def test_demo_offers_fit_stages_and_categories_within_2002_to_2008(demo):
    offers = Offer.objects.all()

    assert set(offers.values_list("kind", flat=True)) == set(OfferKind.values)
    assert OfferCategory.objects.exists()
    for offer in offers:
        assert dt.date(2002, 1, 1) <= offer.valid_from <= offer.valid_until <= dt.date(2008, 12, 31)
        assert set(offer.stages) <= set(Stage.values)


def test_demo_referrals_span_2003_to_2007_and_most_are_delivered(demo):
    referrals = Referral.objects.filter(agency__slug="best").select_related("initiative", "offer")

    assert {r.referred_on.year for r in referrals} == YEARS
    assert set(referrals.values_list("status", flat=True)) == set(ReferralStatus.values)
    delivered = referrals.filter(status=ReferralStatus.DELIVERED)
    assert delivered.count() > referrals.count() / 2
    for referral in referrals:
        assert referral.consultation_id is not None
        assert referral.neighbourhood_id == referral.initiative.neighbourhood_id
        assert referral.offer.partner_id == referral.partner_id
    assert not referrals.filter(status=ReferralStatus.DECLINED, status_reason="").exists()


def test_demo_deliveries_follow_their_referral(demo):
    deliveries = Delivery.objects.select_related("referral")
    per_referral = Referral.objects.filter(status=ReferralStatus.DELIVERED).annotate(
        n=Count("deliveries")
    )

    assert {r.n for r in per_referral} == {1, 2, 3}
    assert not Delivery.objects.exclude(referral__status=ReferralStatus.DELIVERED).exists()
    for delivery in deliveries:
        referral = delivery.referral
        assert delivery.delivered_on > referral.referred_on
        assert (delivery.year, delivery.month) == (
            delivery.delivered_on.year,
            delivery.delivered_on.month,
        )
        assert delivery.partner_id == referral.partner_id
        assert delivery.neighbourhood_id == referral.neighbourhood_id
        assert delivery.kind == referral.offer.kind
        assert isinstance(delivery.value, Decimal) and delivery.value > 0


def test_demo_partner_account_has_referrals_in_its_inbox(demo):
    user = User.objects.get(email="partner@best.example")

    organisations = list(user.partner_organisations.all())
    referrals = Referral.objects.filter(partner__in=organisations)

    assert [o.name for o in organisations] == ["Berufsfortbildungswerk Berlin/Brandenburg"]
    assert organisations[0].agency.slug == "best"
    assert referrals.count() >= 5
    assert referrals.filter(status=ReferralStatus.DELIVERED).exists()


def test_demo_forum_attendees_are_local_organisations_or_consenting_persons(demo):
    attendees = Attendee.objects.select_related("forum", "initiative")

    assert not attendees.filter(name="", partner=None, initiative=None).exists()
    assert not attendees.exclude(name="").filter(consent_given=False).exists()
    assert attendees.exclude(name="").exists()
    local = attendees.exclude(forum__kind=ForumKind.NETWORK).filter(
        initiative__isnull=False, forum__partnerships_agreed=None
    )
    assert all(a.initiative.neighbourhood_id == a.forum.neighbourhood_id for a in local)
    assert all(_day(a.initiative.created_at) <= _day(a.forum.starts_at) for a in local)
    for hood in PILOT:
        shared = Forum.objects.filter(agency__slug="best", neighbourhood__slug=hood).annotate(
            organisations=Count("attendees", filter=Q(attendees__name=""))
        )
        assert shared.filter(organisations__gte=3).count() >= 10, hood


def test_demo_initiatives_sparked_at_forums_started_after_them(demo):
    links = ForumInitiative.objects.select_related("forum", "initiative")

    assert {link.forum.neighbourhood.slug for link in links} >= PILOT
    for link in links:
        assert link.initiative.neighbourhood_id == link.forum.neighbourhood_id
        assert _day(link.initiative.created_at) > _day(link.forum.starts_at)


def test_demo_partnerships_in_every_pilot_neighbourhood(demo):
    partnerships = Partnership.objects.filter(agency__slug="best").annotate(
        partners_count=Count("partners", distinct=True),
        initiatives_count=Count("initiatives", distinct=True),
    )

    assert set(partnerships.values_list("neighbourhood__slug", flat=True)) == PILOT
    assert set(partnerships.values_list("status", flat=True)) == set(PartnershipStatus.values)
    assert all(p.partners_count >= 1 and p.initiatives_count >= 1 for p in partnerships)
    agreed = ForumPartnership.objects.select_related("forum", "partnership")
    assert agreed.filter(agency__slug="best").exists()
    assert all(link.partnership.agreed_on == _day(link.forum.starts_at) for link in agreed)


def test_demo_link_rows_carry_the_agency_of_what_they_link(demo):
    for model, owner in OWNED_BY.items():
        assert model.objects.exists(), model
        assert not model.objects.exclude(agency=F(f"{owner}__agency")).exists(), model


def test_loading_the_demo_twice_adds_nothing_to_the_neighbourhood_side(demo):
    first = [model.objects.count() for model in NEIGHBOURHOOD_SIDE]

    call_command("load_demo")

    assert [model.objects.count() for model in NEIGHBOURHOOD_SIDE] == first


def test_demo_needs_have_their_history_from_report_to_status(demo):
    met = Need.objects.filter(status=NeedStatus.MET).first()
    entries = ActivityLogEntry.objects.filter(object_id=str(met.pk), verb__startswith="needs.")

    steps = [
        (entry.verb, entry.data.get("to"))
        for entry in entries.order_by("created_at", "pk")
        if entry.content_type.model == "need"
    ]
    days = [_day(entry.created_at) for entry in entries.order_by("created_at", "pk")]

    assert steps == [
        ("needs.need_created", None),
        ("needs.status_changed", NeedStatus.CONFIRMED),
        ("needs.status_changed", NeedStatus.ADDRESSED),
        ("needs.status_changed", NeedStatus.MET),
    ]
    assert days[0] == met.raised_on
    assert days[-1] == met.closed_on
    assert all(entry.actor is not None for entry in entries)


def test_demo_every_need_reaches_its_status_in_its_history(demo):
    last_change = {
        entry.object_id: entry.data["to"]
        for entry in ActivityLogEntry.objects.filter(verb="needs.status_changed").order_by(
            "created_at", "pk"
        )
    }

    for need in Need.objects.all():
        assert last_change.get(str(need.pk), NeedStatus.REPORTED) == need.status, need.title
