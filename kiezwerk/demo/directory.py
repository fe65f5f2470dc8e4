"""The demo's public directory and forum calendar.

Fifteen social enterprises in the directory, each once: the demo's published ones plus six more
that opted in, each with what it offers; of a case BEST Pankow took over, its copy. And
upcoming forums and events in every neighbourhood, dated from the day the demo is loaded (the
case work ends in 2007, but a calendar with only past dates would show nothing). Loading again
changes nothing on the same day: an enterprise is changed only when it differs, an event is
added only when none of its title is still ahead.
"""

import datetime as dt

from django.utils import timezone

from kiezwerk.agencies.models import Agency
from kiezwerk.core.activity import log_action
from kiezwerk.demo.common import local
from kiezwerk.demo.forums_data import PLACES
from kiezwerk.demo.initiatives_data import BOX, DISTRICT, FALK, HELM, PANKOW
from kiezwerk.demo.needs_data import CATEGORIES
from kiezwerk.forums.enums import ForumKind
from kiezwerk.forums.models import Forum
from kiezwerk.initiatives.models import Initiative
from kiezwerk.needs.models import NeedCategory

# Name: (category key, description, opening hours, address, phone); None keeps what the demo's
# initiatives already published.
LISTED = {
    "Nachbarschaftscafé am Boxhagener Platz": ("kultur", None),
    "Reparaturwerkstatt Boxhagener Kiez": ("reparatur", None),
    "Kiezladen Simon-Dach-Straße": ("versorgung", None),
    "Fahrradwerkstatt Wühlischstraße": ("mobil", None),
    "Mittagstisch im Kiez": ("versorgung", None),
    "Stadtteilzeitung Helmholtzkiez": ("kultur", None),
    "Nachbarschaftswerkstatt Lychener Straße": ("kultur", None),
    "Kiezladen Gleimviertel": ("versorgung", None),
    "Seniorentreff Kopenhagener Straße": ("alter", None),
    "Hausmeistergenossenschaft Boxhagener Kiez": (
        "wohnen",
        (
            "Kleine Reparaturen, Winterdienst und Treppenhausreinigung für Hausgemeinschaften "
            "im Kiez. Wir beschäftigen Menschen aus der Nachbarschaft.",
            "Büro: Mo–Do 9–13 Uhr",
            "Boxhagener Straße 56, 10245 Berlin",
            "030 291 40 17",
        ),
    ),
    "Kinderbetreuung Abendstern": (
        "kinder",
        (
            "Betreuung für Kinder von 1 bis 10 Jahren am Abend und am Wochenende, wenn Eltern "
            "im Schichtdienst arbeiten.",
            "Mo–Fr 17–22 Uhr, Sa 8–18 Uhr",
            "Stargarder Straße 9, 10437 Berlin",
            "030 447 31 20",
        ),
    ),
    "Näh- und Änderungsatelier Krossener Straße": (
        "reparatur",
        (
            "Änderungen, Reparaturen und Nähkurse. Stoffe aus zweiter Hand.",
            "Di–Fr 10–18 Uhr",
            "Krossener Straße 21, 10245 Berlin",
            "",
        ),
    ),
    "Seniorenbegleitdienst Prenzlauer Berg": (
        "alter",
        (
            "Wir begleiten ältere Menschen zum Arzt, zum Einkaufen und zu Ämtern. Rufen Sie "
            "uns an, wir kommen zu Ihnen.",
            "Telefon: Mo–Fr 8–16 Uhr",
            "",
            "030 440 52 88",
        ),
    ),
    "Theaterwerkstatt Raumerstraße": (
        "kultur",
        (
            "Theater für Kinder und Jugendliche aus dem Kiez, Kurse und Aufführungen.",
            "Kurse: Mo–Do 15–19 Uhr",
            "Raumerstraße 14, 10437 Berlin",
            "",
        ),
    ),
    "Mittagstisch Dunckerstraße": (
        "versorgung",
        (
            "Frisch gekochtes Mittagessen für alle, günstig für Menschen mit kleinem Einkommen.",
            "Mo–Fr 12–14.30 Uhr",
            "Dunckerstraße 31, 10437 Berlin",
            "",
        ),
    ),
}
# The six enterprises newly listed are BEST's cases.
OWNER = "best"
# Cases BEST Pankow took over and carries on: the directory lists its copy, not BEST's.
TAKER = "best-pankow"
TAKEN_OVER = {name for _hood, name, *_rest in PANKOW}
PROFILE = ("public_description", "opening_hours", "public_address", "public_phone")

