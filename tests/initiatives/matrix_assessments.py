"""Who gets what from the criteria check and EMES views: rows for tests/test_permission_matrix.py.

The founder is the initiative's own founder (`founder_contact`): these views are staff-only, and
the founder, who may see the initiative but not its assessments, gets 403. Everyone who may not
see the initiative gets 404. The chart row has a profile to draw.
"""

import datetime as dt

from tests.initiatives.test_assessments import emes_profile

LOGIN = "login"
HIDDEN = {"funder": 404, "partner": 404, "outsider": 404, "other_founder": 404}
CHANGE = {
    "manager": 200,
    "advisor": 200,
    "evaluator": 403,
    "founder": 403,
    **HIDDEN,
    "anonymous": LOGIN,
}
READ = CHANGE | {"evaluator": 200}


def _initiative_kwargs(request) -> dict:
    request.getfixturevalue("founder_contact")
    initiative = request.getfixturevalue("initiative")
    return {"slug": initiative.agency.slug, "pk": initiative.pk}


def _profiled_initiative_kwargs(request) -> dict:
    kwargs = _initiative_kwargs(request)
    emes_profile(request.getfixturevalue("initiative"), on=dt.date(2004, 3, 1))
    return kwargs


ROWS = {
    "initiatives:assess_criteria": (_initiative_kwargs, CHANGE),
    "initiatives:record_emes": (_initiative_kwargs, CHANGE),
    "initiatives:emes_chart": (_profiled_initiative_kwargs, READ),
}
