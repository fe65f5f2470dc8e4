"""The partners' resource offers, and what referrals to them bring (German, invented figures)."""

import datetime as dt
from dataclasses import dataclass

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
    SENATE,
    TECHNET,
    TU,
)
from kiezwerk.initiatives.enums import Stage as S
from kiezwerk.initiatives.enums import Topic as T
from kiezwerk.network.enums import OfferKind as K


@dataclass(frozen=True)
class OfferSpec:
    kind: str
    title: str
    description: str
    capacity: str
    valid: tuple[dt.date, dt.date]
    stages: tuple[str, ...]
    categories: tuple[str, ...]
    topics: tuple[str, ...]  # the consultation topics on which advisors refer to it
    value: tuple[int, int] = (0, 0)  # money and equipment: euros per delivery


def _d(year: int, month: int, day: int = 1) -> dt.date:
    return dt.date(year, month, day)


EARLY = (S.ORIENTATION, S.CONCEPT)
FOUNDING = (S.CONCEPT, S.FOUNDING, S.STARTUP)
GROWING = (S.STARTUP, S.CONSOLIDATION, S.SELF_SUSTAINING)
CONTRACTS = OfferSpec(
    K.CONTACTS,
    "Leistungsverträge mit dem Bezirk anbahnen",
    "Kontakte zu den Fachämtern, die Dienste im Kiez als Leistungsvertrag vergeben.",
    "nach Absprache",
    (_d(2003, 1), _d(2007, 12, 31)),
    GROWING,
    ("alter", "kinder", "versorgung"),
    (T.PUBLIC_CONTRACTS,),
)
QM_OFFERS = (
    OfferSpec(
        K.MONEY,
        "Aktionsfonds für Nachbarschaftsprojekte",
        "Kleine Zuschüsse aus dem Quartiersfonds für Vorhaben, die der Nachbarschaft nützen.",
        "bis 1.500 € je Vorhaben",
        (_d(2002, 12), _d(2007, 12, 31)),
        (S.ORIENTATION, S.CONCEPT, S.FOUNDING),
        (),
        (T.FINANCING_MIX,),
        (300, 1500),
    ),
    OfferSpec(
        K.ROOMS,
        "Räume im Quartiersbüro",
        "Der Gruppenraum des Quartiersbüros für Treffen am Abend.",
        "2 Abende im Monat",
        (_d(2002, 12), _d(2008, 12, 31)),
        (S.ORIENTATION, S.CONCEPT, S.FOUNDING),
        (),
        (T.PREMISES, T.VOLUNTEERS),
    ),
)
JOB_OFFERS = (
    OfferSpec(
        K.MONEY,
        "Eingliederungszuschüsse für neue Stellen",
        "Zuschuss zum Lohn, wenn eine arbeitslose Person eingestellt wird.",
        "bis 50 % des Lohns für 12 Monate",
        (_d(2005, 1), _d(2008, 12, 31)),
        (S.STARTUP, S.CONSOLIDATION),
        (),
        (T.STAFF,),
        (2400, 9600),
    ),
    OfferSpec(
        K.TRAINING,
        "Arbeitsgelegenheiten mit Qualifizierung",
        "Zusätzliche Arbeitsgelegenheiten mit Weiterbildung für Langzeitarbeitslose.",
        "4 Plätze je Initiative",
        (_d(2005, 3), _d(2008, 3, 31)),
        GROWING,
        ("versorgung", "reparatur", "umwelt"),
        (T.STAFF,),
    ),
)
OFFERS = {
    DGB: (
        OfferSpec(
            K.ADVICE,
            "Beratung zu Arbeitsverträgen und Tarif",
            "Gewerkschaftssekretärinnen beraten Gründungsteams zu fairen Arbeitsverträgen.",
            "4 Stunden im Monat",
            (_d(2003, 1), _d(2007, 12, 31)),
            (S.FOUNDING, S.STARTUP, S.CONSOLIDATION),
            (),
            (T.STAFF,),
        ),
        OfferSpec(
            K.CONTACTS,
            "Kontakte zu Betriebsräten großer Betriebe",
            "Betriebsräte vermitteln Aufträge, etwa Kantinenessen oder Reparaturen.",
            "nach Absprache",
            (_d(2003, 6), _d(2006, 12, 31)),
            GROWING,
            ("versorgung", "reparatur"),
            (T.PUBLIC_CONTRACTS, T.MARKETING),
        ),
    ),
    TU: (
        OfferSpec(
            K.VOLUNTEERS,
            "Studentische Projektgruppen: Bedarf und Markt erheben",
            "Studierende befragen Nachbarn und Läden und schreiben eine kleine Marktanalyse.",
            "2 Projektgruppen je Semester",
            (_d(2003, 4), _d(2007, 9, 30)),
            EARLY,
            (),
            (T.MARKETING, T.CONCEPT),
        ),
        OfferSpec(
            K.ROOMS,
            "Seminarräume für Workshops",
            "Seminarräume am Campus Charlottenburg für Workshops und Klausurtage.",
            "2 Termine im Monat",
            (_d(2003, 1), _d(2008, 6, 30)),
            (),
            (),
            (),
        ),
        OfferSpec(
            K.ADVICE,
            "Wissenschaftliche Begleitung",
            "Begleitforschung: Was trägt das Unternehmen, was braucht Zuschuss?",
            "3 Vorhaben im Jahr",
            (_d(2004, 1), _d(2007, 12, 31)),
            GROWING,
            (),
            (T.MARKETING, T.FINANCING_MIX),
        ),
    ),
    FORUM_PB: (
        OfferSpec(
            K.VOLUNTEERS,
            "Ehrenamtliche aus dem Forum",
            "Mitglieder des Forums helfen mit, etwa beim Mittagstisch oder in der Begleitung.",
            "10 Personen",
            (_d(2002, 12), _d(2008, 12, 31)),
            (),
            ("alter", "kultur", "kinder", "versorgung"),
            (T.VOLUNTEERS,),
        ),
        OfferSpec(
            K.CONTACTS,
            "Kontakte zu Bezirksverordneten und Fachämtern",
            "Das Forum stellt Vorhaben im Ausschuss vor und öffnet Türen im Bezirksamt.",
            "nach Absprache",
            (_d(2003, 1), _d(2007, 12, 31)),
            FOUNDING,
            (),
            (T.PUBLIC_CONTRACTS,),
        ),
    ),
    FORUM_WEDDING: (
        OfferSpec(
            K.ADVICE,
            "Erfahrungsaustausch mit Weddinger Stadtteilbetrieben",
            "Gründungsgruppen besuchen Betriebe im Wedding, die schon tragen.",
            "1 Besuch im Monat",
            (_d(2003, 3), _d(2006, 12, 31)),
            EARLY,
            (),
            (T.CONCEPT, T.BUSINESS_PLAN),
        ),
        OfferSpec(
            K.VOLUNTEERS,
            "Ehrenamtliche Mitarbeit in Läden und Treffpunkten",
            "Ehrenamtliche aus dem Wedding übernehmen Ladendienste und Thekenzeiten.",
            "6 Personen",
            (_d(2004, 1), _d(2007, 12, 31)),
            GROWING,
            ("versorgung", "kultur"),
            (T.VOLUNTEERS,),
        ),
    ),
    BVAB: (
        OfferSpec(
            K.ADVICE,
            "Beratung zu Förderinstrumenten für die erste Stelle",
            "Welche Förderung passt für die erste bezahlte Stelle, und wie beantragt man sie?",
            "6 Stunden je Initiative",
            (_d(2002, 12), _d(2007, 12, 31)),
            (S.FOUNDING, S.STARTUP, S.CONSOLIDATION),
            (),
            (T.STAFF, T.FINANCING_MIX),
        ),
        OfferSpec(
            K.EQUIPMENT,
            "Werkzeug und Geräte aus Beschäftigungsprojekten",
            "Leihgabe von Werkzeug, Maschinen und Transportern aus beendeten Projekten.",
            "Leihgabe bis zu 6 Monate",
            (_d(2003, 6), _d(2006, 12, 31)),
            (S.FOUNDING, S.STARTUP),
            ("reparatur", "mobil", "wohnen"),
            (T.PREMISES,),
            (200, 2500),
        ),
        OfferSpec(
            K.TRAINING,
            "Geförderte Qualifizierung für Beschäftigte",
            "Weiterbildung für Beschäftigte in geförderten Stellen.",
            "8 Plätze im Jahr",
            (_d(2004, 1), _d(2008, 6, 30)),
            (S.STARTUP, S.CONSOLIDATION),
            (),
            (T.STAFF,),
        ),
    ),
    BFW: (
        OfferSpec(
            K.TRAINING,
            "Ausbildungsplätze in der Verbundausbildung",
            "Jugendliche lernen im Verbund: Theorie beim Berufsfortbildungswerk, Praxis im "
            "Sozialen Unternehmen.",
            "6 Plätze im Jahr",
            (_d(2003, 8), _d(2008, 7, 31)),
            GROWING,
            ("versorgung", "reparatur", "kinder", "alter"),
            (T.STAFF,),
        ),
        OfferSpec(
            K.TRAINING,
            "Weiterbildung Existenzgründung für Gründungsteams",
            "Zwölf Abende zu Buchhaltung, Recht, Marketing und Personal.",
            "12 Plätze je Kurs",
            (_d(2003, 1), _d(2007, 12, 31)),
            (S.CONCEPT, S.FOUNDING),
            (),
            (T.BUSINESS_PLAN, T.LEGAL_FORM),
        ),
        OfferSpec(
            K.ADVICE,
            "Beratung zur Personalentwicklung",
            "Wie wachsen Ehrenamtliche und geförderte Kräfte in feste Stellen hinein?",
            "5 Stunden je Initiative",
            (_d(2005, 1), _d(2008, 12, 31)),
            (S.CONSOLIDATION, S.SELF_SUSTAINING),
            (),
            (T.STAFF, T.VOLUNTEERS),
        ),
    ),
    TECHNET: (
        OfferSpec(
            K.ADVICE,
            "Businessplan-Coaching",
            "Coaching für den ersten Businessplan: Umsatz, Kosten, Liquidität.",
            "bis 10 Stunden je Initiative",
            (_d(2002, 12), _d(2008, 6, 30)),
            FOUNDING,
            (),
            (T.BUSINESS_PLAN, T.LEGAL_FORM),
        ),
        OfferSpec(
            K.MONEY,
            "Startkapital aus dem Netzwerkfonds",
            "Zinslose Darlehen für die Gründung, zurückzuzahlen aus den ersten Umsätzen.",
            "bis 5.000 € je Initiative",
            (_d(2003, 3), _d(2007, 12, 31)),
            (S.FOUNDING, S.STARTUP),
            (),
            (T.FINANCING_MIX,),
            (1000, 5000),
        ),
        OfferSpec(
            K.EQUIPMENT,
            "Büro- und Computertechnik aus zweiter Hand",
            "Aufbereitete Rechner, Drucker und Büromöbel.",
            "nach Bestand",
            (_d(2003, 1), _d(2007, 6, 30)),
            (S.FOUNDING, S.STARTUP),
            (),
            (T.PREMISES,),
            (150, 1200),
        ),
    ),
    SENATE: (
        OfferSpec(
            K.MONEY,
            "Quartiersfonds: Zuschüsse für Projekte im Quartier",
            "Zuschüsse aus dem Programm „Soziale Stadt“ für Vorhaben mit Nutzen fürs Quartier.",
            "bis 15.000 € je Projekt",
            (_d(2002, 12), _d(2006, 12, 31)),
            FOUNDING,
            (),
            (T.FINANCING_MIX,),
            (3000, 15000),
        ),
    ),
    PANKOW_OFFICE: (
        CONTRACTS,
        OfferSpec(
            K.ROOMS,
            "Gewerberäume aus dem bezirklichen Bestand",
            "Leer stehende Räume des Bezirks zu günstiger Miete.",
            "nach Bestand",
            (_d(2005, 9), _d(2007, 12, 31)),
            (S.FOUNDING, S.STARTUP),
            (),
            (T.PREMISES,),
        ),
        OfferSpec(
            K.ADVICE,
            "Wirtschaftsförderung: Beratung für Gründungen",
            "Beratung zu Gewerbeanmeldung, Auflagen und Förderprogrammen des Bezirks.",
            "nach Absprache",
            (_d(2005, 6), _d(2008, 12, 31)),
            (S.CONCEPT, S.FOUNDING, S.STARTUP),
            (),
            (T.BUSINESS_PLAN, T.LEGAL_FORM),
        ),
    ),
    PANKOW: (
        CONTRACTS,
        OfferSpec(
            K.ROOMS,
            "Räume in bezirklichen Einrichtungen",
            "Räume in Schulen, Bibliotheken und Seniorenfreizeitstätten am Nachmittag.",
            "nach Absprache",
            (_d(2003, 6), _d(2006, 12, 31)),
            (S.FOUNDING, S.STARTUP),
            ("kinder", "alter", "bildung"),
            (T.PREMISES,),
        ),
    ),
    FK: (
        CONTRACTS,
        OfferSpec(
            K.ROOMS,
            "Leer stehende Gewerberäume vermitteln",
            "Die Wirtschaftsförderung vermittelt leere Läden der Wohnungsbaugesellschaften.",
            "nach Bestand",
            (_d(2003, 1), _d(2006, 12, 31)),
            (S.FOUNDING, S.STARTUP),
            (),
            (T.PREMISES,),
        ),
    ),
    QM_BOX: QM_OFFERS,
    QM_HELM: QM_OFFERS,
    QM_FALK: QM_OFFERS,
    JOBS_PANKOW: JOB_OFFERS,
    JOBS_FK: JOB_OFFERS,
}
# What an advisor writes on a referral, by the consultation topic it came from.
REFERRAL_NOTES = {
    T.BUSINESS_PLAN: "Die Gruppe braucht Hilfe bei Umsatz- und Kostenplanung.",
    T.LEGAL_FORM: "Die Gruppe möchte vor der Gründung Rechtsform und Satzung klären.",
    T.FINANCING_MIX: "Für den Start fehlt Geld; bitte Finanzierung prüfen.",
    T.PREMISES: "Die Initiative sucht Räume oder Ausstattung.",
    T.STAFF: "Die erste bezahlte Stelle steht an; bitte zu Förderung und Qualifizierung beraten.",
    T.MARKETING: "Die Initiative will ihre Kundschaft besser kennen und gezielter werben.",
    T.VOLUNTEERS: "Die Initiative sucht Ehrenamtliche für feste Zeiten.",
    T.PUBLIC_CONTRACTS: "Die Initiative möchte Aufträge der öffentlichen Hand gewinnen.",
    T.CONCEPT: "Die Gruppe will ihr Konzept an Erfahrungen anderer messen.",
}
# Per kind of resource: hours per delivery (low, high), euros per hour, what was delivered.
DELIVERIES = {
    K.ADVICE: ((2, 10), 65, ("Beratungsgespräch", "Zwei Beratungstermine", "Coaching-Termin")),
    K.ROOMS: ((4, 24), 18, ("Raum für Gruppentreffen", "Raum für einen Workshop")),
    K.TRAINING: ((40, 240), 11, ("Ausbildungsplatz besetzt", "Kurs besucht", "Qualifizierung")),
    K.MONEY: ((0, 0), 0, ("Zuschuss ausgezahlt", "Darlehen ausgezahlt")),
    K.EQUIPMENT: ((0, 2), 0, ("Geräte übergeben", "Technik aufgebaut")),
    K.VOLUNTEERS: ((8, 60), 12, ("Ehrenamtliche im Einsatz", "Einsatz beim Kiezfest")),
    K.CONTACTS: ((1, 5), 65, ("Gespräch im Fachamt vermittelt", "Kontakt hergestellt")),
}
DECLINED = (
    "Keine freien Plätze mehr in diesem Jahr.",
    "Das Angebot passt nicht zur Rechtsform der Initiative.",
    "Die Initiative hat selbst eine Lösung gefunden.",
    "Die Gruppe hat sich nicht mehr gemeldet.",
)
# The share of consultations on a topic that lead to a referral (concept talks seldom do).
REFERRAL_SHARE = {T.CONCEPT: 0.2}
REFERRAL_SHARE_OTHERWISE = 0.5
