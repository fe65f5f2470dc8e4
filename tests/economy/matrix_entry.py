"""Permission-matrix rows of entering an enterprise's figures (see tests/test_permission_matrix.py).

Figures are entered by the case's staff (management, the neighbourhood's advisor) and its own
founder; evaluators read them; only staff close months. Funders, partners and other agencies do
not see the enterprise at all (404)."""

from kiezwerk.economy import services
from tests.factories import NeedCategoryFactory


def enterprise_kwargs(request) -> dict:
    request.getfixturevalue("founder_contact")
    return {"slug": "kiez", "pk": request.getfixturevalue("initiative").pk}


def line_kwargs(request) -> dict:
    kwargs = enterprise_kwargs(request)
    initiative = request.getfixturevalue("initiative")
    line = services.add_line(
        initiative,
        actor=request.getfixturevalue("manager"),
        name="Café",
        service=NeedCategoryFactory(name="Nahversorgung und Alltagsbedarf"),
    )
    return kwargs | {"line": line.pk}


def year_kwargs(request) -> dict:
    return line_kwargs(request) | {"year": 2004}


def month_kwargs(request) -> dict:
    return enterprise_kwargs(request) | {"year": 2004, "month": 3}


HIDDEN = {"funder": 404, "partner": 404, "outsider": 404, "anonymous": "login"}
ENTER = {"manager": 200, "advisor": 200, "founder": 200, "evaluator": 403, **HIDDEN}
READ = {**ENTER, "evaluator": 200}
ENTER_BY_POST = {**ENTER, "manager": 302, "advisor": 302, "founder": 302}
CLOSE = {**ENTER_BY_POST, "founder": 403}

ROWS = {
    "economy:line_create": (enterprise_kwargs, ENTER),
    "economy:line_edit": (line_kwargs, ENTER),
    "economy:line_archive": (line_kwargs, ENTER_BY_POST, "post"),
    "economy:year": (year_kwargs, READ),
    "economy:close_month": (month_kwargs, CLOSE, "post"),
    "economy:distribution_create": (enterprise_kwargs, ENTER),
}

FORM_VIEWS = {
    "economy:line_create",
    "economy:line_edit",
    "economy:year",
    "economy:distribution_create",
}
