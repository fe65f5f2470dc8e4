"""The demo needs as data: categories, needs by key, who is affected, evidence (German)."""

from kiezwerk.demo.initiatives_data import BOX, DISTRICT, FALK, HELM

CATEGORIES = {
    "kinder": "Kinderbetreuung",
    "alter": "Pflege und Betreuung älterer Menschen",
    "versorgung": "Nahversorgung und Alltagsbedarf",
    "reparatur": "Reparatur- und Haushaltsdienste",
    "mobil": "Mobilität",
    "kultur": "Kultur und Treffpunkte",
    "bildung": "Bildung",
    "gesundheit": "Gesundheit",
    "wohnen": "Wohnbegleitende Dienste",
    "umwelt": "Umwelt",
}
# key: (category, title, description)
NEEDS = {
    "randzeiten": (
        "kinder",
        "Kinderbetreuung am frühen Morgen, am Abend und am Wochenende",
        "Kitas schließen um 17 Uhr; Eltern im Schichtdienst finden keine Betreuung.",
    ),
    "hausaufgaben": (
        "bildung",
        "Hausaufgabenhilfe und Lernförderung",
        "Viele Kinder bekommen zu Hause keine Hilfe bei den Hausaufgaben.",
    ),
    "sprache": (
        "bildung",
        "Deutsch lernen für Eltern",
        "Eltern suchen Deutschkurse, die zu Familie und Arbeit passen.",
    ),
    "computer": (
        "bildung",
        "Computer- und Internetkurse für Ältere",
        "Ältere möchten das Internet nutzen; Kurse in der Nähe fehlen.",
    ),
    "senioren_begleitung": (
        "alter",
        "Begleitung älterer Menschen zu Ärzten, Ämtern und Einkäufen",
        "Viele Ältere leben allein und kommen ohne Begleitung kaum aus dem Haus.",
    ),
    "senioren_haushalt": (
        "alter",
        "Hilfe im Haushalt für ältere Menschen",
        "Die Pflegeversicherung zahlt kein Putzen, Einkaufen oder Wäschewaschen.",
    ),
    "mittagstisch": (
        "versorgung",
        "Preiswerter, warmer Mittagstisch",
        "Ältere und Familien mit wenig Geld wünschen sich ein günstiges Mittagessen.",
    ),
    "nahversorgung": (
        "versorgung",
        "Lebensmittelladen in Laufweite",
        "Seit der letzte Laden geschlossen hat, fehlt eine Einkaufsmöglichkeit.",
    ),
    "kita_essen": (
        "versorgung",
        "Gesundes, bezahlbares Essen für Kitas und Schulen",
        "Kleine Kitas finden keinen Caterer, der frisch und bezahlbar kocht.",
    ),
    "reparatur": (
        "reparatur",
        "Reparatur von Haushaltsgeräten und Möbeln",
        "Kleine Reparaturen lohnen sich für Handwerksbetriebe nicht.",
    ),
    "naehen": (
        "reparatur",
        "Änderungsschneiderei und Nähkurse",
        "Im Kiez gibt es keine Änderungsschneiderei mehr.",
    ),
    "waesche": (
        "reparatur",
        "Wasch- und Bügelservice",
        "Berufstätige und Ältere suchen Hilfe bei Wäsche und Bügeln.",
    ),
    "tausch": (
        "reparatur",
        "Nachbarschaftshilfe ohne Geld",
        "Nachbarn möchten sich gegenseitig helfen und Leistungen tauschen.",
    ),
    "umzug": (
        "wohnen",
        "Günstige Hilfe bei Umzug und Entrümpelung",
        "Ältere und Familien mit kleinem Einkommen können Umzugsfirmen nicht bezahlen.",
    ),
    "hausmeister": (
        "wohnen",
        "Kleine Reparaturen und Hausmeisterdienste für Mieter",
        "Nach der Sanierung fehlt in vielen Häusern ein Hausmeister vor Ort.",
    ),
    "mieterberatung": (
        "wohnen",
        "Beratung bei Mieterhöhung und Modernisierung",
        "Nach der Sanierung steigen die Mieten; viele kennen ihre Rechte nicht.",
    ),
    "fahrrad": (
        "mobil",
        "Fahrradreparatur und Mobilität ohne Auto",
        "Viele Haushalte haben kein Auto; eine Fahrradwerkstatt fehlt.",
    ),
    "lieferung": (
        "mobil",
        "Einkaufs- und Lieferdienst",
        "Wer schlecht zu Fuß ist, braucht Hilfe beim Einkaufen.",
    ),
    "kurier": (
        "mobil",
        "Kurierfahrten im Kiez",
        "Kleine Läden und Büros suchen einen günstigen Kurierdienst.",
    ),
    "treffpunkt": (
        "kultur",
        "Nichtkommerzieller Treffpunkt für die Nachbarschaft",
        "Es fehlt ein Ort, an dem sich Alt und Jung ohne Verzehrzwang treffen.",
    ),
    "kiezinfo": (
        "kultur",
        "Nachrichten und Termine aus dem Kiez",
        "Viele erfahren nicht, was im Kiez geplant wird und wo man mitmachen kann.",
    ),
    "kultur_jugend": (
        "kultur",
        "Kulturangebote für Jugendliche",
        "Jugendliche finden im Kiez kaum Angebote zum Mitmachen.",
    ),
    "gesundheit": (
        "gesundheit",
        "Bewegung und Gesundheitsvorsorge im Alter",
        "Ältere wünschen sich Bewegungsangebote in Laufweite.",
    ),
    "gruen": (
        "umwelt",
        "Gärten und Grünflächen zum Mitmachen",
        "Dichte Bebauung, kaum Grün; Anwohner möchten gärtnern.",
    ),
    "wiederverwendung": (
        "umwelt",
        "Gebrauchte Möbel und Kindersachen weitergeben",
        "Gut erhaltene Dinge landen auf dem Sperrmüll, während andere sie brauchen.",
    ),
    "pflege_angehoerige": (
        "alter",
        "Entlastung für pflegende Angehörige",
        "Wer Eltern oder Partner zu Hause pflegt, findet keine stundenweise Vertretung.",
    ),
    "jugend_abend": (
        "kultur",
        "Treffpunkt für Jugendliche am Abend",
        "Abends gibt es für Jugendliche außer dem Spielplatz keinen Ort.",
    ),
    "energie": (
        "umwelt",
        "Energiesparberatung für Haushalte mit wenig Geld",
        "Nach der Sanierung steigen Heiz- und Stromkosten; viele wissen nicht, wie sie sparen.",
    ),
    "barrierefrei": (
        "mobil",
        "Hilfe für Menschen mit Rollator und Kinderwagen",
        "Viele Altbauten haben keinen Aufzug; Einkäufe und Kinderwagen müssen die Treppe hoch.",
    ),
    "fahrdienst": (
        "mobil",
        "Fahrdienst zu Ärzten in den nördlichen Ortsteilen",
        "Busse fahren selten; Ältere in den Dörfern kommen kaum zum Arzt.",
    ),
    "ausbildung": (
        "bildung",
        "Ausbildungsplätze für Jugendliche aus dem Bezirk",
        "Viele Schulabgänger finden keinen Ausbildungsplatz in ihrer Nähe.",
    ),
    "parkplaetze": (
        "mobil",
        "Mehr Parkplätze im Kiez",
        "Anwohner finden abends keinen Parkplatz.",
    ),
    "hundeauslauf": (
        "umwelt",
        "Hundeauslauf am Falkplatz",
        "Hundehalter wünschen sich eine eingezäunte Auslauffläche.",
    ),
}
# Needs raised in a neighbourhood that no initiative meets yet.
OPEN_NEEDS = {
    ("best", BOX): ("gesundheit", "gruen", "pflege_angehoerige", "parkplaetze"),
    ("best", HELM): ("umzug", "jugend_abend", "energie"),
    ("best", FALK): ("kiezinfo", "mieterberatung", "barrierefrei", "hundeauslauf"),
    ("best-pankow", HELM): ("pflege_angehoerige",),
    ("best-pankow", FALK): ("jugend_abend",),
    ("best-pankow", DISTRICT): ("lieferung", "randzeiten", "fahrdienst", "ausbildung"),
}

