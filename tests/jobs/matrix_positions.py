"""Permission-matrix rows of an enterprise's jobs pages (see tests/test_permission_matrix.py).

Positions are read by the case's staff (management, evaluation, the neighbourhood's advisor)
and its own founder; recorded by staff on the case and the own founder (evaluators only read).
Funders, network partners, other agencies and founders of another enterprise do not see the
enterprise at all (404), like its economics pages."""

from tests.jobs.positions import holder, position


def enterprise_kwargs(request) -> dict:
    request.getfixturevalue("founder_contact")
    return {"slug": "kiez", "pk": request.getfixturevalue("initiative").pk}


def _recorded(request):
    initiative, manager = (request.getfixturevalue(name) for name in ("initiative", "manager"))
    return position(initiative, manager, start="2005-03-01", holder=holder("K-1"))


def list_kwargs(request) -> dict:
    """The list with a position (and its holder) in it."""
    _recorded(request)
    return enterprise_kwargs(request)


def position_kwargs(request) -> dict:
    return enterprise_kwargs(request) | {"position": _recorded(request).pk}


HIDDEN = {
    "funder": 404,
    "partner": 404,
    "outsider": 404,
    "other_founder": 404,
    "anonymous": "login",
}
READ = {"manager": 200, "advisor": 200, "evaluator": 200, "founder": 200, **HIDDEN}
RECORD = {**READ, "evaluator": 403}

ROWS = {
    "jobs:positions": (list_kwargs, READ),
    "jobs:position_create": (enterprise_kwargs, RECORD),
    "jobs:position_edit": (position_kwargs, RECORD),
    # GET asks for confirmation; POST archives (tests/jobs/test_positions.py)
    "jobs:position_archive": (position_kwargs, RECORD),
}

FORM_VIEWS = {"jobs:position_create", "jobs:position_edit", "jobs:position_archive"}
