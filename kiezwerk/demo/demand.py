"""The demo's needs board and demand register: some of each agency's open needs shown on the
public needs board, two residents' reports waiting for moderation, and requests from other
Berlin neighbourhoods that no agency serves (2004–2006, the years of the rollout planning).

Idempotent: needs are made public only for an agency without public needs, reports are found
by title, requests are created only when there are none.
"""

import datetime as dt

from django.utils import timezone

from kiezwerk.agencies.models import Agency, District
from kiezwerk.demo.common import local, log_created
from kiezwerk.demo.needs_data import CATEGORIES
from kiezwerk.needs.enums import DemandStatus, EvidenceSource, NeedStatus, RequesterKind
from kiezwerk.needs.models import DemandRequest, Need, NeedCategory

PUBLIC_PER_AGENCY = 6
REPORTS = {
    "best": (
        "Boxhagener Platz",
        "kultur",
        "Kein Ort für Jugendliche am Abend",
        "Abends sitzen die Jugendlichen auf dem Spielplatz, weil es keinen Raum für sie gibt.",
    ),
    "best-pankow": (
        "Helmholtzplatz",
        "versorgung",
        "Kein Mittagstisch für Ältere",
        "Seit die Kantine im Seniorenheim zu ist, essen viele Ältere mittags allein.",
    ),
}
# (day, district, neighbourhood, postcode, category key, who asks, status, what is missing)
REQUESTS = (
    (
        "2004-03-15",
        "Neukölln",
        "Rollbergsiedlung",
        "12049",
        "kinder",
        "resident",
        "new",
        "Für Kinder unter drei Jahren gibt es keine Betreuung am Nachmittag.",
    ),
    (
        "2004-06-02",
        "Neukölln",
        "Rollbergsiedlung",
        "",
        "kultur",
        "initiative",
        "waiting",
        "Unser Mieterverein sucht Räume für ein Nachbarschaftscafé.",
    ),
    (
        "2004-11-20",
        "Neukölln",
        "Schillerkiez",
        "12049",
        "versorgung",
        "public_body",
        "forwarded",
        "Im Kiez hat der letzte Lebensmittelladen geschlossen.",
    ),
    (
        "2005-02-08",
        "Mitte",
        "Soldiner Kiez",
        "13357",
        "reparatur",
        "initiative",
        "waiting",
        "Eine Gruppe Arbeitsloser will eine Fahrradwerkstatt gründen.",
    ),
    (
        "2005-05-30",
        "Mitte",
        "Soldiner Kiez",
        "",
        "kinder",
        "resident",
        "new",
        "Hausaufgabenhilfe für Grundschulkinder fehlt.",
    ),
    (
        "2005-09-12",
        "Marzahn-Hellersdorf",
        "Marzahn Nord",
        "12689",
        "versorgung",
        "public_body",
        "waiting",
        "Ältere Menschen finden keinen Einkaufsdienst.",
    ),
    (
        "2006-01-17",
        "Spandau",
        "Heerstraße Nord",
        "13593",
        "kultur",
        "resident",
        "new",
        "Es gibt keinen Treffpunkt für Familien.",
    ),
    (
        "2006-04-03",
        "Spandau",
        "",
        "13583",
        "reparatur",
        "initiative",
        "served",
        "Wir suchen Beratung für einen Secondhand-Laden.",
    ),
    (
        "2006-08-21",
        "Neukölln",
        "Rollbergsiedlung",
        "12049",
        "versorgung",
        "public_body",
        "new",
        "Die Schule bittet um einen gesunden Mittagstisch.",
    ),
)


def load_demand(agencies: dict[str, Agency]) -> bool:
    created = False
    for agency in agencies.values():
        created |= _publish_needs(agency)
        created |= _report(agency)
    return _requests() or created


def _publish_needs(agency: Agency) -> bool:
    if Need.objects.filter(agency=agency, is_public=True).exists():
        return False
    open_needs = Need.objects.filter(
        agency=agency,
        archived_at__isnull=True,
        merged_into__isnull=True,
        status__in=(NeedStatus.CONFIRMED, NeedStatus.ADDRESSED, NeedStatus.REPORTED),
    ).order_by("-supporters", "pk")
    chosen = list(open_needs.values_list("pk", flat=True)[:PUBLIC_PER_AGENCY])
    return Need.objects.filter(pk__in=chosen).update(is_public=True) > 0


def _report(agency: Agency) -> bool:
    hood_name, category, title, text = REPORTS.get(agency.slug, (None, None, None, ""))
    hood = agency.neighbourhoods.filter(name=hood_name).first() if hood_name else None
    if hood is None or Need.objects.filter(agency=agency, title=title).exists():
        return False
    need = Need.objects.create(
        agency=agency,
        neighbourhood=hood,
        category=NeedCategory.objects.get_or_create(name=CATEGORIES[category])[0],
        title=title,
        description=text,
        source=EvidenceSource.RESIDENT,
        raised_on=timezone.localdate(),
        from_portal=True,
    )
    log_created([need])
    return True


def _requests() -> bool:
    if DemandRequest.objects.exists():
        return False
    made = [_request(number, *row) for number, row in enumerate(REQUESTS)]
    log_created(made)
    return True


def _request(number, day, district, hood, postcode, category, kind, status, text):
    received = local(dt.date.fromisoformat(day), dt.time(10, 30))
    return DemandRequest.objects.create(
        district=District.objects.get_or_create(name=district)[0],
        neighbourhood_name=hood,
        neighbourhood_key=" ".join(hood.split()).casefold(),
        postcode=postcode,
        category=NeedCategory.objects.get_or_create(name=CATEGORIES[category])[0],
        description=text,
        requester_kind=RequesterKind(kind),
        name=f"Anfrage {number + 1} (fiktiv)",
        email=f"anfrage{number + 1}@example.org",
        consent_at=received,
        created_at=received,
        year=received.year,
        quarter=(received.month - 1) // 3 + 1,
        status=DemandStatus(status),
    )