# Who is affected, by need key (see NEEDS in initiatives_data).
AFFECTED = {
    "randzeiten": "Alleinerziehende und Eltern im Schichtdienst mit Kindern bis zwölf Jahren",
    "hausaufgaben": "Grundschulkinder, deren Eltern bei den Hausaufgaben nicht helfen können",
    "sprache": "Eltern mit wenig Deutschkenntnissen, vor allem Mütter kleiner Kinder",
    "computer": "Ältere Menschen ohne Computererfahrung",
    "senioren_begleitung": "Ältere, die allein leben und schlecht zu Fuß sind",
    "senioren_haushalt": "Ältere ohne Pflegestufe und ihre Angehörigen",
    "mittagstisch": "Ältere mit kleiner Rente, Familien mit wenig Geld, Schulkinder",
    "nahversorgung": "Ältere und Familien ohne Auto",
    "kita_essen": "Kleine Kitas und Schülerläden mit ihren Kindern",
    "reparatur": "Haushalte mit kleinem Einkommen",
    "naehen": "Berufstätige und Ältere im Kiez",
    "waesche": "Berufstätige, Ältere und Menschen mit Behinderung",
    "tausch": "Nachbarinnen und Nachbarn mit Zeit, aber wenig Geld",
    "umzug": "Ältere und Familien mit kleinem Einkommen",
    "hausmeister": "Mieterinnen und Mieter sanierter Altbauten",
    "mieterberatung": "Mieterinnen und Mieter in Häusern vor oder nach der Modernisierung",
    "fahrrad": "Haushalte ohne Auto, Jugendliche",
    "lieferung": "Ältere und Kranke, die nicht mehr selbst einkaufen können",
    "kurier": "Kleine Läden, Praxen und Büros im Kiez",
    "treffpunkt": "Alte und junge Nachbarn, die einen Ort ohne Verzehrzwang suchen",
    "kiezinfo": "Alle Bewohnerinnen und Bewohner, besonders neu Zugezogene",
    "kultur_jugend": "Jugendliche zwischen 12 und 18 Jahren",
    "gesundheit": "Ältere ab 65 Jahren",
    "gruen": "Familien und Ältere in dicht bebauten Straßen",
    "wiederverwendung": "Familien mit kleinen Kindern und wenig Geld",
    "pflege_angehoerige": "Angehörige, die zu Hause pflegen",
    "jugend_abend": "Jugendliche zwischen 14 und 21 Jahren",
    "energie": "Haushalte mit Arbeitslosengeld II oder kleiner Rente",
    "barrierefrei": "Ältere mit Rollator, Eltern mit Kinderwagen, Menschen mit Behinderung",
    "fahrdienst": "Ältere in Blankenfelde, Rosenthal und Buch",
    "ausbildung": "Jugendliche ohne Ausbildungsplatz",
    "parkplaetze": "Anwohnerinnen und Anwohner mit Auto",
    "hundeauslauf": "Hundehalterinnen und Hundehalter",
}
# Needs the agency turned down, with the reason: (agency, neighbourhood, key) → reason.
REJECTED = {
    ("best", HELM, "mieterberatung"): "Die Mieterberatung Prenzlauer Berg bietet das im Auftrag "
    "des Bezirks schon an; keine Doppelstruktur.",
    ("best", BOX, "parkplaetze"): "Kein Bedarf, den ein Soziales Unternehmen decken kann; an "
    "das Tiefbauamt des Bezirks weitergegeben.",
    ("best", FALK, "hundeauslauf"): "Zuständig ist das Grünflächenamt; der Hinweis wurde "
    "weitergegeben.",
}
# How a need came to the agency when no forum raised it, with a share for each.
OTHER_SOURCES = (("consultation", 0.55), ("survey", 0.2), ("resident", 0.15), ("statistics", 0.1))
EVIDENCE = {
    "forum": "Beim Forum „{forum}“ am {day:%d.%m.%Y} von mehreren Anwesenden genannt; "
    "{supporters} Unterschriften auf der Liste des Quartiersbüros.",
    "consultation": "Im Gespräch mit der Gruppe „{initiative}“ am {day:%d.%m.%Y} beschrieben; "
    "die Gruppe kennt Betroffene aus der Nachbarschaft.",
    "survey": "Befragung des Quartiersmanagements {day:%Y}: {share} % der Befragten nennen "
    "diesen Bedarf.",
    "resident": "Hinweis einer Anwohnerin im Quartiersbüro am {day:%d.%m.%Y}, danach von "
    "{supporters} Nachbarinnen und Nachbarn bestätigt.",
    "statistics": "Sozialstrukturdaten des Bezirks ({day:%Y}): überdurchschnittlich viele "
    "Betroffene im Quartier.",
}
