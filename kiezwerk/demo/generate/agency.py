"""The reference data a world shares (name pools, need categories, districts, the funding
programme) and each agency's frame: its neighbourhoods, staff, partners, rates and grant."""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils.text import slugify
from faker import Faker

from kiezwerk.demo.generate.rows import share

BERLIN = (
    "Mitte",
    "Friedrichshain-Kreuzberg",
    "Pankow",
    "Charlottenburg-Wilmersdorf",
    "Spandau",
    "Steglitz-Zehlendorf",
    "Tempelhof-Schöneberg",
    "Neukölln",
    "Treptow-Köpenick",
    "Marzahn-Hellersdorf",
    "Lichtenberg",
    "Reinickendorf",
)
CATEGORIES = (
    "Nahversorgung und Alltagsbedarf",
    "Kinderbetreuung",
    "Pflege und Betreuung älterer Menschen",
    "Reparatur- und Haushaltsdienste",
    "Bildung",
    "Kultur und Begegnung",
    "Gastronomie und Mittagstisch",
    "Mobilität",
    "Gärten und Grünflächen",
    "Wohnumfeld und Sicherheit",
)
PROGRAMME = "ESF: Soziale Stadt – Stadtteilökonomie (synthetische Welt)"
CLIENTS_PER_AGENCY = 6
OTHER_PARTNERS = 10
HOODS_PER_ADVISOR = 5
PASSWORD = UNUSABLE_PASSWORD_PREFIX + "synthetic-world"


@dataclass
class Shared:
    """Reference data and pools of German names, drawn once from Faker de_DE."""

    surnames: list[str]
    people: list[str]
    streets: list[str]
    cities: list[str]
    categories: list[int]
    programme_id: int
    indicators: list[int]


@dataclass
class Frame:
    """One agency and what its cases hang on."""

    agency: object
    district: str
    hoods: list = field(default_factory=list)
    advisors: list[int] = field(default_factory=list)  # user id per neighbourhood index
    clients: list[int] = field(default_factory=list)  # district offices (public clients)
    partners: list[int] = field(default_factory=list)
    funder_membership: object = None


def shared(seed: int) -> Shared:
    from kiezwerk.funding.models import Indicator, Programme
    from kiezwerk.needs.models import NeedCategory

    fake = Faker("de_DE")
    fake.seed_instance(seed)
    programme, _ = Programme.objects.get_or_create(
        name=PROGRAMME, defaults={"fund": "esf", "funder": "Europäische Kommission"}
    )
    return Shared(
        surnames=[fake.last_name() for _ in range(600)],
        people=[fake.name() for _ in range(3_000)],
        streets=[fake.street_name() for _ in range(800)],
        cities=[fake.city() for _ in range(600)],
        categories=[NeedCategory.objects.get_or_create(name=n)[0].pk for n in CATEGORIES],
        programme_id=programme.pk,
        indicators=list(Indicator.objects.order_by("code").values_list("pk", flat=True)),
    )


def frame(size, index: int, rng: random.Random, pools: Shared) -> Frame:
    """The agency `welt-NN` with its neighbourhoods, staff and partners."""
    from kiezwerk.agencies.models import Agency

    number = index + 1
    district = BERLIN[index] if index < len(BERLIN) else f"{rng.choice(pools.cities)}-Mitte"
    city = "Berlin" if index < len(BERLIN) else district.removesuffix("-Mitte")
    agency = Agency.objects.create(
        slug=f"welt-{number:02}",
        name=f"Entwicklungsagentur {district} ({number})",
        short_name=f"Welt {number:02}",
        legal_entity=f"Stadtteilökonomie {district} e.V.",
        street=f"{rng.choice(pools.streets)} {rng.randint(1, 120)}",
        postcode=f"{rng.randint(10115, 14199)}",
        city=city,
        email=f"info@welt-{number:02}.example",
    )
    found = Frame(agency=agency, district=district)
    count = share(size.neighbourhoods, size.agencies, index)
    found.hoods = _hoods(agency, district, city, count, rng, pools)
    _staff(found, pools, rng)
    _partners(found, pools, rng)
    _rates(agency)
    return found


def _hoods(agency, district_name: str, city: str, count: int, rng, pools: Shared) -> list:
    """`count` neighbourhoods named after a street or square of the pool (numbered)."""
    from kiezwerk.agencies.models import District, Neighbourhood

    district, _ = District.objects.get_or_create(name=district_name, defaults={"city": city})
    places = [rng.choice(pools.streets) for _ in range(count)]
    return Neighbourhood.objects.bulk_create(
        Neighbourhood(
            agency=agency,
            district=district,
            name=f"{place} ({n})",
            slug=f"{slugify(place)[:60]}-{n:04}",
        )
        for n, place in enumerate(places, start=1)
    )


