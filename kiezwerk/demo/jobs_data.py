"""The demo enterprises' positions (German titles): who works where, since when, how many
hours. Months are counted from the enterprise's founding; a position without a duration is
still filled at the demo's end. Subsidised positions name their instrument."""

from dataclasses import dataclass

from kiezwerk.demo.initiatives_data import FOUNDER_INITIATIVE


@dataclass(frozen=True)
class Job:
    title: str
    line: str | None  # the business line's name
    contract: str  # ContractType value
    hours: int  # per week
    after: int  # months after founding
    lasts: int | None = None  # months; None: still filled
    instrument: str = ""  # Instrument value, for subsidised positions
    before: bool = False  # existed before support (maintained)


FULL, PART, MINI, APPRENTICE, SUBSIDISED = (
    "full_time",
    "part_time",
    "marginal",
    "apprenticeship",
    "subsidised",
)

JOBS = {
    FOUNDER_INITIATIVE: [
        Job("Köchin", "Mittagstisch", PART, 30, 2),
        Job("Servicekraft", "Café und Frühstück", MINI, 10, 3),
        Job("Café-Leitung", "Café und Frühstück", SUBSIDISED, 38, 4, instrument="egz"),
    ],
    "Reparaturwerkstatt Boxhagener Kiez": [
        Job("Werkstattleiter", "Reparaturen", FULL, 40, 0),
        Job("Elektroniker", "Reparaturen", FULL, 40, 5),
        Job("Anleiter Qualifizierung", "Qualifizierung", FULL, 40, 3),
        Job("Anleiterin Qualifizierung", "Qualifizierung", PART, 25, 9),
        Job("Helfer in der Werkstatt", "Qualifizierung", SUBSIDISED, 30, 6, 12, "agh"),
        Job("Helferin in der Werkstatt", "Qualifizierung", SUBSIDISED, 30, 8, 12, "agh"),
        Job("Auszubildender Elektroniker", "Reparaturen", APPRENTICE, 40, 16),
        Job("Bürokraft", None, MINI, 8, 10),
    ],
    "Kiezladen Simon-Dach-Straße": [
        Job("Ladenleitung", "Laden", FULL, 40, 0),
        Job("Verkäuferin", "Laden", PART, 25, 1),
        Job("Verkäufer", "Laden", MINI, 10, 2),
        Job("Fahrer Lieferdienst", "Lieferdienst für Ältere", SUBSIDISED, 30, 3, None, "bez"),
    ],
    "Fahrradwerkstatt Wühlischstraße": [
        Job("Zweiradmechaniker", "Werkstatt und Verkauf", FULL, 40, 0),
        Job("Zweiradmechanikerin", "Werkstatt und Verkauf", FULL, 40, 7),
        Job("Auszubildender Zweiradmechaniker", "Werkstatt und Verkauf", APPRENTICE, 40, 18),
        Job("Kursleiter Jugendwerkstatt", "Reparaturkurse für Jugendliche", PART, 15, 4),
        Job("Verkauf und Kasse", "Werkstatt und Verkauf", MINI, 10, 10, 14),
    ],
    "Mittagstisch im Kiez": [
        Job("Koch", "Mittagstisch", FULL, 40, 0),
        Job("Küchenhilfe", "Mittagstisch", PART, 20, 1),
        Job("Küchenhelferin", "Mittagstisch", SUBSIDISED, 30, 4, 12, "agh"),
        Job("Fahrer Essen auf Rädern", "Essen auf Rädern", PART, 25, 3),
        Job("Fahrerin Essen auf Rädern", "Essen auf Rädern", MINI, 10, 12),
        Job("Organisation und Abrechnung", None, PART, 20, 6),
    ],
    "Näh- und Änderungsatelier Krossener Straße": [
        Job("Schneidermeisterin", "Änderungsschneiderei", PART, 30, 0),
        Job("Näherin", "Änderungsschneiderei", SUBSIDISED, 30, 3, None, "egz"),
    ],
    "Hausmeistergenossenschaft Boxhagener Kiez": [
        Job("Hausmeister", "Hausmeisterdienste", FULL, 40, 0),
        Job("Hausmeister", "Hausmeisterdienste", FULL, 40, 1),
        Job("Haustechniker", "Hausmeisterdienste", PART, 30, 3),
        Job("Geschäftsführung", None, PART, 20, 0, before=True),
    ],
    "Kinderbetreuung Abendstern": [
        Job("Erzieherin", "Randzeitenbetreuung", PART, 30, 0),
        Job("Erzieher", "Randzeitenbetreuung", PART, 30, 2),
        Job("Kinderpflegerin", "Randzeitenbetreuung", PART, 20, 6),
        Job("Auszubildende Sozialassistentin", "Randzeitenbetreuung", APPRENTICE, 38, 14),
    ],
    "Nachbarschaftswerkstatt Lychener Straße": [
        Job("Tischlermeister", "Offene Werkstatt", FULL, 40, 0, before=True),
        Job("Kursleiterin", "Treffpunkt und Kurse", MINI, 9, 2),
        Job("Werkstatthelfer", "Offene Werkstatt", SUBSIDISED, 30, 5, 12, "sam"),
    ],
    "Seniorenbegleitdienst Prenzlauer Berg": [
        Job("Pflegefachkraft Koordination", "Begleitdienst", FULL, 40, 0),
        Job("Begleiterin", "Begleitdienst", PART, 25, 1),
        Job("Begleiter", "Begleitdienst", PART, 25, 2),
        Job("Begleiterin", "Begleitdienst", SUBSIDISED, 30, 4, None, "bez"),
        Job("Begleiter", "Begleitdienst", SUBSIDISED, 30, 6, 24, "abm"),
    ],
    "Seniorentreff Kopenhagener Straße": [
        Job("Leitung Seniorentreff", "Seniorentreff mit Mittagstisch", PART, 30, 0, before=True),
        Job("Köchin", "Seniorentreff mit Mittagstisch", PART, 25, 3),
        Job("Küchenhilfe", "Seniorentreff mit Mittagstisch", MINI, 10, 8),
    ],
    "Stadtteilzeitung Helmholtzkiez": [
        Job("Redakteurin", "Zeitung und Anzeigen", PART, 30, 0),
        Job("Anzeigenverkauf", "Zeitung und Anzeigen", MINI, 10, 6),
    ],
    "Kiezladen Gleimviertel": [
        Job("Ladenleiter", "Laden", FULL, 40, 0),
        Job("Verkäuferin", "Laden", PART, 20, 2),
        Job("Verkäuferin", "Laden", MINI, 10, 9),
    ],
    "Gleimviertel packt an": [
        Job("Teamleiter Umzüge", "Umzüge und Entrümpelung", FULL, 40, 0),
        Job("Umzugshelfer", "Umzüge und Entrümpelung", SUBSIDISED, 30, 1, None, "bez"),
        Job("Umzugshelfer", "Umzüge und Entrümpelung", SUBSIDISED, 30, 2, 10, "agh"),
        Job("Disposition", None, MINI, 10, 5),
    ],
}

