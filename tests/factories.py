"""factory_boy factories with German fake data (Faker de_DE)."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from kiezwerk.accounts.enums import Role
from kiezwerk.accounts.models import User
from kiezwerk.agencies.models import Agency, District, Membership, Neighbourhood, TeamAssignment
from kiezwerk.funding.enums import Fund
from kiezwerk.funding.models import Grant, Programme
from kiezwerk.network.enums import PartnerKind
from kiezwerk.network.models import Partner

factory.Faker._DEFAULT_LOCALE = "de_DE"

PASSWORD = "ein-sicheres-passwort"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@kiezwerk.test")
    name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("name",)

    name = factory.Iterator(["Pankow", "Friedrichshain-Kreuzberg", "Neukölln", "Wedding"])


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Entwicklungsagentur {n}")
    short_name = factory.Sequence(lambda n: f"Agentur {n}")
    slug = factory.Sequence(lambda n: f"agentur-{n}")
    phone = "030 123 45 67"


class NeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    agency = factory.SubFactory(AgencyFactory)
    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.Sequence(lambda n: f"quartier-{n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.ADVISOR
    title = ""

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        for neighbourhood in extracted or []:
            TeamAssignment.objects.create(
                agency=self.agency, membership=self, neighbourhood=neighbourhood
            )


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("name",)

    name = "ESF Artikel 6"
    fund = Fund.ESF
    funder = "Europäische Kommission"


class GrantFactory(DjangoModelFactory):
    class Meta:
        model = Grant

    agency = factory.SubFactory(AgencyFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Förderung {n}")
    start_date = dt.date(2002, 12, 1)
    end_date = dt.date(2004, 12, 31)
    amount = Decimal("780000.00")
    eu_share = Decimal("50.00")


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Partner {n} e.V.")
    kind = PartnerKind.ASSOCIATION
    is_network_member = True


def member(agency: Agency, role: str, *, neighbourhoods=(), **user_fields) -> User:
    """A new user with one active membership in `agency`."""
    user = UserFactory(**user_fields)
    MembershipFactory(agency=agency, user=user, role=role, neighbourhoods=list(neighbourhoods))
    return user


class NeedCategoryFactory(DjangoModelFactory):
    class Meta:
        model = "needs.NeedCategory"
        django_get_or_create = ("name",)

    name = factory.Iterator(["Kinderbetreuung", "Versorgung", "Reparatur", "Treffpunkte"])


class NeedFactory(DjangoModelFactory):
    class Meta:
        model = "needs.Need"

    agency = factory.SubFactory(AgencyFactory)
    neighbourhood = factory.SubFactory(
        NeighbourhoodFactory, agency=factory.SelfAttribute("..agency")
    )
    category = factory.SubFactory(NeedCategoryFactory)
    title = factory.Sequence(lambda n: f"Bedarf {n}")


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = "initiatives.Initiative"

    agency = factory.SubFactory(AgencyFactory)
    neighbourhood = factory.SubFactory(
        NeighbourhoodFactory, agency=factory.SelfAttribute("..agency")
    )
    name = factory.Sequence(lambda n: f"Initiative {n}")
    idea = factory.Faker("sentence", nb_words=12)


class ContactPersonFactory(DjangoModelFactory):
    class Meta:
        model = "initiatives.ContactPerson"

    initiative = factory.SubFactory(InitiativeFactory)
    agency = factory.SelfAttribute("initiative.agency")
    name = factory.Faker("name")
    phone = "030 987 65 43"


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = "initiatives.Consultation"

    initiative = factory.SubFactory(InitiativeFactory)
    agency = factory.SelfAttribute("initiative.agency")
    held_on = dt.date(2003, 3, 4)
    duration_minutes = 60
    topic = "idea"
    notes = "Interne Notiz"


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = "initiatives.Milestone"

    initiative = factory.SubFactory(InitiativeFactory)
    agency = factory.SelfAttribute("initiative.agency")
    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    due_on = dt.date(2003, 6, 30)


class OfferFactory(DjangoModelFactory):
    class Meta:
        model = "network.Offer"

    partner = factory.SubFactory(PartnerFactory)
    agency = factory.SelfAttribute("partner.agency")
    kind = "advice"
    title = factory.Sequence(lambda n: f"Angebot {n}")
    capacity = "4 Stunden im Monat"


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = "network.Referral"

    initiative = factory.SubFactory(InitiativeFactory)
    agency = factory.SelfAttribute("initiative.agency")
    neighbourhood = factory.SelfAttribute("initiative.neighbourhood")
    offer = factory.SubFactory(OfferFactory, agency=factory.SelfAttribute("..agency"))
    partner = factory.SelfAttribute("offer.partner")
    referred_on = dt.date(2004, 3, 1)


class DeliveryFactory(DjangoModelFactory):
    class Meta:
        model = "network.Delivery"

    referral = factory.SubFactory(ReferralFactory)
    agency = factory.SelfAttribute("referral.agency")
    partner = factory.SelfAttribute("referral.partner")
    neighbourhood = factory.SelfAttribute("referral.neighbourhood")
    kind = "advice"
    delivered_on = dt.date(2004, 4, 1)
    hours = 3
    value = 150


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = "network.Partnership"

    agency = factory.SubFactory(AgencyFactory)
    neighbourhood = factory.SubFactory(
        NeighbourhoodFactory, agency=factory.SelfAttribute("..agency")
    )
    title = factory.Sequence(lambda n: f"Lokale Partnerschaft {n}")
    purpose = "Gemeinsam einen Nachbarschaftsladen tragen"
    agreed_on = dt.date(2004, 5, 1)
    status = "active"


class ForumFactory(DjangoModelFactory):
    class Meta:
        model = "forums.Forum"

    agency = factory.SubFactory(AgencyFactory)
    neighbourhood = factory.SubFactory(
        NeighbourhoodFactory, agency=factory.SelfAttribute("..agency")
    )
    title = factory.Sequence(lambda n: f"Stadtteilforum {n}")
    starts_at = dt.datetime(2004, 3, 10, 18, 0, tzinfo=dt.UTC)
    place = "Nachbarschaftshaus"
    residents_count = 25
    initiatives_count = 3
    partners_count = 4
    public_bodies_count = 2


class AttendeeFactory(DjangoModelFactory):
    class Meta:
        model = "forums.Attendee"

    forum = factory.SubFactory(ForumFactory)
    agency = factory.SelfAttribute("forum.agency")
    group = "partners"
    partner = factory.SubFactory(PartnerFactory, agency=factory.SelfAttribute("..agency"))
