"""Permission-matrix rows of the JSON API and the token pages (see
tests/test_permission_matrix.py). The matrix logs in by session; tests/api/test_personas.py
asks the same of tokens.

API answers anonymous callers 401 (JSON), never the login page. Another agency's member gets
404 for everything of this agency. Lists of cases, needs and consultations are for the staff
who see them on the web (management, evaluation, advisors); a case is visible to its staff
(the advisor only in the own neighbourhood) and its founders, otherwise 404 as on the web."""

STAFF = ("manager", "advisor", "evaluator")
OTHERS = ("funder", "founder", "partner")
MEMBERS = (*STAFF, *OTHERS)
EVERY_MEMBER = {**dict.fromkeys(MEMBERS, 200), "outsider": 404, "anonymous": 401}
STAFF_ONLY = {**EVERY_MEMBER, **dict.fromkeys(OTHERS, 403)}
CASE = {**dict.fromkeys(MEMBERS, 404), **dict.fromkeys(STAFF, 200), "outsider": 404}
CASE["anonymous"] = 401
PUBLIC = dict.fromkeys((*MEMBERS, "outsider", "anonymous"), 200)
LOGGED_IN = {**dict.fromkeys((*MEMBERS, "outsider"), 200), "anonymous": "login"}


def agency_kwargs(request) -> dict:
    request.getfixturevalue("agency")
    return {"slug": "kiez"}


def neighbourhood_kwargs(request) -> dict:
    hoods = request.getfixturevalue("neighbourhoods")
    return {"slug": "kiez", "neighbourhood_id": hoods[0].pk}


def need_kwargs(request) -> dict:
    from tests.factories import NeedFactory

    agency, hoods = request.getfixturevalue("agency"), request.getfixturevalue("neighbourhoods")
    return {"slug": "kiez", "need_id": NeedFactory(agency=agency, neighbourhood=hoods[0]).pk}


def initiative_kwargs(request) -> dict:
    return {"slug": "kiez", "initiative_id": request.getfixturevalue("initiative").pk}


def consultation_kwargs(request) -> dict:
    from tests.factories import ConsultationFactory

    consultation = ConsultationFactory(initiative=request.getfixturevalue("initiative"))
    return {"slug": "kiez", "consultation_id": consultation.pk}


def token_kwargs(request) -> dict:
    from kiezwerk.api.models import ApiToken

    token, _text = ApiToken.issue(user=request.getfixturevalue("manager"), name="t", scope="read")
    return {"pk": token.pk}


ROWS = {
    "api:api-root": ({}, dict.fromkeys(PUBLIC, 302)),  # to the docs
    "api:openapi-json": ({}, PUBLIC),
    "api:openapi-view": ({}, PUBLIC),
    "api:list_agencies": ({}, {**PUBLIC, "outsider": 200, "anonymous": 401}),
    "api:get_agency": (agency_kwargs, EVERY_MEMBER),
    "api:list_neighbourhoods": (agency_kwargs, EVERY_MEMBER),
    "api:get_neighbourhood": (neighbourhood_kwargs, EVERY_MEMBER),
    "api:list_needs": (agency_kwargs, STAFF_ONLY),
    "api:get_need": (need_kwargs, STAFF_ONLY),
    "api:list_initiatives": (agency_kwargs, STAFF_ONLY),
    "api:get_initiative": (initiative_kwargs, CASE),
    "api:list_consultations": (agency_kwargs, STAFF_ONLY),
    "api:get_consultation": (consultation_kwargs, STAFF_ONLY),
    "api_tokens:list": ({}, LOGGED_IN),
    "api_tokens:create": ({}, {**LOGGED_IN, **dict.fromkeys((*MEMBERS, "outsider"), 400)}, "post"),
    "api_tokens:revoke": (
        token_kwargs,
        {**LOGGED_IN, **dict.fromkeys((*MEMBERS, "outsider"), 404), "manager": 302},
        "post",
    ),
}