# Why a job created during support is additional (one of them, chosen per position).
JUSTIFICATIONS = (
    "Die Stelle ist mit dem neuen Geschäftszweig entstanden, den es im Kiez vorher nicht gab.",
    "Ohne die Gründungsberatung und den Leistungsvertrag wäre die Stelle nicht eingerichtet "
    "worden.",
    "Die Inhaberin war langzeitarbeitslos; im Kiez gab es kein vergleichbares Angebot.",
)

# The agency's additionality worksheets: (year, version date, rates, reasons).
WORKSHEETS = [
    (
        2005,
        "2006-02-20",
        {"deadweight": "15", "displacement": "10", "substitution": "5", "multiplier": "1.10"},
    ),
    (
        2006,
        "2007-02-15",
        {"deadweight": "20", "displacement": "10", "substitution": "5", "multiplier": "1.10"},
    ),
    (
        2006,
        "2007-04-10",
        {"deadweight": "15", "displacement": "8", "substitution": "5", "multiplier": "1.15"},
    ),
]
REASONS = {
    "deadweight_reason": "Befragung der Gründerinnen und Gründer: ohne Beratung wäre etwa jede "
    "sechste Gründung auch so zustande gekommen.",
    "displacement_reason": "Die Unternehmen decken Bedarfe, die im Kiez unversorgt waren; "
    "Verdrängung nur bei Läden und Mittagstischen.",
    "substitution_reason": "Einzelne geförderte Stellen ersetzen reguläre Stellen (Abgleich "
    "mit den Stellenplänen).",
    "multiplier_reason": "Lokale Einkäufe der Unternehmen und Ausgaben der Beschäftigten im "
    "Kiez, nach der Studie des Bezirks zur lokalen Ökonomie.",
}
