"""The network's members and the public bodies of the seed's districts as data (German).

Organisations are the real ones of the seed; contact persons, e-mail addresses and phone
numbers are invented.
"""

import datetime as dt
from dataclasses import dataclass

from kiezwerk.demo.initiatives_data import BOX, DISTRICT, FALK, HELM

DGB = "DGB Bezirk Berlin-Brandenburg"
TU = "Technische Universität Berlin"
FORUM_PB = "Kommunales Forum Prenzlauer Berg"
FORUM_WEDDING = "Kommunales Forum Wedding e.V."
BVAB = "Berliner Verband der Arbeitsförderungs- und Beschäftigungsgesellschaften (BVAB)"
BFW = "Berufsfortbildungswerk Berlin/Brandenburg"
TECHNET = "Technologie-Netzwerk Berlin e.V."
SENATE = "Senatsverwaltung für Stadtentwicklung, Referat Soziale Stadt"
PANKOW_OFFICE = "Bezirksamt Pankow, Abt. Kultur, Wirtschaft und öffentliche Ordnung"
PANKOW = "Bezirksamt Pankow von Berlin"
FK = "Bezirksamt Friedrichshain-Kreuzberg von Berlin"
QM_BOX = "Quartiersmanagement Boxhagener Platz"
QM_HELM = "Quartiersmanagement Helmholtzplatz"
QM_FALK = "Quartiersmanagement Falkplatz"
JOBS_PANKOW = "JobCenter Pankow"
JOBS_FK = "JobCenter Friedrichshain-Kreuzberg"
ALL = (BOX, HELM, FALK, DISTRICT)

# Public bodies of the seed's districts and neighbourhoods: (agency, name).
PUBLIC_BODIES = [
    ("best", FK),
    ("best", PANKOW),
    ("best", QM_BOX),
    ("best", QM_HELM),
    ("best", QM_FALK),
    ("best", JOBS_FK),
    ("best", JOBS_PANKOW),
    ("best-pankow", PANKOW),
    ("best-pankow", QM_HELM),
    ("best-pankow", QM_FALK),
    ("best-pankow", JOBS_PANKOW),
]


@dataclass(frozen=True)
class Profile:
    member_since: dt.date | None
    contact: str
    email: str
    phone: str
    description: str
    hoods: tuple[str, ...]
    street: str = ""
    postcode: str = ""


PROFILES = {
    DGB: Profile(
        dt.date(2001, 9, 1),
        "Rüdiger Hansen",
        "arbeitsmarkt@dgb-bb.example",
        "030 21240 318",
        "Bringt Wissen über faire Arbeit und Kontakte zu Betriebsräten ins Netzwerk.",
        ALL,
    ),
    TU: Profile(
        dt.date(2001, 7, 1),
        "Prof. Dr. Anke Sommerfeld",
        "sommerfeld@tu-berlin.example",
        "030 314 27760",
        "Forschung zur lokalen Ökonomie; Studierende erheben Bedarfe und begleiten Projekte.",
        ALL,
        "Straße des 17. Juni 135",
        "10623",
    ),
    FORUM_PB: Profile(
        dt.date(2001, 7, 1),
        "Ulrike Brandes",
        "forum@kf-prenzlauerberg.example",
        "030 4404 1157",
        "Bürgerforum im Prenzlauer Berg mit vielen Ehrenamtlichen und guten Kontakten ins "
        "Bezirksamt.",
        (HELM, FALK),
    ),
    FORUM_WEDDING: Profile(
        dt.date(2001, 10, 1),
        "Kemal Aydın",
        "info@kf-wedding.example",
        "030 4650 2283",
        "Erfahrungen mit Stadtteilbetrieben im Wedding, gleich neben dem Gleimviertel.",
        (FALK,),
    ),
    BVAB: Profile(
        dt.date(2002, 3, 1),
        "Dagmar Kleinschmidt",
        "kleinschmidt@bvab.example",
        "030 2639 4410",
        "Dachverband der Beschäftigungsgesellschaften: Förderinstrumente, geförderte Stellen, "
        "Werkzeug aus Beschäftigungsprojekten.",
        ALL,
    ),
    BFW: Profile(
        dt.date(2002, 6, 1),
        "Stefan Yilmaz",
        "partner@best.example",
        "030 5900 3341",
        "Bildungsträger der Gewerkschaften: Ausbildung im Verbund und Weiterbildung für "
        "Gründungsteams.",
        ALL,
    ),
    TECHNET: Profile(
        dt.date(2001, 7, 1),
        "Martina Ebeling",
        "best@technet-berlin.example",
        "030 46 98 82 27",
        "Träger der Agentur BEST; Businessplan-Coaching und Startkapital aus dem Netzwerkfonds.",
        ALL,
        "Wiesenstr. 29",
        "13357",
    ),
    SENATE: Profile(
        None,
        "Michael Brandt",
        "foerderung@senat.example",
        "030 9012 4854",
        "Programm „Soziale Stadt“; kofinanziert das Modellprojekt BEST.",
        (BOX, HELM, FALK),
        "Württembergische Str. 6",
        "10707",
    ),
    PANKOW_OFFICE: Profile(
        None,
        "Sabine Lorch",
        "wirtschaft@ba-pankow.example",
        "030 90295 6100",
        "Träger von BEST Pankow; Wirtschaftsförderung und Leistungsverträge des Bezirks.",
        (HELM, FALK, DISTRICT),
        "Fröbelstraße 17",
        "10405",
    ),
    PANKOW: Profile(
        None,
        "Jens Pawlowski",
        "sozialraum@ba-pankow.example",
        "030 90295 5210",
        "Sozial- und Jugendamt: Leistungsverträge für wohnortnahe Dienste.",
        (HELM, FALK),
    ),
    FK: Profile(
        None,
        "Birte Ohlsen",
        "wirtschaft@ba-fk.example",
        "030 90298 4420",
        "Wirtschaftsförderung, Jugend- und Sozialamt des Bezirks.",
        (BOX,),
    ),
    QM_BOX: Profile(
        None,
        "Heiko Stahnke",
        "qm-boxi@qm.example",
        "030 2977 1436",
        "Quartiersmanagement im Auftrag der Senatsverwaltung; lädt zum Stadtteilforum ein.",
        (BOX,),
    ),
    QM_HELM: Profile(
        None,
        "Anja Völkner",
        "qm-helmholtzplatz@qm.example",
        "030 4403 8270",
        "Quartiersmanagement im Auftrag der Senatsverwaltung; lädt zum Stadtteilforum ein.",
        (HELM,),
    ),
    QM_FALK: Profile(
        None,
        "Matthias Gröning",
        "qm-falkplatz@qm.example",
        "030 4471 9925",
        "Quartiersmanagement im Auftrag der Senatsverwaltung; lädt zum Stadtteilforum ein.",
        (FALK,),
    ),
    JOBS_PANKOW: Profile(
        None,
        "Team Arbeitgeberservice",
        "arbeitgeber@jobcenter-pankow.example",
        "030 5555 1100",
        "Eingliederungszuschüsse und Arbeitsgelegenheiten seit 2005.",
        (HELM, FALK, DISTRICT),
    ),
    JOBS_FK: Profile(
        None,
        "Team Arbeitgeberservice",
        "arbeitgeber@jobcenter-fk.example",
        "030 5555 2200",
        "Eingliederungszuschüsse und Arbeitsgelegenheiten seit 2005.",
        (BOX,),
    ),
}
# The demo partner account acts for this organisation of the pilot agency.
PARTNER_ACCOUNT = ("best", BFW, "partner@best.example")
