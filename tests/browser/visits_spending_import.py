"""The page for importing a grant's spending from a file, for the accessibility scan
(tests/browser/test_accessibility.py): the upload form with the columns and cost categories
explained, and the page after a file with problems (the table of problems by row and column)."""

from tests.browser.visit import Visit, uploading
from tests.browser.visits_funding import GRANT, grant_world

IMPORT = GRANT + "spending/import/"
# A negative amount, a month after the grant period (2003-2004), an unknown category.
FILE_WITH_PROBLEMS = (
    b"Jahr;Monat;Kostenkategorie;Betrag;Notiz\n"
    b"2003;4;Personal;-100;\n"
    b"2005;1;Personal;100;\n"
    b"2003;5;Mittagessen;100;\n"
)


upload_a_file_with_problems = uploading(FILE_WITH_PROBLEMS)


VISITS = [
    Visit(
        "funding_spending_import",
        IMPORT,
        "manager",
        setup=grant_world,
        shows="main #import-categories",
    ),
    Visit(
        "funding_spending_import_problems",
        IMPORT,
        "manager",
        setup=grant_world,
        reach=upload_a_file_with_problems,
        status=400,
        shows="main #import-problems",
    ),
]
