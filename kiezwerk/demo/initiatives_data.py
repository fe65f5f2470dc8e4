"""The demo world's initiatives as data: names, ideas, needs, notes (German, fictional people)."""

import datetime as dt

from kiezwerk.initiatives.enums import (
    LegalForm,
    Rating,
    Stage,
)
from kiezwerk.initiatives.enums import Topic as T

FOUNDER_EMAIL = "gruenderin@best.example"
FOUNDER_INITIATIVE = "Nachbarschaftscafé am Boxhagener Platz"
# The days each agency's case work runs; the model phase's Pankow cases went to BEST Pankow.
WINDOWS = {
    "best": (dt.date(2002, 12, 2), dt.date(2007, 6, 29)),
    "best-pankow": (dt.date(2005, 6, 6), dt.date(2007, 6, 29)),
}
HANDED_OVER = dt.date(2005, 5, 31)
# Stages that take longer to reach than the early ones.
GROWTH = (Stage.STARTUP, Stage.CONSOLIDATION, Stage.SELF_SUSTAINING)
BOX, HELM, FALK, DISTRICT = "boxhagener-platz", "helmholtzplatz", "falkplatz", "bezirk-pankow"

# (neighbourhood, name, stage, legal form once founded, needs met)
BEST = [
    (BOX, FOUNDER_INITIATIVE, "startup", "ev", "treffpunkt mittagstisch"),
    (BOX, "Reparaturwerkstatt Boxhagener Kiez", "consolidation", "ggmbh", "reparatur"),
    (BOX, "Kiezladen Simon-Dach-Straße", "consolidation", "eg", "nahversorgung"),
    (BOX, "Fahrradwerkstatt Wühlischstraße", "self_sustaining", "ev", "fahrrad"),
    (BOX, "Mittagstisch im Kiez", "self_sustaining", "ev", "mittagstisch senioren_begleitung"),
    (BOX, "Lernhaus Gärtnerstraße", "concept", "none", "hausaufgaben sprache"),
    (BOX, "Kiezkinder früh und spät", "founding", "ggmbh", "randzeiten"),
    (BOX, "Näh- und Änderungsatelier Krossener Straße", "startup", "ev", "naehen"),
    (BOX, "Umzugshilfe Friedrichshain", "orientation", "none", "umzug"),
    (BOX, "Tauschring Friedrichshain", "given_up", "none", "tausch"),
    (BOX, "Boxhagener Blatt", "paused", "none", "kiezinfo"),
    (BOX, "Seniorenbegleitdienst Friedrichshain", "concept", "none", "senioren_begleitung"),
    (BOX, "Bügelstube am Boxi", "inquiry", "none", "waesche"),
    (BOX, "Kitaküche Friedrichshain", "founding", "ggmbh", "kita_essen"),
    (BOX, "Hausmeistergenossenschaft Boxhagener Kiez", "startup", "eg", "hausmeister"),
    (BOX, "Computerkurse für Ältere", "inquiry", "none", "computer"),
    (HELM, "Stadtteilzeitung Helmholtzkiez", "consolidation", "ev", "kiezinfo"),
    (HELM, "Kinderbetreuung Abendstern", "startup", "ev", "randzeiten"),
    (
        HELM,
        "Seniorenbegleitdienst Prenzlauer Berg",
        "consolidation",
        "ggmbh",
        "senioren_begleitung",
    ),
    (
        HELM,
        "Nachbarschaftswerkstatt Lychener Straße",
        "self_sustaining",
        "ev",
        "reparatur treffpunkt",
    ),
    (HELM, "Mittagstisch Dunckerstraße", "founding", "ev", "mittagstisch"),
    (HELM, "Mieterberatung Helmholtzplatz", "given_up", "none", "mieterberatung"),
    (HELM, "Hausaufgabenhilfe Schliemannstraße", "orientation", "none", "hausaufgaben"),
    (HELM, "Interkultureller Garten Helmholtzkiez", "concept", "none", "gruen treffpunkt"),
    (HELM, "Einkaufshilfe Helmholtzplatz", "inquiry", "none", "lieferung"),
    (HELM, "Kiezkurier per Fahrrad", "paused", "none", "kurier"),
    (HELM, "Theaterwerkstatt Raumerstraße", "founding", "ev", "kultur_jugend"),
    (HELM, "Gesundheitstreff Pappelallee", "concept", "none", "gesundheit"),
    (HELM, "Secondhand-Kinderladen Stargarder Straße", "inquiry", "none", "wiederverwendung"),
    (FALK, "Kiezladen Gleimviertel", "consolidation", "eg", "nahversorgung"),
    (FALK, "Gleimviertel packt an", "startup", "ggmbh", "umzug"),
    (FALK, "Kinderzeit Falkplatz", "orientation", "none", "randzeiten"),
    (FALK, "Hausaufgabenhilfe Gleimviertel", "orientation", "none", "hausaufgaben"),
    (FALK, "Seniorentreff Kopenhagener Straße", "self_sustaining", "ev", "mittagstisch treffpunkt"),
    (FALK, "Schraubzieher Reparaturdienst", "concept", "none", "reparatur"),
    (FALK, "Fahrradwerkstatt am Mauerpark", "orientation", "none", "fahrrad"),
    (FALK, "Kulturcafé Gleimtunnel", "paused", "ev", "treffpunkt kultur_jugend"),
    (FALK, "Hauswirtschaftsdienst für Ältere", "given_up", "none", "senioren_haushalt"),
    (FALK, "Sprachcafé für Eltern", "inquiry", "none", "sprache"),
    (FALK, "Möbelbörse Falkplatz", "concept", "none", "wiederverwendung"),
]
# BEST Pankow consolidates the model phase's initiatives and starts new ones in the district.
PANKOW = [
    (HELM, "Stadtteilzeitung Helmholtzkiez", "self_sustaining", "ev", "kiezinfo"),
    (
        HELM,
        "Seniorenbegleitdienst Prenzlauer Berg",
        "consolidation",
        "ggmbh",
        "senioren_begleitung",
    ),
    (FALK, "Kiezladen Gleimviertel", "consolidation", "eg", "nahversorgung"),
    (FALK, "Gleimviertel packt an", "consolidation", "ggmbh", "umzug"),
    (DISTRICT, "Dorfladen Blankenfelde", "orientation", "none", "nahversorgung lieferung"),
    (DISTRICT, "Schülerfirma Catering Weißensee", "concept", "none", "kita_essen"),
]
SPECS = {"best": BEST, "best-pankow": PANKOW}
IDEAS = {
    FOUNDER_INITIATIVE: "Ein Café als offener Treffpunkt für alle Generationen, mit preiswertem "
    "Frühstück und Mittagstisch, getragen von Nachbarinnen und Nachbarn.",
    "Reparaturwerkstatt Boxhagener Kiez": "Reparatur von Haushaltsgeräten, Lampen und Möbeln "
    "zu kleinen Preisen; Handwerker ohne Arbeit finden hier eine Stelle.",
    "Kiezladen Simon-Dach-Straße": "Lebensmittelladen in Laufweite als Genossenschaft der "
    "Anwohner, mit Lieferdienst für Ältere.",
    "Fahrradwerkstatt Wühlischstraße": "Selbsthilfewerkstatt mit Anleitung, Verkauf "
    "gebrauchter Räder und Reparaturkursen für Jugendliche.",
    "Mittagstisch im Kiez": "Warmes Mittagessen für Ältere und Familien mit wenig Geld; Essen "
    "auf Rädern für Nachbarn, die nicht mehr aus dem Haus kommen.",
    "Lernhaus Gärtnerstraße": "Hausaufgabenhilfe und Lernförderung am Nachmittag; "
    "Studierende und Eltern helfen mit.",
    "Kiezkinder früh und spät": "Kinderbetreuung in Randzeiten: ab 6 Uhr morgens, bis 21 Uhr "
    "abends und am Wochenende, für Eltern im Schichtdienst.",
    "Näh- und Änderungsatelier Krossener Straße": "Änderungsschneiderei mit Nähkursen; Frauen "
    "aus dem Kiez bringen ihr Können ein.",
    "Umzugshilfe Friedrichshain": "Günstige Umzugs- und Entrümpelungshilfe für Ältere und "
    "Familien mit kleinem Einkommen.",
    "Tauschring Friedrichshain": "Nachbarn tauschen Leistungen gegen Zeitgutschriften.",
    "Boxhagener Blatt": "Monatliche Stadtteilzeitung mit Nachrichten, Terminen und Porträts.",
    "Seniorenbegleitdienst Friedrichshain": "Begleitung älterer Menschen zu Ärzten, Ämtern und "
    "Einkäufen, dazu Hilfe im Haushalt.",
    "Bügelstube am Boxi": "Wasch- und Bügelservice mit Hol- und Bringdienst.",
    "Kitaküche Friedrichshain": "Frisch gekochtes, bezahlbares Essen für Kitas und Schulen im "
    "Kiez, aus regionalen Zutaten.",
    "Hausmeistergenossenschaft Boxhagener Kiez": "Kleine Reparaturen, Treppenhausreinigung "
    "und Winterdienst, von Mietern für Mieter.",
    "Computerkurse für Ältere": "Ältere lernen von Jüngeren Computer und Internet.",
    "Stadtteilzeitung Helmholtzkiez": "Eine Zeitung von Nachbarn für Nachbarn, finanziert über "
    "Anzeigen der Läden und einen Vertrag mit dem Quartiersmanagement.",
    "Kinderbetreuung Abendstern": "Betreuung von Kindern am Abend und am Wochenende in den "
    "Räumen eines Kinderladens.",
    "Seniorenbegleitdienst Prenzlauer Berg": "Begleitdienst für Ältere, mit Leistungsvertrag "
    "des Bezirks und Stunden, die Angehörige selbst bezahlen.",
    "Nachbarschaftswerkstatt Lychener Straße": "Offene Holz- und Möbelwerkstatt mit Kursen, "
    "Auftragsarbeiten und einem Werkstattcafé.",
    "Mittagstisch Dunckerstraße": "Mittagessen für Ältere und Schulkinder in einem leer "
    "stehenden Ladenlokal.",
    "Mieterberatung Helmholtzplatz": "Beratung bei Modernisierung und Mieterhöhung.",
    "Hausaufgabenhilfe Schliemannstraße": "Lernhilfe für Grundschulkinder nach der Schule, mit "
    "Eltern als Ehrenamtlichen.",
    "Interkultureller Garten Helmholtzkiez": "Gemeinschaftsgarten auf einer Brache, mit "
    "Gemüseverkauf und Gartenkursen.",
    "Einkaufshilfe Helmholtzplatz": "Einkaufs- und Lieferdienst für Nachbarn, die schlecht zu "
    "Fuß sind.",
    "Kiezkurier per Fahrrad": "Kurierfahrten mit dem Fahrrad für Läden, Praxen und Büros.",
    "Theaterwerkstatt Raumerstraße": "Theater mit Jugendlichen aus dem Kiez: Aufführungen "
    "gegen Eintritt und Kurse für Schulen.",
    "Gesundheitstreff Pappelallee": "Bewegungskurse und Gesundheitsberatung für Ältere, mit "
    "Krankenkassen als Auftraggebern.",
    "Secondhand-Kinderladen Stargarder Straße": "An- und Verkauf gebrauchter Kindersachen.",
    "Kiezladen Gleimviertel": "Genossenschaftlicher Laden für den täglichen Bedarf mit "
    "Backshop und Paketannahme.",
    "Gleimviertel packt an": "Umzugshilfe, Entrümpelung und kleine Transporte; "
    "Langzeitarbeitslose finden hier Arbeit.",
    "Kinderzeit Falkplatz": "Kinderbetreuung für Eltern, die früh oder spät arbeiten.",
    "Hausaufgabenhilfe Gleimviertel": "Hausaufgabenhilfe in der Stadtteilbibliothek, mit "
    "Honorarkräften und Ehrenamtlichen.",
    "Seniorentreff Kopenhagener Straße": "Treffpunkt für Ältere mit Mittagstisch, Ausflügen "
    "und Beratung.",
    "Schraubzieher Reparaturdienst": "Reparaturdienst für Haushaltsgeräte, der ins Haus kommt.",
    "Fahrradwerkstatt am Mauerpark": "Fahrradwerkstatt mit Verleih am Mauerpark.",
    "Kulturcafé Gleimtunnel": "Café mit Lesungen, Konzerten und Proberäumen für Jugendliche.",
    "Hauswirtschaftsdienst für Ältere": "Hilfe im Haushalt: putzen, waschen, einkaufen.",
    "Sprachcafé für Eltern": "Deutsch lernen beim Kaffee, während die Kinder betreut werden.",
    "Möbelbörse Falkplatz": "Gebrauchte Möbel abholen, aufarbeiten und günstig weitergeben.",
    "Dorfladen Blankenfelde": "Ein Dorfladen mit Post, Lieferdienst und Café für einen "
    "Ortsteil, der seit Jahren keinen Laden mehr hat.",
    "Schülerfirma Catering Weißensee": "Jugendliche kochen unter Anleitung für Kitas und "
    "lernen dabei einen Beruf kennen.",
}
# The stage in which BEST Pankow took a model-phase initiative over.
TAKEN_OVER = {
    "Stadtteilzeitung Helmholtzkiez": Stage.CONSOLIDATION,
    "Seniorenbegleitdienst Prenzlauer Berg": Stage.CONSOLIDATION,
    "Kiezladen Gleimviertel": Stage.CONSOLIDATION,
    "Gleimviertel packt an": Stage.STARTUP,
}
TAKEN_OVER_NOTE = "Aus der Modellphase von BEST (2002–2004) zur Konsolidierung übernommen."
# Paused or given up: (the stage it left, why).
SIDE = {
    "Tauschring Friedrichshain": (
        Stage.CONCEPT,
        "Ein Tauschring schafft keine bezahlten Stellen. Die Gruppe macht als ehrenamtliche "
        "Nachbarschaftshilfe weiter.",
    ),
    "Boxhagener Blatt": (
        Stage.CONCEPT,
        "Zu wenige Anzeigenkunden für die Druckkosten; die Gruppe sucht einen Träger.",
    ),
    "Mieterberatung Helmholtzplatz": (
        Stage.ORIENTATION,
        "Die Mieterberatung Prenzlauer Berg bietet das im Auftrag des Bezirks schon an; keine "
        "Doppelstruktur.",
    ),
    "Kiezkurier per Fahrrad": (
        Stage.CONCEPT,
        "Der Initiator hat eine Vollzeitstelle angenommen; die Gruppe macht später weiter.",
    ),
    "Kulturcafé Gleimtunnel": (
        Stage.STARTUP,
        "Der Vermieter hat die Räume gekündigt; der Verein sucht neue Räume im Gleimviertel.",
    ),
    "Hauswirtschaftsdienst für Ältere": (
        Stage.CONCEPT,
        "Weder die Pflegekassen noch die Älteren im Kiez können die nötigen Preise zahlen.",
    ),
}
# Public profile: (description, opening hours, address)
PUBLIC = {
    FOUNDER_INITIATIVE: (
        "Offener Treffpunkt mit Frühstück, Mittagstisch und Kuchen aus der Nachbarschaft. "
        "Donnerstags Spielenachmittag.",
        "Di–Fr 9–18 Uhr, Sa 10–16 Uhr",
        "Gärtnerstraße 12, 10245 Berlin",
    ),
    "Reparaturwerkstatt Boxhagener Kiez": (
        "Wir reparieren Lampen, Toaster, Radios und Möbel – schnell und günstig.",
        "Mo–Fr 10–18 Uhr",
        "Krossener Straße 7, 10245 Berlin",
    ),
    "Kiezladen Simon-Dach-Straße": (
        "Lebensmittel für den täglichen Bedarf, Brot vom Kiezbäcker, Lieferdienst für Ältere.",
        "Mo–Fr 8–20 Uhr, Sa 8–16 Uhr",
        "Simon-Dach-Straße 31, 10245 Berlin",
    ),
    "Fahrradwerkstatt Wühlischstraße": (
        "Selbsthilfewerkstatt mit Anleitung, gebrauchte Räder, Kurse für Jugendliche.",
        "Mo–Fr 14–19 Uhr, Sa 11–15 Uhr",
        "Wühlischstraße 22, 10245 Berlin",
    ),
    "Mittagstisch im Kiez": (
        "Warmes Mittagessen für 3,50 Euro, Essen auf Rädern im Kiez.",
        "Mo–Fr 11.30–14 Uhr",
        "Gabriel-Max-Straße 4, 10245 Berlin",
    ),
    "Stadtteilzeitung Helmholtzkiez": (
        "Die Zeitung für den Helmholtzkiez, monatlich und kostenlos in Läden und Cafés.",
        "Redaktion: Mi 16–19 Uhr",
        "Lychener Straße 41, 10437 Berlin",
    ),
    "Nachbarschaftswerkstatt Lychener Straße": (
        "Offene Holzwerkstatt mit Kursen und Werkstattcafé.",
        "Di–Sa 12–19 Uhr",
        "Lychener Straße 18, 10437 Berlin",
    ),
    "Kiezladen Gleimviertel": (
        "Laden der Nachbarschaft mit Backshop und Paketannahme.",
        "Mo–Sa 7–20 Uhr",
        "Gleimstraße 45, 10437 Berlin",
    ),
    "Seniorentreff Kopenhagener Straße": (
        "Mittagstisch, Ausflüge und Beratung für Ältere.",
        "Mo–Fr 10–16 Uhr",
        "Kopenhagener Straße 60, 10437 Berlin",
    ),
}
# Initiatives with two EMES profiles, to show change over time.
TWO_PROFILES = {FOUNDER_INITIATIVE, "Fahrradwerkstatt Wühlischstraße", "Kiezladen Gleimviertel"}

