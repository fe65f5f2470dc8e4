"""The demo world's local forums and events as data: when, where, what about (German)."""

import datetime as dt

from kiezwerk.demo.initiatives_data import BOX, DISTRICT, FALK, HELM
from kiezwerk.forums.enums import ForumKind as K

HOOD_NAMES = {
    BOX: "Boxhagener Platz",
    HELM: "Helmholtzplatz",
    FALK: "Falkplatz",
    DISTRICT: "Pankow",
}
# Where each agency holds events, from its first forum to the end of its work.
FORUM_HOODS = {
    "best": ((BOX, HELM, FALK), dt.date(2003, 1, 20), dt.date(2007, 6, 29)),
    "best-pankow": ((HELM, FALK, DISTRICT), dt.date(2005, 6, 20), dt.date(2007, 6, 29)),
}
# The months in which each kind of event takes place every year.
MONTHS = {
    "best": {K.FORUM: (2, 5, 9, 11), K.WORKSHOP: (4, 10), K.INFORMATION: (3,), K.NETWORK: (6,)},
    "best-pankow": {
        K.FORUM: (3, 6, 9, 11),
        K.WORKSHOP: (5, 10),
        K.INFORMATION: (4, 7),
        K.NETWORK: (12,),
    },
}
# The share of years in which a planned workshop or information event really took place.
HELD = {K.FORUM: 1.0, K.WORKSHOP: 0.75, K.INFORMATION: 0.85, K.NETWORK: 1.0}
# Weekdays (Monday = 0), start and end time by kind.
TIMES = {
    K.FORUM: ((1, 2, 3), dt.time(18, 30), dt.time(20, 30)),
    K.WORKSHOP: ((5,), dt.time(10, 0), dt.time(14, 0)),
    K.INFORMATION: ((1, 3), dt.time(18, 0), dt.time(19, 30)),
    K.NETWORK: ((0, 2), dt.time(16, 0), dt.time(18, 0)),
}
FORUM_NAME = {"best": "Stadtteilforum", "best-pankow": "Lokales Forum"}
# Forum themes and the need categories that come up under each (none: every category).
THEMES = (
    ("Was fehlt im Kiez?", ()),
    ("Ältere Nachbarinnen und Nachbarn", ("alter", "gesundheit")),
    ("Familien und Kinderbetreuung", ("kinder", "bildung")),
    ("Leere Läden, neue Ideen", ("versorgung", "reparatur")),
    ("Arbeit im Kiez schaffen", ("reparatur", "wohnen", "bildung")),
    ("Essen und Einkaufen", ("versorgung", "mobil")),
    ("Wohnen nach der Sanierung", ("wohnen", "umwelt")),
    ("Junge Leute im Kiez", ("kultur", "bildung")),
    ("Grün, Umwelt und Verkehr", ("umwelt", "mobil")),
    ("Nachbarschaft und Ehrenamt", ("kultur", "reparatur")),
    ("Soziale Unternehmen stellen sich vor", ()),
)
FIRST_THEME = "Auftakt: Was fehlt im Kiez?"
WORKSHOPS = (
    "Vom Bedarf zur Geschäftsidee",
    "Finanzierungsmix für Soziale Unternehmen",
    "Rechtsformen im Vergleich: e.V., gGmbH, eG",
    "Leistungsverträge mit dem Bezirk",
    "Ehrenamt und bezahlte Arbeit",
    "Werben mit kleinem Budget",
    "Der erste Businessplan",
    "Förderung für die erste Stelle",
)
INFORMATION = (
    "Was ist ein Soziales Unternehmen?",
    "Soziale Unternehmen gründen",
    "Genossenschaften im Kiez",
    "Förderung für Gründungsinitiativen",
    "Arbeit schaffen mit Sozialen Unternehmen",
)
# Network meetings: the name and each year's topic.
NETWORK_NAME = {"best": "NEST-Netzwerktreffen", "best-pankow": "Netzwerktreffen"}
NETWORK = {
    2003: "Ressourcen für die Quartiere",
    2004: "Bilanz der Modellphase",
    2005: "Aufträge der öffentlichen Hand",
    2006: "Ausbildung in Sozialen Unternehmen",
    2007: "Lokale Partnerschaft nach dem Ende der Förderung",
}
PLACES = {
    BOX: (
        "Quartiersbüro Boxhagener Platz",
        "Stadtteilladen in der Gärtnerstraße",
        "Aula der Grundschule in der Boxhagener Straße",
        "Reparaturwerkstatt Boxhagener Kiez, Krossener Straße 7",
    ),
    HELM: (
        "Quartiersbüro Helmholtzplatz",
        "Platzhaus am Helmholtzplatz",
        "Nachbarschaftswerkstatt Lychener Straße 18",
        "Gemeinderaum in der Dunckerstraße",
    ),
    FALK: (
        "Quartiersbüro Falkplatz",
        "Seniorentreff Kopenhagener Straße 60",
        "Stadtteilbibliothek im Gleimviertel",
        "Kiezladen Gleimviertel, Gleimstraße 45",
    ),
    DISTRICT: (
        "Rathaus Pankow, Breite Straße 24a–26",
        "Bezirksamt Pankow, Fröbelstraße 17",
        "Gemeinderaum an der Dorfkirche Blankenfelde",
        "Kulturhaus in Weißensee",
    ),
}
NETWORK_PLACE = "Technologie-Netzwerk Berlin e.V., Wiesenstr. 29"
AGENDA = {
    K.FORUM: (
        "1. Begrüßung und Protokoll des letzten Forums\n2. Schwerpunkt: {topic}\n"
        "3. Berichte aus den Initiativen\n4. Was fehlt im Kiez? Bedarfe sammeln\n"
        "5. Verabredungen und Termine"
    ),
    K.WORKSHOP: (
        "1. Einführung\n2. {topic}: Beispiele aus anderen Stadtteilen\n"
        "3. Arbeit in Kleingruppen an den eigenen Vorhaben\n4. Nächste Schritte"
    ),
    K.INFORMATION: (
        "1. {topic}\n2. Das Angebot der Agentur {agency}\n3. Beispiele aus dem Kiez\n"
        "4. Fragen und Antworten"
    ),
    K.NETWORK: (
        "1. Bericht der Agentur {agency}\n2. {topic}\n3. Angebote der Netzwerkpartner\n"
        "4. Verweisungen und Rückmeldungen\n5. Termine"
    ),
}
MINUTES = {
    K.FORUM: (
        "Lebhafte Diskussion zum Schwerpunkt „{topic}“.",
        "Zum Schwerpunkt „{topic}“ berichteten Anwohnerinnen und Anwohner von ihren Erfahrungen.",
        "Der Schwerpunkt „{topic}“ wurde in drei Tischgruppen besprochen.",
    ),
    K.WORKSHOP: (
        "Die Gruppen haben ihre Pläne vorgestellt und gegenseitig kommentiert.",
        "Zwei Gruppen haben ihren Finanzierungsplan grundlegend überarbeitet.",
        "Beispiele aus Wedding und Kreuzberg machten Mut; Fragen blieben zur Rechtsform.",
    ),
    K.INFORMATION: (
        "Viele Fragen zur Finanzierung und zur Förderung der ersten Stelle.",
        "Fragen vor allem zu Räumen und zur passenden Rechtsform.",
        "Mehrere Anwesende wollen zur Sprechstunde der Agentur kommen.",
    ),
    K.NETWORK: (
        "Die Partner haben ihre Angebote für das nächste Halbjahr vorgestellt.",
        "Rückblick auf die Verweisungen des Halbjahrs: die meisten Angebote wurden genutzt.",
        "Verabredet: Anfragen aus den Quartieren innerhalb von zwei Wochen beantworten.",
    ),
}
FOLLOW_UPS = {
    K.FORUM: "Quartiersbüro: Protokoll an alle Anwesenden bis {week2:%d.%m.%Y}\n"
    "{agency}: Erstgespräche mit neuen Gruppen vereinbaren\n",
    K.WORKSHOP: "{agency}: Unterlagen an die Teilnehmenden bis {week1:%d.%m.%Y}\n"
    "Gruppen: Finanzierungsplan bis zum nächsten Beratungstermin überarbeiten\n",
    K.INFORMATION: "{agency}: Sprechstundentermine an Interessierte bis {week1:%d.%m.%Y}\n",
    K.NETWORK: "Partner: Angebote für die Angebotsliste bis {week2:%d.%m.%Y} melden\n"
    "{agency}: Verweisungen nachhalten\n",
}
NEXT_EVENT = "Nächster Termin im Quartier: {day:%d.%m.%Y}"
# Residents who agreed to be recorded by name (fictional).
NAMED = (
    "Gisela Marquardt",
    "Horst Lindemann",
    "Nadia Haddad",
    "Björn Carstensen",
    "Irina Sokolova",
    "Kerstin Wendland",
)
