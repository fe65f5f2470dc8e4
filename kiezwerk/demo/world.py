"""The demo world: the seed's two agencies with their places, funding and network.

People are fictional; organisations and places are the real ones of the seed. Loading is
idempotent: records are found by their natural key and created only when missing.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction

from kiezwerk.accounts.enums import Role
from kiezwerk.accounts.models import User
from kiezwerk.agencies.enums import NeighbourhoodKind
from kiezwerk.agencies.models import Agency, District, Membership, Neighbourhood, TeamAssignment
from kiezwerk.core.activity import log_action
from kiezwerk.demo.appointments import load_appointments
from kiezwerk.demo.consents import load_consents
from kiezwerk.demo.demand import load_demand
from kiezwerk.demo.directory import load_directory
from kiezwerk.demo.economy import load_economy
from kiezwerk.demo.forums import load_forums
from kiezwerk.demo.funding import load_funding
from kiezwerk.demo.initiatives import load_initiatives
from kiezwerk.demo.jobs import load_jobs
from kiezwerk.demo.network import load_network
from kiezwerk.demo.network_data import PUBLIC_BODIES
from kiezwerk.demo.portal import load_portal
from kiezwerk.demo.referrals import load_referrals
from kiezwerk.funding.enums import Fund
from kiezwerk.funding.models import CoFinancing, Grant, Programme
from kiezwerk.network.enums import PartnerKind
from kiezwerk.network.models import Partner

DEMO_PASSWORD = "kiezwerk-demo"  # noqa: S105 - the documented demo login  # nosec B105

AGENCIES = {
    "best": {
        "name": "Berliner Entwicklungsagentur für Soziale Unternehmen und Stadtteilökonomie",
        "short_name": "BEST",
        "legal_entity": "Technologie-Netzwerk Berlin e.V. im Auftrag der Senatsverwaltung "
        "für Stadtentwicklung",
        "street": "Wiesenstr. 29",
        "postcode": "13357",
        "phone": "030 46 98 82 27",
        "description": "Seit Dezember 2002 in den Quartiersmanagement-Gebieten Boxhagener Platz, "
        "Helmholtzplatz und Falkplatz tätig. Ziel ist es zu zeigen, dass auf lokaler Ebene "
        "sinnvolle, zusätzliche Arbeitsplätze in Sozialen Unternehmen entstehen können, die "
        "zugleich un(ter)versorgte Bedürfnisse im Stadtteil befriedigen.",
    },
    "best-pankow": {
        "name": "Entwicklungsagentur für Soziale Unternehmen und Stadtteilökonomie in Pankow",
        "short_name": "BEST Pankow",
        "legal_entity": "Technologie-Netzwerk Berlin e.V. im Auftrag des Bezirksamtes Pankow",
        "street": "Wiesenstr. 29",
        "postcode": "13357",
        "phone": "030 46 98 82 27",
        "description": "Initiiert und begleitet die Gründung Sozialer Unternehmen im Bezirk "
        "Pankow, stärkt bestehende Soziale Unternehmen und die Gründungsinitiativen aus der "
        "Modellphase und baut lokale Foren und eine lokale Partnerschaft auf.",
    },
}

# (agency, name, slug, district, kind)
NEIGHBOURHOODS = [
    ("best", "Boxhagener Platz", "boxhagener-platz", "Friedrichshain-Kreuzberg", "qm"),
    ("best", "Helmholtzplatz", "helmholtzplatz", "Pankow", "qm"),
    ("best", "Falkplatz", "falkplatz", "Pankow", "qm"),
    ("best-pankow", "Helmholtzplatz", "helmholtzplatz", "Pankow", "qm"),
    ("best-pankow", "Falkplatz", "falkplatz", "Pankow", "qm"),
    ("best-pankow", "Bezirk Pankow", "bezirk-pankow", "Pankow", "district"),
]

# (email, name, agency, role, title, neighbourhood slugs)
PEOPLE = [
    ("leitung@best.example", "Karin Albers", "best", Role.MANAGER, "Geschäftsführung", []),
    (
        "koordination@best.example",
        "Tobias Reinhardt",
        "best",
        Role.MANAGER,
        "Projektkoordination und Team Boxhagener Platz",
        ["boxhagener-platz"],
    ),
    (
        "beratung.boxhagen@best.example",
        "Ayşe Demir",
        "best",
        Role.ADVISOR,
        "Team Boxhagener Platz",
        ["boxhagener-platz"],
    ),
    (
        "beratung.prenzlberg@best.example",
        "Jonas Weber",
        "best",
        Role.ADVISOR,
        "Team Prenzlauer Berg",
        ["helmholtzplatz", "falkplatz"],
    ),
    (
        "evaluation@best.example",
        "Dr. Petra Hoffmann",
        "best",
        Role.EVALUATOR,
        "Projektevaluierung",
        [],
    ),
    (
        "foerderung@senat.example",
        "Michael Brandt",
        "best",
        Role.FUNDER,
        "Senatsverwaltung für Stadtentwicklung, Referat Soziale Stadt",
        [],
    ),
    (
        "gruenderin@best.example",
        "Lena Schubert",
        "best",
        Role.FOUNDER,
        "Gründungsinitiative Nachbarschaftscafé",
        [],
    ),
    (
        "partner@best.example",
        "Stefan Yilmaz",
        "best",
        Role.PARTNER,
        "Berufsfortbildungswerk Berlin/Brandenburg",
        [],
    ),
    (
        "leitung@best-pankow.example",
        "Claudia Neumann",
        "best-pankow",
        Role.MANAGER,
        "Geschäftsführung",
        [],
    ),
    (
        "beratung@best-pankow.example",
        "Felix Wagner",
        "best-pankow",
        Role.ADVISOR,
        "Team Pankow",
        ["helmholtzplatz", "falkplatz", "bezirk-pankow"],
    ),
]

OPERATOR = ("admin@kiezwerk.example", "Olaf Betrieb")
# The city department that plans the rollout: reads the network-wide overview, no membership.
PLANNER = ("planung@senat.example", "Stadtplanung Senatsverwaltung")
PLANNER_PERMISSION = ("reporting", "view_network_overview")

PROGRAMMES = {
    "esf-art6": (
        "ESF Artikel 6 – Lokale Beschäftigungsstrategien und Innovation",
        Fund.ESF,
        "Europäische Kommission",
    ),
    "efre-wdm": (
        "EFRE – Wirtschaftsdienliche Maßnahmen",
        Fund.ERDF,
        "Europäische Union, Land Berlin",
    ),
}

# (agency, title, programme, start, end, amount, EU share %, [(co-financier, share %)])
GRANTS = [
    (
        "best",
        "Modellprojekt BEST",
        "esf-art6",
        dt.date(2002, 12, 1),
        dt.date(2004, 12, 31),
        Decimal("780000.00"),
        Decimal("50.00"),
        [
            ("Senatsverwaltung für Stadtentwicklung", Decimal("40.00")),
            ("Bezirksamt Friedrichshain-Kreuzberg von Berlin", Decimal("10.00")),
        ],
    ),
    (
        "best-pankow",
        "BEST Pankow",
        "efre-wdm",
        dt.date(2005, 6, 1),
        dt.date(2007, 6, 30),
        Decimal("420000.00"),
        Decimal("50.00"),
        [("Bezirksamt Pankow von Berlin", Decimal("50.00"))],
    ),
]

NEST = [
    ("DGB Bezirk Berlin-Brandenburg", PartnerKind.UNION),
    ("Technische Universität Berlin", PartnerKind.RESEARCH),
    ("Kommunales Forum Prenzlauer Berg", PartnerKind.FORUM),
    ("Kommunales Forum Wedding e.V.", PartnerKind.FORUM),
    (
        "Berliner Verband der Arbeitsförderungs- und Beschäftigungsgesellschaften (BVAB)",
        PartnerKind.EMPLOYMENT,
    ),
    ("Berufsfortbildungswerk Berlin/Brandenburg", PartnerKind.EMPLOYMENT),
    ("Technologie-Netzwerk Berlin e.V.", PartnerKind.ASSOCIATION),
]
# (agency, name, kind, network member)
PARTNERS = (
    [("best", name, kind, True) for name, kind in NEST]
    + [("best-pankow", name, kind, True) for name, kind in NEST]
    + [
        (
            "best",
            "Senatsverwaltung für Stadtentwicklung, Referat Soziale Stadt",
            PartnerKind.PUBLIC,
            False,
        ),
        (
            "best-pankow",
            "Bezirksamt Pankow, Abt. Kultur, Wirtschaft und öffentliche Ordnung",
            PartnerKind.PUBLIC,
            False,
        ),
    ]
    + [(agency, name, PartnerKind.PUBLIC, False) for agency, name in PUBLIC_BODIES]
)


def _created(obj, created: bool) -> None:
    if created:
        log_action(None, "created", obj, {"via": "demo"})


@transaction.atomic
def load_world() -> bool:
    """Create whatever of the demo world is missing; True when anything was created."""
    before = Agency.objects.count()
    agencies = _agencies()
    neighbourhoods = _neighbourhoods(agencies)
    _people(agencies, neighbourhoods)
    _funding(agencies)
    created = load_funding(agencies)
    _partners(agencies)
    created |= load_initiatives(agencies)
    created |= load_network(agencies)
    created |= load_forums(agencies)
    created |= load_referrals(agencies)
    created |= load_economy(agencies)
    created |= load_jobs(agencies)
    created |= load_directory(agencies)
    created |= load_portal(agencies)
    created |= load_demand(agencies)
    created |= load_appointments(agencies)
    created |= load_consents()
    return Agency.objects.count() > before or created


def _agencies() -> dict[str, Agency]:
    agencies = {}
    for slug, fields in AGENCIES.items():
        agency, created = Agency.objects.get_or_create(slug=slug, defaults=fields)
        _created(agency, created)
        agencies[slug] = agency
    return agencies


def _neighbourhoods(agencies: dict[str, Agency]) -> dict[tuple[str, str], Neighbourhood]:
    found = {}
    for agency_slug, name, slug, district_name, kind in NEIGHBOURHOODS:
        district, _ = District.objects.get_or_create(name=district_name)
        neighbourhood, created = Neighbourhood.objects.get_or_create(
            agency=agencies[agency_slug],
            slug=slug,
            defaults={"name": name, "district": district, "kind": NeighbourhoodKind(kind)},
        )
        _created(neighbourhood, created)
        found[(agency_slug, slug)] = neighbourhood
    return found


def _user(email: str, name: str, password: str, **extra) -> User:
    """The demo account, created when missing with the already hashed `password`."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, name=name, **extra)
        user.password = password
        user.save(update_fields=["password"])
    return user


