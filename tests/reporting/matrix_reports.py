"""Permission-matrix rows of the funder reports (see tests/test_permission_matrix.py).

As for the grant's page (tests/funding/matrix_funding.py): management and evaluation read the
reports of every grant, a funder those of the grants it reads (here it reads the grant); only
management requests and regenerates them (evaluators and the reading funder 403). Advisors,
founders and partners do not learn that the grant exists (404), nor does the outsider."""

from tests.funding.grants import grant_with_figures, make_reader
from tests.reporting.reports import private_media, stored_report


def read_grant_kwargs(request) -> dict:
    """A grant the funder reads."""
    agency, manager = request.getfixturevalue("agency"), request.getfixturevalue("manager")
    grant = grant_with_figures(agency, manager)
    make_reader(grant, request.getfixturevalue("funder"))
    return {"slug": "kiez", "pk": grant.pk}


def report_kwargs(request) -> dict:
    """A done report (with its files) of a grant the funder reads."""
    private_media(request)
    kwargs = read_grant_kwargs(request)
    grant = request.getfixturevalue("agency").grants.get(pk=kwargs["pk"])
    return kwargs | {"report": stored_report(grant).pk}


def download_kwargs(request) -> dict:
    return report_kwargs(request) | {"fmt": "csv"}


OTHERS = {"outsider": 404, "anonymous": "login"}
READ = {
    **dict.fromkeys(("manager", "evaluator", "funder"), 200),
    **dict.fromkeys(("advisor", "founder", "partner"), 404),
    **OTHERS,
}
CHANGE = {
    "manager": 200,
    **dict.fromkeys(("evaluator", "funder"), 403),
    **dict.fromkeys(("advisor", "founder", "partner"), 404),
    **OTHERS,
}

ROWS = {
    "reporting:funder_reports": (read_grant_kwargs, READ),
    "reporting:funder_report_new": (read_grant_kwargs, CHANGE),
    "reporting:funder_report": (report_kwargs, READ),
    "reporting:funder_report_download": (download_kwargs, READ),
    "reporting:funder_report_regenerate": (report_kwargs, CHANGE | {"manager": 302}, "post"),
    "reporting:funder_report_archive": (report_kwargs, CHANGE | {"manager": 302}, "post"),
    "reporting:funder_report_restore": (report_kwargs, CHANGE | {"manager": 302}, "post"),
}

FORM_VIEWS = {"reporting:funder_report_new"}
