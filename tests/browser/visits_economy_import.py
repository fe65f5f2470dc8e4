"""The page for importing figures from a file, for the accessibility scan
(tests/browser/test_accessibility.py): the upload form with the template's year and columns
explained, the dry run of a clean file, the page after a file with problems (the table of
problems by row and column), and the page after a template asked for a year out of range (the
year's error)."""

from tests.browser.visit import Visit, uploading
from tests.browser.visits_economy_entry import ECONOMY, year_world

IMPORT = ECONOMY + "import/"
# March 2004 of the café is closed (year_world); the second line does not exist; costs < 0.
FILE_WITH_PROBLEMS = (
    "Business line;Year;Month;Market sales;Grants and subsidies;Donations;Costs;"
    "Volunteer hours;Volunteers;Reciprocal work\n"
    "Café;2004;3;100;;;50;;;\n"
    "Kita;2004;4;100;;;50;;;\n"
    "Café;2004;5;100;;;-50;;;nein\n"
).encode()


CLEAN_FILE = (
    "Business line;Year;Month;Market sales;Grants and subsidies;Donations;Costs;"
    "Volunteer hours;Volunteers;Reciprocal work\n"
    "Café;2004;5;100;;;50;;;\n"
    "Café;2004;6;120,50;;;50;2;1;ja\n"
).encode()


upload_a_file_with_problems = uploading(FILE_WITH_PROBLEMS)


VISITS = [
    Visit("economy_import_form", IMPORT, "founder", setup=year_world, shows="main #import-columns"),
    Visit(
        "economy_import_template_year",
        IMPORT + "template.xlsx?year=1800",
        "founder",
        setup=year_world,
        status=400,
        shows="main #id_year_error",
    ),
    Visit(
        "economy_import_dry_run",
        IMPORT,
        "founder",
        setup=year_world,
        reach=uploading(CLEAN_FILE),
        shows="main #import-plan",
    ),
    Visit(
        "economy_import_problems",
        IMPORT,
        "advisor",
        setup=year_world,
        reach=upload_a_file_with_problems,
        status=400,
        shows="main #import-problems",
    ),
]
