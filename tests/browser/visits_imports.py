"""The import of initiatives for the accessibility scan (tests/browser/test_accessibility.py):
the upload page with the columns explained, the dry run of a clean file, and a file with
problems."""

from tests.browser.visit import Visit

IMPORT = "/backoffice/kiez/initiatives/import/"
HEADER = b"Externe Referenz;Name;Quartier;Phase\n"
CLEAN = HEADER + b"KW-1;Kiezk\xc3\xbcche;Boxhagener Platz;concept\n"
WITH_PROBLEMS = HEADER + b"KW-1;Kiezk\xc3\xbcche;Mitte;concept\nKW-1;Doppelt;Boxhagener Platz;x\n"


def _upload(content: bytes):
    def upload(page, path, user, submit_login_form):
        page.goto(path)
        file = {"name": "initiativen.csv", "mimeType": "text/csv", "buffer": content}
        page.set_input_files("main input[type=file]", file)
        with page.expect_navigation() as navigation:
            page.click("main form button[type=submit]")
        return navigation.value

    return upload


VISITS = [
    Visit("initiatives_import", IMPORT, "manager", shows="main #import-columns"),
    Visit(
        "initiatives_import_dry_run",
        IMPORT,
        "manager",
        reach=_upload(CLEAN),
        shows="main #import-plan",
    ),
    Visit(
        "initiatives_import_problems",
        IMPORT,
        "manager",
        reach=_upload(WITH_PROBLEMS),
        status=400,
        shows="main #import-problems",
    ),
]
