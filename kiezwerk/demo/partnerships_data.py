"""Local partnerships in the demo neighbourhoods (German); parties are the demo's."""

import datetime as dt
from dataclasses import dataclass

from kiezwerk.demo.initiatives_data import BOX, DISTRICT, FALK, HELM
from kiezwerk.demo.network_data import (
    BFW,
    BVAB,
    DGB,
    FK,
    FORUM_PB,
    FORUM_WEDDING,
    JOBS_FK,
    JOBS_PANKOW,
    PANKOW,
    PANKOW_OFFICE,
    QM_BOX,
    QM_FALK,
    QM_HELM,
    TECHNET,
    TU,
)


def _d(year: int, month: int, day: int = 1) -> dt.date:
    return dt.date(year, month, day)


@dataclass(frozen=True)
class PartnershipSpec:
    title: str
    purpose: str
    agreed: dt.date | None  # at the first forum of the neighbourhood from this day when at_forum
    ends_on: dt.date | None
    at_forum: bool
    partners: tuple[str, ...]
    initiatives: tuple[str, ...]


CAFE = "Nachbarschaftscafé am Boxhagener Platz"
PARTNERSHIPS = {
    ("best", BOX): (
        PartnershipSpec(
            "Reparieren statt Wegwerfen",
            "Reparaturwerkstatt, Fahrradwerkstatt und Nähatelier werben gemeinsam, teilen sich "
            "Werkzeug und bilden im Verbund mit dem Berufsfortbildungswerk aus.",
            _d(2004, 9),
            _d(2006, 8, 31),
            True,
            (BFW, BVAB, TU, QM_BOX),
            (
                "Reparaturwerkstatt Boxhagener Kiez",
                "Fahrradwerkstatt Wühlischstraße",
                "Näh- und Änderungsatelier Krossener Straße",
            ),
        ),
        PartnershipSpec(
            "Lokale Partnerschaft Essen im Boxhagener Kiez",
            "Mittagstisch, Kitaküche und Nachbarschaftscafé kaufen gemeinsam ein und teilen sich "
            "Lieferfahrten; der Bezirk vergibt Essen für Kitas und Ältere als Leistungsvertrag.",
            _d(2006, 3),
            _d(2008, 12, 31),
            True,
            (FK, BVAB, QM_BOX),
            ("Mittagstisch im Kiez", "Kitaküche Friedrichshain", CAFE),
        ),
        PartnershipSpec(
            "Ausbildungsverbund Boxhagener Kiez",
            "Soziale Unternehmen im Kiez bilden gemeinsam aus; das JobCenter fördert die Plätze, "
            "der DGB achtet auf gute Ausbildungsbedingungen.",
            _d(2006, 9, 1),
            _d(2009, 8, 31),
            False,
            (BFW, DGB, JOBS_FK),
            (
                "Reparaturwerkstatt Boxhagener Kiez",
                "Kiezladen Simon-Dach-Straße",
                "Hausmeistergenossenschaft Boxhagener Kiez",
            ),
        ),
        PartnershipSpec(
            "Kiezhaus Boxhagener Platz",
            "Ein gemeinsames Haus für Treffpunkt, Lernhaus und Beratung; die Gespräche mit der "
            "Wohnungsbaugesellschaft laufen.",
            None,
            None,
            False,
            (QM_BOX, FK),
            ("Lernhaus Gärtnerstraße", CAFE),
        ),
    ),
    ("best", HELM): (
        PartnershipSpec(
            "Werkstattverbund Prenzlauer Berg",
            "Die Nachbarschaftswerkstatt bildet mit Berufsfortbildungswerk und BVAB Jugendliche "
            "und Langzeitarbeitslose im Holzhandwerk aus.",
            _d(2003, 9),
            _d(2005, 12, 31),
            True,
            (BFW, BVAB, QM_HELM),
            ("Nachbarschaftswerkstatt Lychener Straße",),
        ),
        PartnershipSpec(
            "Älter werden im Helmholtzkiez",
            "Begleitdienst, Mittagstisch und Gesundheitstreff stimmen ihre Angebote ab; das "
            "Bezirksamt schließt Leistungsverträge, das Kommunale Forum stellt Ehrenamtliche.",
            _d(2004, 4),
            _d(2007, 3, 31),
            True,
            (PANKOW, FORUM_PB, QM_HELM),
            (
                "Seniorenbegleitdienst Prenzlauer Berg",
                "Mittagstisch Dunckerstraße",
                "Gesundheitstreff Pappelallee",
            ),
        ),
        PartnershipSpec(
            "Kiezmedien Helmholtzplatz",
            "Stadtteilzeitung und Theaterwerkstatt berichten gemeinsam aus dem Kiez; "
            "Studierende der TU schreiben mit.",
            _d(2004, 10, 15),
            _d(2006, 12, 31),
            False,
            (TU, QM_HELM),
            ("Stadtteilzeitung Helmholtzkiez", "Theaterwerkstatt Raumerstraße"),
        ),
    ),
    ("best", FALK): (
        PartnershipSpec(
            "Gleimviertel: Arbeit und Nachbarschaft",
            "Kiezladen, Umzugshilfe und Seniorentreff schaffen gemeinsam Stellen im Viertel und "
            "teilen sich Transporter und Lager.",
            _d(2003, 11),
            _d(2006, 10, 31),
            True,
            (BVAB, DGB, FORUM_WEDDING, QM_FALK),
            (
                "Kiezladen Gleimviertel",
                "Gleimviertel packt an",
                "Seniorentreff Kopenhagener Straße",
            ),
        ),
        PartnershipSpec(
            "Kinder und Familien im Gleimviertel",
            "Kinderbetreuung, Hausaufgabenhilfe und Sprachcafé nutzen gemeinsam Räume der "
            "Stadtteilbibliothek; das Jugendamt berät zur Finanzierung.",
            _d(2005, 3),
            _d(2007, 12, 31),
            True,
            (PANKOW, FORUM_PB, QM_FALK),
            ("Kinderzeit Falkplatz", "Hausaufgabenhilfe Gleimviertel", "Sprachcafé für Eltern"),
        ),
    ),
    ("best-pankow", HELM): (
        PartnershipSpec(
            "Dienste für Ältere in Pankow",
            "Begleitdienst und Bezirk vereinbaren feste Kontingente; das JobCenter fördert "
            "zusätzliche Stellen.",
            _d(2005, 11),
            _d(2007, 6, 30),
            True,
            (PANKOW_OFFICE, JOBS_PANKOW, QM_HELM),
            ("Seniorenbegleitdienst Prenzlauer Berg", "Stadtteilzeitung Helmholtzkiez"),
        ),
    ),
    ("best-pankow", FALK): (
        PartnershipSpec(
            "Gleimviertel: Laden, Transport, Arbeit",
            "Kiezladen und Umzugshilfe bauen einen gemeinsamen Lieferdienst auf.",
            _d(2006, 2),
            _d(2008, 1, 31),
            True,
            (JOBS_PANKOW, BVAB, QM_FALK),
            ("Kiezladen Gleimviertel", "Gleimviertel packt an"),
        ),
    ),
    ("best-pankow", DISTRICT): (
        PartnershipSpec(
            "Lokale Partnerschaft Soziale Ökonomie Pankow",
            "Bezirk, Netzwerkpartner und Soziale Unternehmen sichern gemeinsam Gründungen und "
            "Arbeitsplätze im Bezirk, auch nach dem Ende der Förderung.",
            _d(2006, 5),
            None,
            True,
            (PANKOW_OFFICE, TECHNET, DGB, BFW),
            ("Dorfladen Blankenfelde", "Schülerfirma Catering Weißensee", "Kiezladen Gleimviertel"),
        ),
    ),
}
