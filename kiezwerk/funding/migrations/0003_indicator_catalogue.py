"""Seeds the standard indicator catalogue: reference data the agency edits in the admin, so
names, units and definitions are German. Each row names the query of
kiezwerk/funding/indicators.py that computes it. Rows are looked up by code: running the
seed again changes nothing, and rows the agency has edited stay as they are."""

from django.db import migrations

# Steps of the impact ladder (funding.enums.ImpactLevel), written out: a migration does not
# import the app's current code.
ACTIVITIES = "1_activities"
REACH = "2_reach"
ACCEPTANCE = "3_acceptance"
BEHAVIOUR = "5_behaviour"
LIVING = "6_living"
SOCIETY = "7_society"

NOT_ARCHIVED = " Archivierte Einträge und Einträge archivierter Initiativen zählen nicht."
MONTHS = (
    " Monatszahlen zählen für jeden Monat, der in den Berichtszeitraum fällt, auch wenn der "
    "Zeitraum in diesem Monat beginnt oder endet."
)
JOBS = (
    " Ein Arbeitsplatz zählt, wenn er an mindestens einem Tag des Berichtszeitraums bestand "
    "(Beginn spätestens am letzten Tag, Ende frühestens am ersten Tag); archivierte "
    "Arbeitsplätze und solche archivierter Initiativen zählen nicht."
)
MIX = (
    " Der Finanzierungsmix besteht aus den drei Quellen öffentliche Aufträge "
    "(Leistungsverträge), Markterlöse und ehrenamtliche Arbeit, bewertet mit dem beim "
    "Monatswert gespeicherten Stundensatz (Stunden ohne Satz bleiben unbewertet); "
    "Zuwendungen und Spenden gehören nicht dazu. Die Beträge aller Unternehmen werden "
    "zusammengezählt, dann wird der Anteil gebildet; ohne Zahlen ist der Anteil 0."
)

