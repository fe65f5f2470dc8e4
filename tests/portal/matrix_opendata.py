"""Permission-matrix rows of the open data (see tests/test_permission_matrix.py).

Open data is public: every visitor gets the same files, logged in or not, and an outsider
(another agency's advisor) reads an agency's files as any resident does."""

from tests.conftest import PERSONAS

EVERYONE = dict.fromkeys([*PERSONAS, "anonymous"], 200)
AGENCY = {"slug": "kiez"}

ROWS = {
    "portal:opendata:page": ({}, EVERYONE),
    "portal:opendata:enterprises_jsonld": ({}, EVERYONE),
    "portal:opendata:enterprises_csv": ({}, EVERYONE),
    "portal:opendata:agency_enterprises_jsonld": (AGENCY, EVERYONE),
    "portal:opendata:agency_enterprises_csv": (AGENCY, EVERYONE),
    "portal:opendata:figures_json": (AGENCY, EVERYONE),
    "portal:opendata:figures_csv": (AGENCY, EVERYONE),
}
