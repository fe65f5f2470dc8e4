"""The import of positions for the accessibility scan (tests/browser/test_accessibility.py):
the upload page with the columns explained, the dry run of a clean file, and a file with
problems."""

from tests.browser.visit import Visit, uploading

IMPORT = "/backoffice/kiez/jobs/import/"
HEADER = "Externe Referenz;Unternehmen;Funktion;Vertragsart;Stunden pro Woche;Beginn;"
HEADER += "Geschaffen oder gesichert\n"
CLEAN = HEADER + "ST-1;Nachbarschaftscafé Boxhagen;Köchin;part_time;19,5;01.03.2024;created\n"
WITH_PROBLEMS = HEADER + (
    "ST-1;Gibt es nicht;Köchin;part_time;19,5;01.03.2024;created\n"
    "ST-1;Nachbarschaftscafé Boxhagen;Koch;subsidised;90;01.03.2024;created\n"
)


def _enterprise(request) -> dict:
    request.getfixturevalue("initiative")
    return {}


VISITS = [
    Visit("jobs_import", IMPORT, "manager", shows="main #import-columns"),
    Visit(
        "jobs_import_dry_run",
        IMPORT,
        "manager",
        setup=_enterprise,
        reach=uploading(CLEAN.encode()),
        shows="main #import-plan",
    ),
    Visit(
        "jobs_import_problems",
        IMPORT,
        "manager",
        setup=_enterprise,
        reach=uploading(WITH_PROBLEMS.encode()),
        status=400,
        shows="main #import-problems",
    ),
]
