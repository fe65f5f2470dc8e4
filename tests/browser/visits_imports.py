"""The import of initiatives for the accessibility scan (tests/browser/test_accessibility.py):
the upload page with the columns explained, the dry run of a clean file, and a file with
problems."""

from tests.browser.visit import Visit, uploading

IMPORT = "/backoffice/kiez/initiatives/import/"
HEADER = b"Externe Referenz;Name;Quartier;Phase\n"
CLEAN = HEADER + b"KW-1;Kiezk\xc3\xbcche;Boxhagener Platz;concept\n"
WITH_PROBLEMS = HEADER + b"KW-1;Kiezk\xc3\xbcche;Mitte;concept\nKW-1;Doppelt;Boxhagener Platz;x\n"


VISITS = [
    Visit("initiatives_import", IMPORT, "manager", shows="main #import-columns"),
    Visit(
        "initiatives_import_dry_run",
        IMPORT,
        "manager",
        reach=uploading(CLEAN),
        shows="main #import-plan",
    ),
    Visit(
        "initiatives_import_problems",
        IMPORT,
        "manager",
        reach=uploading(WITH_PROBLEMS),
        status=400,
        shows="main #import-problems",
    ),
]