# (code, standard, level, query, unit, name, definition)
CATALOGUE = [
    (
        "OWN-01",
        "own",
        ACTIVITIES,
        "consultations_held",
        "Beratungen",
        "Durchgeführte Beratungen",
        "Zahl der Beratungsgespräche der Agentur mit Gründungsinitiativen und sozialen "
        "Unternehmen, die im Berichtszeitraum stattgefunden haben (Datum der Beratung). "
        "Jede dokumentierte Beratung zählt einzeln." + NOT_ARCHIVED,
    ),
    (
        "OWN-02",
        "own",
        ACTIVITIES,
        "forums_held",
        "Veranstaltungen",
        "Durchgeführte Stadtteilforen und Veranstaltungen",
        "Zahl der lokalen Foren und anderen Veranstaltungen der Agentur (Stadtteilforen, "
        "Workshops, Netzwerktreffen, Informationsveranstaltungen), die im Berichtszeitraum "
        "begonnen haben (Berliner Zeit). Geplante, noch nicht begonnene Veranstaltungen zählen "
        "nicht." + NOT_ARCHIVED,
    ),
    (
        "OWN-03",
        "own",
        REACH,
        "initiatives_supported",
        "Initiativen",
        "Unterstützte Gründungsinitiativen und soziale Unternehmen",
        "Zahl der verschiedenen Gründungsinitiativen und sozialen Unternehmen, mit denen im "
        "Berichtszeitraum mindestens eine Beratung stattgefunden hat. Jede Initiative zählt "
        "einmal, unabhängig von der Zahl ihrer Beratungen und Ansprechpersonen." + NOT_ARCHIVED,
    ),
    (
        "EECO19",
        "esf",
        REACH,
        "enterprises_supported",
        "Unternehmen",
        "Unterstützte Kleinst-, kleine und mittlere Unternehmen (einschließlich Genossenschaften "
        "und Sozialunternehmen)",
        "Gemeinsamer Outputindikator des ESF+ für Einrichtungen (Verordnung (EU) 2021/1057, "
        "Anhang I). Gezählt werden soziale Unternehmen, die im Berichtszeitraum mindestens eine "
        "Beratung der Agentur erhalten haben, die am oder nach ihrem Gründungsdatum stattfand; "
        "jedes Unternehmen zählt einmal, unabhängig von der Zahl der Beratungen und "
        "Ansprechpersonen. Gründungsinitiativen vor der Gründung sind noch keine Unternehmen "
        "und zählen nur in OWN-03." + NOT_ARCHIVED,
    ),
    (
        "RCO01",
        "erdf",
        REACH,
        "enterprises_supported",
        "Unternehmen",
        "Unterstützte Unternehmen",
        "Gemeinsamer Outputindikator des EFRE (Verordnung (EU) 2021/1058, Anhang I). "
        "Unterstützung ist hier die Beratung durch die Agentur: Gezählt werden Unternehmen, die "
        "im Berichtszeitraum mindestens eine Beratung erhalten haben, die am oder nach ihrem "
        "Gründungsdatum stattfand; jedes Unternehmen zählt einmal, unabhängig von der Zahl der "
        "Beratungen und Ansprechpersonen. Gründungsinitiativen vor der Gründung zählen nicht."
        + NOT_ARCHIVED,
    ),
    (
        "OWN-04",
        "own",
        REACH,
        "forum_attendance",
        "Personen",
        "Teilnehmende an Stadtteilforen und Veranstaltungen",
        "Summe der Teilnehmenden der im Berichtszeitraum durchgeführten Foren und "
        "Veranstaltungen (siehe OWN-02) nach der Zählung je Gruppe: Bewohnerinnen und "
        "Bewohner, Initiativen, Partner und öffentliche Stellen. Namentlich erfasste "
        "Teilnehmende sind in dieser Zählung enthalten. Wer mehrere Veranstaltungen besucht, "
        "zählt bei jeder.",
    ),
    (
        "OWN-05",
        "own",
        ACCEPTANCE,
        "needs_raised",
        "Bedarfe",
        "Erfasste Bedarfe im Quartier",
        "Zahl der unterversorgten Bedarfe, die im Berichtszeitraum eingebracht wurden (Datum "
        "»genannt am«), ob in Stadtteilforen, Beratungen, Befragungen oder von Bewohnerinnen und "
        "Bewohnern. Zusammengeführte Doppelungen zählen einmal (als der Bedarf, in den sie "
        "zusammengeführt wurden)." + NOT_ARCHIVED,
    ),
    (
        "OWN-06",
        "own",
        ACCEPTANCE,
        "resources_received",
        "Vermittlungen",
        "Erhaltene Ressourcen aus dem Partnernetzwerk",
        "Zahl der Vermittlungen von Initiativen an Netzwerkpartner, auf die im "
        "Berichtszeitraum mindestens eine Leistung erbracht wurde (Beratung, Räume, "
        "Schulungsplätze, Geld, Ausstattung, Ehrenamtliche, Kontakte). Eine Vermittlung, die "
        "in mehreren Teilen erbracht wird, zählt einmal." + NOT_ARCHIVED,
    ),
    (
        "OWN-07",
        "own",
        ACCEPTANCE,
        "resource_value",
        "Euro",
        "Wert der erhaltenen Ressourcen aus dem Partnernetzwerk",
        "Summe des Werts in Euro aller Leistungen der Netzwerkpartner an Initiativen, die im "
        "Berichtszeitraum erbracht wurden (Datum der Leistung), wie von der Agentur erfasst."
        + NOT_ARCHIVED,
    ),
    (
        "OWN-08",
        "own",
        ACCEPTANCE,
        "resource_hours",
        "Stunden",
        "Stunden der erhaltenen Ressourcen aus dem Partnernetzwerk",
        "Summe der Stunden aller Leistungen der Netzwerkpartner an Initiativen, die im "
        "Berichtszeitraum erbracht wurden (Datum der Leistung)." + NOT_ARCHIVED,
    ),
    (
        "OWN-09",
        "own",
        BEHAVIOUR,
        "enterprises_founded",
        "Unternehmen",
        "Gegründete soziale Unternehmen",
        "Zahl der Gründungsinitiativen, deren Gründungsdatum (Tag, an dem das Unternehmen als "
        "Rechtsperson entstand, z. B. Eintragung der eG, gGmbH oder des e. V.) im "
        "Berichtszeitraum liegt, unabhängig von ihrer heutigen Phase." + NOT_ARCHIVED,
    ),
    (
        "OWN-10",
        "own",
        BEHAVIOUR,
        "volunteer_hours",
        "Stunden",
        "Geleistete ehrenamtliche Stunden",
        "Summe der ehrenamtlichen Arbeitsstunden in allen Geschäftszweigen der unterstützten "
        "Unternehmen, wie in den Monatszahlen erfasst, bewertet oder nicht." + MONTHS
        + NOT_ARCHIVED,
    ),
    (
        "PI3687",
        "iris",
        LIVING,
        "jobs_created",
        "Arbeitsplätze",
        "Geschaffene Arbeitsplätze",
        "IRIS+-Kennzahl PI3687. Zahl der Arbeitsplätze in den unterstützten Unternehmen, "
        "die während der Unterstützung neu geschaffen wurden und im Berichtszeitraum begonnen "
        "haben. Jeder Arbeitsplatz zählt einmal, unabhängig von seinem Umfang (siehe RCR01 für "
        "Vollzeitäquivalente)." + JOBS,
    ),
    (
        "PI5691",
        "iris",
        LIVING,
        "jobs_maintained",
        "Arbeitsplätze",
        "Erhaltene Arbeitsplätze",
        "IRIS+-Kennzahl PI5691. Zahl der Arbeitsplätze in den unterstützten "
        "Unternehmen, die im Berichtszeitraum bestanden, aber nicht in ihm geschaffen wurden: "
        "schon vor der Unterstützung vorhandene Arbeitsplätze und solche, die vor dem "
        "Berichtszeitraum geschaffen wurden. Geschaffene und erhaltene Arbeitsplätze ergeben "
        "zusammen PI4874." + JOBS,
    ),
    (
        "PI4874",
        "iris",
        LIVING,
        "jobs_total",
        "Arbeitsplätze",
        "Arbeitsplätze insgesamt",
        "IRIS+-Kennzahl PI4874. Zahl aller Arbeitsplätze in den unterstützten Unternehmen, "
        "die im Berichtszeitraum bestanden: geschaffene (PI3687) und erhaltene (PI5691)." + JOBS,
    ),
    (
        "RCR01",
        "erdf",
        LIVING,
        "fte_created",
        "VZÄ",
        "In unterstützten Einrichtungen geschaffene Arbeitsplätze",
        "Gemeinsamer Ergebnisindikator des EFRE (Verordnung (EU) 2021/1058, Anhang I), in "
        "Vollzeitäquivalenten: Summe der Vollzeitäquivalente der Arbeitsplätze, die während "
        "der Unterstützung geschaffen wurden und im Berichtszeitraum begonnen haben (wie "
        "PI3687). Das Vollzeitäquivalent eines Arbeitsplatzes ist seine Wochenarbeitszeit "
        "geteilt durch die Vollzeit-Wochenstunden des Unternehmens, höchstens 1." + JOBS,
    ),
    (
        "OWN-11",
        "own",
        LIVING,
        "jobs_additional",
        "Arbeitsplätze",
        "Zusätzliche Arbeitsplätze",
        "Zahl der im Berichtszeitraum bestehenden Arbeitsplätze (wie PI4874), die als "
        "zusätzlich eingestuft und begründet sind: Sie bestünden ohne das Unternehmen und "
        "seine Unterstützung nicht. Die Netto-Zusätzlichkeit (Mitnahme-, Verdrängungs- und "
        "Substitutionseffekte) weist das Arbeitsblatt zur Zusätzlichkeit aus." + JOBS,
    ),
    (
        "OWN-12",
        "own",
        SOCIETY,
        "needs_met",
        "Bedarfe",
        "Gedeckte Bedarfe im Quartier",
        "Zahl der Bedarfe, die im Berichtszeitraum als gedeckt abgeschlossen wurden "
        "(Statuswechsel auf »erfüllt«, Datum des Abschlusses) und diesen Status noch haben. "
        "Abgelehnte Bedarfe zählen nicht; ein wieder geöffneter Bedarf zählt erst, wenn er "
        "erneut als erfüllt abgeschlossen wird. Zusammengeführte Doppelungen zählen einmal."
        + NOT_ARCHIVED,
    ),
    (
        "OWN-13",
        "own",
        SOCIETY,
        "share_public",
        "Prozent",
        "Anteil öffentlicher Aufträge am Finanzierungsmix",
        "Erlöse aus öffentlichen Aufträgen (Leistungsverträgen) in Prozent des "
        "Finanzierungsmixes der unterstützten Unternehmen." + MIX + MONTHS + NOT_ARCHIVED,
    ),
    (
        "OWN-14",
        "own",
        SOCIETY,
        "share_market",
        "Prozent",
        "Anteil der Markterlöse am Finanzierungsmix",
        "Erlöse aus Verkäufen an private Kundinnen und Kunden (private Kaufkraft) in Prozent "
        "des Finanzierungsmixes der unterstützten Unternehmen." + MIX + MONTHS + NOT_ARCHIVED,
    ),
    (
        "OWN-15",
        "own",
        SOCIETY,
        "share_volunteer",
        "Prozent",
        "Anteil ehrenamtlicher Arbeit am Finanzierungsmix",
        "Wert der ehrenamtlichen, gegenseitigen Arbeit in Prozent des Finanzierungsmixes der "
        "unterstützten Unternehmen." + MIX + MONTHS + NOT_ARCHIVED,
    ),
]


def seed_catalogue(apps, schema_editor):
    Indicator = apps.get_model("funding", "Indicator")
    for code, standard, level, query, unit, name, definition in CATALOGUE:
        Indicator.objects.get_or_create(
            code=code,
            defaults={
                "standard": standard,
                "level": level,
                "query": query,
                "unit": unit,
                "name": name,
                "definition": definition,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0002_budgets_indicators_targets"),
    ]

    operations = [
        migrations.RunPython(seed_catalogue, migrations.RunPython.noop),
    ]
