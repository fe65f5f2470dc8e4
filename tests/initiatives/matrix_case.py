"""Permission-matrix rows of the pipeline and case views (see tests/test_permission_matrix.py)."""


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def initiative_kwargs(request) -> dict:
    initiative = request.getfixturevalue("initiative")
    request.getfixturevalue("founder_contact")
    return {"slug": "kiez", "pk": initiative.pk}


def milestone_kwargs(request) -> dict:
    from tests.factories import MilestoneFactory

    kwargs = initiative_kwargs(request)
    milestone = MilestoneFactory(initiative=request.getfixturevalue("initiative"))
    return {**kwargs, "milestone": milestone.pk}


NOT_SEEN = {
    "funder": 404,
    "partner": 404,
    "other_founder": 404,
    "outsider": 404,
    "anonymous": "login",
}
STAFF_LIST = {
    "manager": 200,
    "advisor": 200,
    "evaluator": 200,
    "funder": 403,
    "founder": 403,
    "partner": 403,
    "other_founder": 403,
    "outsider": 404,
    "anonymous": "login",
}
CHANGE_PAGE = {"manager": 200, "advisor": 200, "evaluator": 403, "founder": 403, **NOT_SEEN}
CHANGE_POST = {"manager": 302, "advisor": 302, "evaluator": 403, "founder": 403, **NOT_SEEN}

ROWS = {
    "initiatives:list": (agency_kwargs, STAFF_LIST),
    "initiatives:board": (agency_kwargs, STAFF_LIST),
    "initiatives:create": (agency_kwargs, {**STAFF_LIST, "evaluator": 403}),
    "initiatives:stage_report": (agency_kwargs, {**STAFF_LIST, "advisor": 403}),
    "initiatives:detail": (
        initiative_kwargs,
        {"manager": 200, "advisor": 200, "evaluator": 200, "founder": 200, **NOT_SEEN},
    ),
    "initiatives:edit": (initiative_kwargs, CHANGE_PAGE),
    "initiatives:add_consultation": (initiative_kwargs, CHANGE_PAGE),
    "initiatives:add_contact": (initiative_kwargs, CHANGE_PAGE),
    "initiatives:change_stage": (initiative_kwargs, CHANGE_POST, "post"),
    "initiatives:reassign": (initiative_kwargs, {**CHANGE_POST, "advisor": 403}, "post"),
    "initiatives:add_milestone": (
        initiative_kwargs,
        {**CHANGE_POST, "manager": 400, "advisor": 400},
        "post",
    ),
    "initiatives:toggle_milestone": (milestone_kwargs, CHANGE_POST, "post"),
}