# (agency, neighbourhood, weeks from today, kind, title, hour)
UPCOMING = [
    ("best", BOX, 2, ForumKind.FORUM, "Stadtteilforum Boxhagener Platz", 18),
    ("best", BOX, 6, ForumKind.WORKSHOP, "Werkstatt: Eine Idee wird zum Sozialen Unternehmen", 17),
    ("best", HELM, 3, ForumKind.FORUM, "Stadtteilforum Helmholtzplatz", 18),
    ("best", HELM, 8, ForumKind.INFORMATION, "Infoabend: Arbeit und Ausbildung im Kiez", 19),
    ("best", FALK, 4, ForumKind.FORUM, "Stadtteilforum Falkplatz", 18),
    (
        "best-pankow",
        FALK,
        10,
        ForumKind.INFORMATION,
        "Infoabend: Nahversorgung im Gleimviertel",
        18,
    ),
    ("best-pankow", DISTRICT, 5, ForumKind.FORUM, "Bezirksforum Soziale Unternehmen in Pankow", 17),
]
AGENDA = {
    ForumKind.FORUM: "1. Begrüßung\n2. Was fehlt im Kiez? Bedarfe sammeln\n"
    "3. Berichte aus den Sozialen Unternehmen\n4. Verschiedenes",
    ForumKind.WORKSHOP: "Wie wird aus einer Idee ein Angebot, das sich trägt? "
    "Mit Beispielen aus dem Kiez. Bitte melden Sie sich nicht an, kommen Sie einfach.",
    ForumKind.INFORMATION: "Kurze Vorträge, danach Zeit für Ihre Fragen.",
}
DURATION = dt.timedelta(hours=2)


def load_directory(agencies: dict[str, Agency]) -> bool:
    """List the fifteen enterprises and add the upcoming events; True when anything changed."""
    changed = _list_enterprises(agencies)
    return _upcoming_forums(agencies) or changed


def _list_enterprises(agencies: dict[str, Agency]) -> bool:
    categories = {
        key: NeedCategory.objects.get_or_create(name=name)[0] for key, name in CATEGORIES.items()
    }
    changed = False
    for initiative in Initiative.objects.filter(agency__in=agencies.values(), name__in=LISTED):
        carrier = agencies[TAKER if initiative.name in TAKEN_OVER else OWNER].pk
        wanted = _listing(initiative, categories, carrier=carrier)
        fields = [name for name, value in wanted.items() if getattr(initiative, name) != value]
        if fields:
            for name in fields:
                setattr(initiative, name, wanted[name])
            initiative.save(update_fields=[*fields, "updated_at"])
            log_action(None, "changed", initiative, {"via": "demo", "fields": fields})
            changed = True
    return changed


def _listing(initiative: Initiative, categories: dict, *, carrier: int) -> dict:
    """The directory fields the initiative should have. `carrier` is the agency whose copy the
    directory lists: BEST, or BEST Pankow for a case it took over, whose BEST copy leaves the
    directory (one entry per enterprise)."""
    key, profile = LISTED[initiative.name]
    if initiative.agency_id != carrier:
        return {"is_public": False} if initiative.name in TAKEN_OVER else {}
    if profile is None:
        return {"directory_category": categories[key]} if initiative.is_public else {}
    return {"is_public": True, "directory_category": categories[key]} | dict(
        zip(PROFILE, profile, strict=True)
    )


def _upcoming_forums(agencies: dict[str, Agency]) -> bool:
    today, now = timezone.localdate(), timezone.now()
    created = False
    for agency_slug, slug, weeks, kind, title, hour in UPCOMING:
        agency = agencies[agency_slug]
        hood = agency.neighbourhoods.active().filter(slug=slug).first()
        ahead = Forum.objects.filter(agency=agency, title=title, starts_at__gte=now)
        if hood is None or ahead.exists():
            continue
        starts = local(today + dt.timedelta(weeks=weeks), dt.time(hour))
        forum = Forum.objects.create(
            agency=agency,
            neighbourhood=hood,
            kind=kind,
            title=title,
            starts_at=starts,
            ends_at=starts + DURATION,
            place=PLACES[slug][0],
            agenda=AGENDA[kind],
        )
        log_action(None, "created", forum, {"via": "demo"})
        created = True
    return created