def _password(emails: list[str]) -> str:
    """The demo password hashed once for all new accounts: hashing is deliberately slow, and
    every demo account has the same password anyway."""
    if User.objects.filter(email__in=emails).count() == len(emails):
        return ""
    return make_password(DEMO_PASSWORD)


def _people(agencies, neighbourhoods) -> None:
    password = _password([OPERATOR[0], PLANNER[0], *(person[0] for person in PEOPLE)])
    _user(*OPERATOR, password, is_staff=True, is_superuser=True)
    _planner(password)
    for email, name, agency_slug, role, title, slugs in PEOPLE:
        agency = agencies[agency_slug]
        membership, created = Membership.objects.get_or_create(
            agency=agency,
            user=_user(email, name, password),
            defaults={"role": role, "title": title},
        )
        _created(membership, created)
        for slug in slugs:
            TeamAssignment.objects.get_or_create(
                agency=agency,
                membership=membership,
                neighbourhood=neighbourhoods[(agency_slug, slug)],
            )


def _planner(password: str) -> None:
    """The planner's account with the permission of the network-wide overview (adding it
    again changes nothing)."""
    app_label, codename = PLANNER_PERMISSION
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    _user(*PLANNER, password).user_permissions.add(permission)


def _funding(agencies) -> None:
    programmes = {}
    for key, (name, fund, funder) in PROGRAMMES.items():
        programmes[key], _ = Programme.objects.get_or_create(
            name=name, defaults={"fund": fund, "funder": funder}
        )
    for agency_slug, title, programme, start, end, amount, eu_share, co_financing in GRANTS:
        grant, created = Grant.objects.get_or_create(
            agency=agencies[agency_slug],
            title=title,
            defaults={
                "programme": programmes[programme],
                "start_date": start,
                "end_date": end,
                "amount": amount,
                "eu_share": eu_share,
            },
        )
        _created(grant, created)
        for name, share in co_financing:
            CoFinancing.objects.update_or_create(grant=grant, name=name, defaults={"share": share})
        if not created and not grant.amount:  # a demo loaded before grants had amounts
            Grant.objects.filter(pk=grant.pk).update(amount=amount, eu_share=eu_share)


def _partners(agencies) -> None:
    for agency_slug, name, kind, member in PARTNERS:
        partner, created = Partner.objects.get_or_create(
            agency=agencies[agency_slug],
            name=name,
            defaults={"kind": kind, "is_network_member": member},
        )
        _created(partner, created)
