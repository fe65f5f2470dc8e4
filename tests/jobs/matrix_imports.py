"""Who gets what from the import of positions: rows for tests/test_permission_matrix.py.

The same as for the import of initiatives: management and advisors import (advisors only for
enterprises of their team's neighbourhoods, checked per row in tests/jobs/test_imports.py);
other members, founders among them, get 403, the outsider 404."""

from tests.initiatives.matrix_imports import IMPORTERS, agency_kwargs, template_kwargs

ROWS = {
    "jobs:import": (agency_kwargs, IMPORTERS),
    "jobs:import_template": (template_kwargs, IMPORTERS),
}

FORM_VIEWS = {"jobs:import"}
