"""The demo enterprises' business lines and how they earn their money (German names).

Each line has a profile: its monthly revenue when fully grown, the shares of its sources,
its public client (a public body of the demo network) and its volunteer work. Some
enterprises depend on one public client, some live from the market, most mix the three
sources; young ones lean on grants.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from kiezwerk.demo.initiatives_data import FOUNDER_INITIATIVE
from kiezwerk.demo.network_data import FK, JOBS_FK, JOBS_PANKOW, PANKOW, QM_BOX, QM_HELM

# What the agencies valued an hour of volunteer work at (before 2015 Germany had no statutory
# minimum wage): a rate the agency set, per year.
VOLUNTEER_RATE = {
    2002: Decimal("7.50"),
    2003: Decimal("7.50"),
    2004: Decimal("7.50"),
    2005: Decimal("7.50"),
    2006: Decimal("8.00"),
    2007: Decimal("8.00"),
}
# Enterprises that ran as associations before they were founded as social enterprises with
# the agency's support: their figures go back to January 2003, when the agency began.
EXISTED_BEFORE = {
    "Nachbarschaftswerkstatt Lychener Straße": dt.date(2003, 1, 1),
    "Seniorentreff Kopenhagener Straße": dt.date(2003, 1, 1),
}
# Months up to this one are reviewed and closed by the advisors; later ones are still open.
CLOSED_UNTIL = (2007, 3)


@dataclass(frozen=True)
class Line:
    name: str
    category: str  # key of needs_data.CATEGORIES
    revenue: int  # euros a month when grown, all sources together
    public: float  # shares of the revenue (the rest is market sales)
    grants: float
    donations: float
    client: str | None  # the public client of the public share
    hours: int  # volunteer hours a month when grown
    volunteers: int
    reciprocal: bool
    cost_ratio: float  # costs as a share of the revenue (above 1: the line makes a loss)


def line(
    name,
    category,
    revenue,
    public,
    grants,
    donations,
    client,
    hours,
    volunteers,
    reciprocal,
    cost_ratio,
) -> Line:
    return Line(
        name,
        category,
        revenue,
        public,
        grants,
        donations,
        client,
        hours,
        volunteers,
        reciprocal,
        cost_ratio,
    )


# Business lines per enterprise (by name; both agencies' records of a handed-over one).
LINES = {
    FOUNDER_INITIATIVE: [
        line("Café und Frühstück", "kultur", 3200, 0, 0.25, 0.05, None, 120, 9, True, 1.05),
        line("Mittagstisch", "versorgung", 2600, 0.35, 0, 0, QM_BOX, 60, 5, True, 0.9),
    ],
    "Reparaturwerkstatt Boxhagener Kiez": [
        line("Reparaturen", "reparatur", 5200, 0.15, 0.05, 0, FK, 40, 4, False, 0.85),
        line("Qualifizierung", "bildung", 3800, 0.85, 0, 0, JOBS_FK, 0, 0, False, 1.1),
    ],
    "Kiezladen Simon-Dach-Straße": [
        line("Laden", "versorgung", 9500, 0, 0.05, 0, None, 150, 14, True, 0.95),
        line("Lieferdienst für Ältere", "mobil", 1800, 0.5, 0, 0.1, FK, 80, 6, True, 1.2),
    ],
    "Fahrradwerkstatt Wühlischstraße": [
        line("Werkstatt und Verkauf", "mobil", 4800, 0, 0, 0.02, None, 90, 8, True, 0.8),
        line("Reparaturkurse für Jugendliche", "bildung", 1500, 0.7, 0.1, 0, FK, 30, 3, True, 1.3),
    ],
    "Mittagstisch im Kiez": [
        line("Mittagstisch", "versorgung", 5600, 0.3, 0, 0.05, QM_BOX, 200, 16, True, 0.95),
        line("Essen auf Rädern", "alter", 3000, 0.6, 0, 0, FK, 60, 5, True, 0.9),
    ],
    "Näh- und Änderungsatelier Krossener Straße": [
        line("Änderungsschneiderei", "reparatur", 2400, 0, 0.35, 0, None, 50, 4, True, 1.1),
    ],
    "Hausmeistergenossenschaft Boxhagener Kiez": [
        line("Hausmeisterdienste", "wohnen", 7800, 0.1, 0.1, 0, FK, 20, 3, False, 0.85),
    ],
    "Kinderbetreuung Abendstern": [
        line("Randzeitenbetreuung", "kinder", 4200, 0.75, 0.15, 0, PANKOW, 40, 4, True, 1.0),
    ],
    "Nachbarschaftswerkstatt Lychener Straße": [
        line("Offene Werkstatt", "reparatur", 2600, 0.1, 0, 0.05, QM_HELM, 160, 15, True, 1.15),
        line("Treffpunkt und Kurse", "kultur", 1900, 0.2, 0, 0.1, QM_HELM, 110, 10, True, 0.7),
    ],
    "Seniorenbegleitdienst Prenzlauer Berg": [
        line("Begleitdienst", "alter", 6800, 0.82, 0, 0, JOBS_PANKOW, 60, 7, False, 0.97),
    ],
    "Seniorentreff Kopenhagener Straße": [
        line(
            "Seniorentreff mit Mittagstisch",
            "versorgung",
            3600,
            0.3,
            0,
            0.1,
            PANKOW,
            180,
            14,
            True,
            0.95,
        ),
    ],
    "Stadtteilzeitung Helmholtzkiez": [
        line("Zeitung und Anzeigen", "kultur", 2900, 0.05, 0, 0.05, PANKOW, 140, 12, True, 0.9),
    ],
    "Kiezladen Gleimviertel": [
        line("Laden", "versorgung", 8200, 0, 0.1, 0, None, 120, 12, True, 0.97),
    ],
    "Gleimviertel packt an": [
        line(
            "Umzüge und Entrümpelung",
            "wohnen",
            5400,
            0.72,
            0.05,
            0,
            JOBS_PANKOW,
            30,
            3,
            False,
            0.95,
        ),
    ],
}
# A cooperative that paid its members a dividend: the flag of criterion 3.
DISTRIBUTIONS = {
    "Hausmeistergenossenschaft Boxhagener Kiez": (
        dt.date(2007, 4, 30),
        Decimal("1800.00"),
        "die zwölf Mitglieder der Genossenschaft",
        "Dividende von 3 % auf die Geschäftsanteile, beschlossen von der Generalversammlung; "
        "der Überschuss hätte den Verlust des Bereichs Reparaturen decken können.",
    ),
}
