"""Permission-matrix rows of the needs register (see tests/test_permission_matrix.py).

Needs are no personal data: management, evaluation and every advisor of the agency read the
register; management and the advisors of the need's neighbourhood change it. The need here
lies in the advisor's neighbourhood; `need_elsewhere_kwargs` in the other one."""

WRITERS_ONLY = {"evaluator": 403}
NOT_STAFF = {
    "funder": 403,
    "founder": 403,
    "partner": 403,
    "outsider": 404,
    "anonymous": "login",
}
READ = {"manager": 200, "advisor": 200, "evaluator": 200, **NOT_STAFF}
WRITE_PAGE = {"manager": 200, "advisor": 200, **WRITERS_ONLY, **NOT_STAFF}
# A POST without a status: the status page comes back with its error (nothing changed).
STATUS_POST = {"manager": 400, "advisor": 400, **WRITERS_ONLY, **NOT_STAFF}


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def _need(request, index: int) -> dict:
    from tests.factories import NeedFactory

    agency = request.getfixturevalue("agency")
    hood = request.getfixturevalue("neighbourhoods")[index]
    need = NeedFactory(agency=agency, neighbourhood=hood, title="Kein Späti mehr")
    return {"slug": "kiez", "pk": need.pk}


def need_kwargs(request) -> dict:
    return _need(request, 0)


def need_elsewhere_kwargs(request) -> dict:
    """A need in the neighbourhood the advisor does not work in."""
    return _need(request, 1)


ROWS = {
    "needs:register": (agency_kwargs, READ),
    "needs:create": (agency_kwargs, WRITE_PAGE),
    "needs:detail": (need_kwargs, READ),
    "needs:edit": (need_kwargs, WRITE_PAGE),
    "needs:change_status": (need_kwargs, STATUS_POST, "post"),
    "needs:merge": (need_kwargs, WRITE_PAGE),
}
FORM_VIEWS = {"needs:create", "needs:edit", "needs:merge"}
