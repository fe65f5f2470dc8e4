"""What the figures show for criteria 3 and 4, on the case page and the criteria form, for the
accessibility scan (tests/browser/test_accessibility.py)."""

from tests.browser.visit import Visit
from tests.browser.visits_economy_mix import figures

CASE = "/backoffice/kiez/initiatives/{initiative}/"

VISITS = [
    Visit(
        "initiative_detail_evidence",
        CASE,
        "advisor",
        setup=figures,
        shows="main #evidence-profit",
    ),
    Visit(
        "criteria_form_evidence",
        CASE + "criteria/new/",
        "advisor",
        setup=figures,
        shows="main #evidence-profit",
    ),
]
