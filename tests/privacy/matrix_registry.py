"""Permission-matrix rows of the record of processing activities (see
tests/test_permission_matrix.py): management and evaluation read it (privacy.view_registry);
other members get 403, another agency's staff 404."""

MEMBERS = ("advisor", "funder", "founder", "partner")
READ = {
    "manager": 200,
    "evaluator": 200,
    **dict.fromkeys(MEMBERS, 403),
    "outsider": 404,
    "anonymous": "login",
}


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


ROWS = {
    "privacy_registry:processing": (agency_kwargs, READ),
    "privacy_registry:processing_pdf": (agency_kwargs, READ),
}
