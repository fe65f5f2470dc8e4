"""Permission-matrix rows of importing figures from a file (see tests/test_permission_matrix.py).

Whoever enters an enterprise's figures may import them and download the template: the case's
staff and its own founder (as adding a business line). Evaluators read figures but do not enter
them (403); funders, partners and other agencies do not see the enterprise at all (404). A
founder of another enterprise gets 404 too (tests/economy/test_import.py)."""

from tests.economy.matrix_entry import ENTER, enterprise_kwargs


def template_kwargs(request) -> dict:
    return enterprise_kwargs(request) | {"fmt": "csv"}


ROWS = {
    "economy:import": (enterprise_kwargs, ENTER),
    "economy:import_template": (template_kwargs, ENTER),
}

FORM_VIEWS = {"economy:import"}