STAGE_TOPICS = {
    Stage.INQUIRY: (T.IDEA,),
    Stage.ORIENTATION: (T.IDEA, T.CONCEPT, T.VOLUNTEERS),
    Stage.CONCEPT: (T.CONCEPT, T.BUSINESS_PLAN, T.FINANCING_MIX),
    Stage.FOUNDING: (T.LEGAL_FORM, T.BUSINESS_PLAN, T.PREMISES),
    Stage.STARTUP: (T.PREMISES, T.MARKETING, T.STAFF, T.PUBLIC_CONTRACTS),
    Stage.CONSOLIDATION: (T.FINANCING_MIX, T.PUBLIC_CONTRACTS, T.STAFF, T.VOLUNTEERS),
    Stage.SELF_SUSTAINING: (T.FINANCING_MIX, T.MARKETING, T.VOLUNTEERS),
}
NOTES = {
    T.IDEA: (
        "Erstgespräch: Idee vorgestellt, Bedarf im Kiez besprochen.",
        "Idee mit vorhandenen Angeboten im Quartier verglichen.",
        "Die Gruppe stellt sich beim nächsten Stadtteilforum vor.",
    ),
    T.CONCEPT: (
        "Konzeptentwurf besprochen; Zielgruppe genauer beschreiben.",
        "Geschäftszweige sortiert: was trägt sich, was braucht Zuschuss?",
    ),
    T.BUSINESS_PLAN: (
        "Umsatzplanung für drei Jahre überarbeitet.",
        "Kostenplan geprüft, Miete zu niedrig angesetzt.",
        "Liquiditätsplan für das erste Jahr erstellt.",
    ),
    T.FINANCING_MIX: (
        "Anteile von Leistungsverträgen, Verkauf und Ehrenamt geschätzt.",
        "Querfinanzierung defizitärer Angebote aus dem Verkauf besprochen.",
    ),
    T.LEGAL_FORM: (
        "Rechtsformen verglichen: e.V., gGmbH, eG.",
        "Satzungsentwurf besprochen; Gemeinnützigkeit mit dem Finanzamt klären.",
        "Gründungsversammlung vorbereitet.",
    ),
    T.PUBLIC_CONTRACTS: (
        "Leistungsvertrag mit dem Bezirksamt besprochen.",
        "Angebot für das Jugendamt vorbereitet.",
    ),
    T.MARKETING: (
        "Flyer und Aushänge im Kiez geplant.",
        "Preisliste überarbeitet; Stammkundschaft aufbauen.",
        "Vorstellung beim Kiezfest vereinbart.",
    ),
    T.STAFF: (
        "Förderinstrumente für die erste Stelle besprochen.",
        "Stellenbeschreibung für eine Teilzeitstelle entworfen.",
        "Arbeitsverträge und Tarif besprochen.",
    ),
    T.VOLUNTEERS: (
        "Einsatzplan für Ehrenamtliche besprochen.",
        "Gegenseitigkeit: Mitglieder leisten Stunden und zahlen weniger.",
        "Versicherung für Ehrenamtliche geklärt.",
    ),
    T.PREMISES: (
        "Ladenlokal besichtigt; Miete mit der Hausverwaltung verhandeln.",
        "Gewerberaum über das Quartiersmanagement angefragt.",
        "Umbaukosten und Auflagen besprochen.",
    ),
}
# What an initiative works towards in each stage.
MILESTONES = {
    Stage.INQUIRY: ("Idee beim Stadtteilforum vorgestellt",),
    Stage.ORIENTATION: ("Gründungsgruppe mit mindestens drei Personen", "Bedarf im Kiez erhoben"),
    Stage.CONCEPT: ("Konzept mit Finanzierungsmix geschrieben", "Businessplan fertig"),
    Stage.FOUNDING: ("Satzung beschlossen", "Eintragung ins Register", "Eröffnung"),
    Stage.STARTUP: ("Erste bezahlte Stelle besetzt", "Umsatz wie im Businessplan"),
    Stage.CONSOLIDATION: ("Leistungsvertrag mit dem Bezirk", "Jahresabschluss ohne Verlust"),
    Stage.SELF_SUSTAINING: ("Zweiten Geschäftszweig aufgebaut",),
}
FIRST_NAMES = (  # noqa: SIM905 (a list of names reads better as one string)
    "Anja Birgit Cem Dirk Elif Frank Gül Hannes Ines Jan Katrin Lars Mai Nils Olga Paul "
    "Renate Sven Tamara Uwe Wiebke Yusuf Zofia Marek Sabine Thanh"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Becker Schröder Kaya Nguyen Lehmann Krüger Wolff Öztürk Kowalski Hartmann Fischer Schulz "
    "Zimmermann Pohl Richter Arslan Baumann Vogel Franke Meißner"
).split()
CONTACT_ROLES = ("Ansprechperson", "Vorstand", "Kasse")
ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ö": "Oe"})
# Register, lowest and highest number by legal form (others: the commercial register).
REGISTERS = {LegalForm.EV: ("VR", 21000, 26999), LegalForm.EG: ("GnR", 560, 720)}
EVIDENCE = {
    ("needs", Rating.MET): "Bedarf im Stadtteilforum bestätigt; das Angebot wird genutzt.",
    ("goals", Rating.MET): "Satzungszweck: wohnortnahe Dienste und Arbeitsplätze im Quartier.",
    ("profit", Rating.MET): "Keine Ausschüttung; Überschüsse fließen in defizitäre Angebote.",
    ("financing", Rating.MET): "Leistungsvertrag, Verkauf und Ehrenamt tragen je einen Teil.",
    ("financing", Rating.PARTLY): "Noch überwiegend Verkauf; ein Leistungsvertrag wird verhandelt.",
}
# EMES scores (0 to 3) in the order of EMES_INDICATORS, by the stage on the day of the profile.
EMES_BY_STAGE = {
    Stage.STARTUP: (2, 2, 1, 3, 3, 3, 2, 3, 2),
    Stage.CONSOLIDATION: (3, 2, 2, 3, 3, 3, 2, 3, 2),
    Stage.SELF_SUSTAINING: (3, 3, 3, 3, 3, 3, 3, 3, 2),
}