def _staff(found: Frame, pools: Shared, rng: random.Random) -> None:
    """Manager, evaluator, funder and one advisor per five neighbourhoods, with memberships
    and team assignments. Passwords are unusable: benchmarks log in through sessions."""
    from kiezwerk.accounts.models import User
    from kiezwerk.agencies.models import Membership, TeamAssignment

    slug = found.agency.slug
    advisors = max(1, -(-len(found.hoods) // HOODS_PER_ADVISOR))
    people = [("manager", f"leitung@{slug}.example"), ("evaluator", f"evaluation@{slug}.example")]
    people.append(("funder", f"foerderung@{slug}.example"))
    people += [("advisor", f"beratung-{n}@{slug}.example") for n in range(1, advisors + 1)]
    users = User.objects.bulk_create(
        User(email=email, name=rng.choice(pools.people), password=PASSWORD) for _, email in people
    )
    members = Membership.objects.bulk_create(
        Membership(agency=found.agency, user=user, role=role)
        for user, (role, _) in zip(users, people, strict=True)
    )
    advising = members[3:]
    TeamAssignment.objects.bulk_create(
        TeamAssignment(
            agency=found.agency,
            membership=advising[n // HOODS_PER_ADVISOR],
            neighbourhood=hood,
        )
        for n, hood in enumerate(found.hoods)
    )
    found.advisors = [advising[n // HOODS_PER_ADVISOR].user_id for n in range(len(found.hoods))]
    found.funder_membership = members[2]


def _partners(found: Frame, pools: Shared, rng: random.Random) -> None:
    from kiezwerk.network.models import Partner

    offices = ("Jugend", "Soziales", "Gesundheit", "Schule", "Stadtentwicklung", "Jobcenter")
    clients = [
        Partner(agency=found.agency, name=f"Bezirksamt {found.district}, {office}", kind="public")
        for office in offices[:CLIENTS_PER_AGENCY]
    ]
    kinds = ("association", "training", "union", "research", "employment", "bank")
    others = [
        Partner(
            agency=found.agency,
            name=f"{rng.choice(pools.surnames)} {kinds[n % len(kinds)].title()} {n + 1}",
            kind=kinds[n % len(kinds)],
            is_network_member=True,
        )
        for n in range(OTHER_PARTNERS)
    ]
    created = Partner.objects.bulk_create(clients + others)
    found.clients = [partner.pk for partner in created[:CLIENTS_PER_AGENCY]]
    found.partners = [partner.pk for partner in created[CLIENTS_PER_AGENCY:]]


def _rates(agency) -> None:
    """The agency's value of a volunteer hour per year: its own rate before the minimum wage,
    the minimum wage from 2015."""
    from kiezwerk.economy.models import ValuationRate
    from kiezwerk.economy.rates import MINIMUM_WAGE

    ValuationRate.objects.bulk_create(
        ValuationRate(
            agency=agency,
            year=year,
            rate=MINIMUM_WAGE.get(year, Decimal("7.50")),
            method="minimum_wage" if year in MINIMUM_WAGE else "agency",
        )
        for year in range(2010, 2025)
    )


def hour_rates() -> dict[int, tuple[str, str]]:
    """{year: (rate as a decimal string, method)}, as `_rates` stores them."""
    from kiezwerk.economy.rates import MINIMUM_WAGE

    return {
        year: (
            str(MINIMUM_WAGE.get(year, Decimal("7.50"))),
            "minimum_wage" if year in MINIMUM_WAGE else "agency",
        )
        for year in range(2010, 2025)
    }


def grant(found: Frame, pools: Shared, rng: random.Random) -> None:
    """One ESF grant 2015–2021 with co-financing, budget, targets and the funder as reader."""
    from kiezwerk.funding.enums import CostCategory
    from kiezwerk.funding.models import BudgetLine, CoFinancing, Grant, Target

    agency = found.agency
    planned = {cat: Decimal(rng.randrange(50, 900) * 1_000) for cat in CostCategory.values}
    made = Grant.objects.create(
        agency=agency,
        programme_id=pools.programme_id,
        title=f"Stadtteilökonomie {found.district} 2015–2021",
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2021, 12, 31),
        amount=sum(planned.values()),
        eu_share=Decimal("50.00"),
    )
    of = {"agency": agency, "grant": made}
    CoFinancing.objects.bulk_create(
        [
            CoFinancing(**of, name="Senatsverwaltung", share=Decimal("40.00")),
            CoFinancing(**of, name=f"Bezirksamt {found.district}", share=Decimal("10.00")),
        ]
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(**of, category=c, planned=p) for c, p in planned.items()
    )
    Target.objects.bulk_create(
        Target(**of, indicator_id=ind, year=year, value=Decimal(rng.randrange(10, 500)))
        for ind in pools.indicators
        for year in range(2015, 2022)
    )
    made.readers.add(found.funder_membership)
