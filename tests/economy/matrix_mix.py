"""Permission-matrix rows of the enterprise's economics page (see tests/test_permission_matrix.py).

The enterprise is the `initiative` of tests/conftest.py with the founder as its contact.
Funders and network partners do not see cases, so they get 404 like the outsider."""

from kiezwerk.economy import services
from tests.economy.conftest import month
from tests.factories import NeedCategoryFactory


def enterprise_kwargs(request) -> dict:
    request.getfixturevalue("founder_contact")
    return {"slug": "kiez", "pk": request.getfixturevalue("initiative").pk}


def chart_kwargs(request) -> dict:
    """The chart needs figures: one month of one business line."""
    kwargs = enterprise_kwargs(request)
    enterprise, manager = (request.getfixturevalue(name) for name in ("initiative", "manager"))
    category = NeedCategoryFactory(name="Nahversorgung")
    line = services.add_line(enterprise, actor=manager, name="Café", service=category)
    services.save_month(line, 2004, 1, month(market=100), actor=manager, version=0)
    return kwargs


READERS = {"manager": 200, "advisor": 200, "evaluator": 200, "founder": 200}
HIDDEN = {"funder": 404, "partner": 404, "outsider": 404, "anonymous": "login"}

ROWS = {
    "economy:enterprise": (enterprise_kwargs, {**READERS, **HIDDEN}),
    "economy:mix_chart": (chart_kwargs, {**READERS, **HIDDEN}),
}
