"""Permission-matrix rows of the financing mix of a neighbourhood and of the agency (see
tests/test_permission_matrix.py).

As the neighbourhood overview: management, evaluation and the neighbourhood's advisors read
them; funders, founders and network partners are members without the permission (403); the
outsider cannot learn that the agency exists (404)."""

from kiezwerk.economy import services
from tests.economy.conftest import month
from tests.factories import NeedCategoryFactory


def _figures(request) -> None:
    """One month of one business line of the `initiative` (Boxhagener Platz): the charts need
    figures."""
    enterprise, manager = (request.getfixturevalue(name) for name in ("initiative", "manager"))
    category = NeedCategoryFactory(name="Nahversorgung")
    line = services.add_line(enterprise, actor=manager, name="Café", service=category)
    services.save_month(line, 2004, 1, month(market=100), actor=manager, version=0)


def neighbourhood_kwargs(request) -> dict:
    _figures(request)
    hood = request.getfixturevalue("neighbourhoods")[0]
    return {"slug": "kiez", "neighbourhood": hood.slug}


def agency_kwargs(request) -> dict:
    _figures(request)
    return {"slug": "kiez"}


READERS = {
    "manager": 200,
    "advisor": 200,
    "evaluator": 200,
    "funder": 403,
    "founder": 403,
    "partner": 403,
    "outsider": 404,
    "anonymous": "login",
}

ROWS = {
    "economy:neighbourhood": (neighbourhood_kwargs, READERS),
    "economy:neighbourhood_chart": (neighbourhood_kwargs, READERS),
    "economy:agency": (agency_kwargs, READERS),
    "economy:agency_chart": (agency_kwargs, READERS),
}
