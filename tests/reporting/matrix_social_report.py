"""Permission-matrix rows of the social reports (see tests/test_permission_matrix.py).

Management reads and writes them; evaluation reads and downloads them but does not create,
edit or archive them (403); advisors, funders, founders and partners get 403 everywhere; staff
of another agency do not learn that the agency exists (404)."""

from tests.reporting.social_reports import new_report


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def report_kwargs(request) -> dict:
    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    return {"slug": "kiez", "pk": new_report(agency, manager).pk}


OTHERS = {
    **dict.fromkeys(("advisor", "funder", "founder", "partner"), 403),
    "outsider": 404,
    "anonymous": "login",
}
READ = {"manager": 200, "evaluator": 200, **OTHERS}
WRITE = {"manager": 200, "evaluator": 403, **OTHERS}

ROWS = {
    "social_report:list": (agency_kwargs, READ),
    "social_report:new": (agency_kwargs, WRITE),
    "social_report:report": (report_kwargs, READ),
    "social_report:edit": (report_kwargs, WRITE),
    "social_report:archive": (report_kwargs, WRITE | {"manager": 302}, "post"),
    "social_report:pdf": (report_kwargs, READ),
    "social_report:html": (report_kwargs, READ),
}

FORM_VIEWS = {"social_report:new", "social_report:edit"}
