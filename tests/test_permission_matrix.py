"""Every view of the project, every persona: who gets what (STYLE.md 23, 24).

Every URL pattern, ours or a library's, named or not, needs a row: ours in MATRIX (and the
`tests/<app>/matrix_*.py` files), the admin's, allauth's and Django's in `tests/matrix_project.py`.
A view added without one fails `test_matrix_covers_every_view`.
"""

import importlib
import pkgutil
from collections import Counter

import pytest
from django.urls import URLResolver, get_resolver, reverse

import tests
from tests import matrix_project
from tests.conftest import PERSONAS, client_for

ALL = [*PERSONAS, "anonymous"]
MEMBERS = ["manager", "advisor", "evaluator", "funder", "founder", "partner"]
LOGIN = matrix_project.LOGIN  # a redirect to the login page
ADMIN_LOGIN = matrix_project.ADMIN_LOGIN  # a redirect to the admin's login page

# url name -> (kwargs, {persona: expected status or LOGIN})
MATRIX = {
    "portal:start": ({}, dict.fromkeys(ALL, 200)),
    "backoffice:home": ({}, {**dict.fromkeys(PERSONAS, 302), "anonymous": LOGIN}),
    "backoffice:agency": (
        {"slug": "kiez"},
        {**dict.fromkeys(MEMBERS, 200), "outsider": 404, "anonymous": LOGIN},
    ),
    "agencies:activity": (
        {"slug": "kiez"},
        {**dict.fromkeys(MEMBERS, 403), "manager": 200, "outsider": 404, "anonymous": LOGIN},
    ),
    "agencies:team_export": (
        {"slug": "kiez", "fmt": "csv"},
        {
            **dict.fromkeys(MEMBERS, 403),
            "manager": 302,  # to /accounts/reauthenticate/ (tests/agencies/test_team_export.py)
            "outsider": 404,
            "anonymous": LOGIN,
        },
    ),
}


def _matrix_modules():
    """Rows kept beside each app's tests: every tests/<app>/matrix_*.py defines ROWS (and may
    define FORM_VIEWS)."""
    for package in pkgutil.iter_modules(tests.__path__):
        if not package.ispkg:
            continue
        folder = importlib.import_module(f"tests.{package.name}")
        for module in pkgutil.iter_modules(folder.__path__):
            if module.name.startswith("matrix_"):
                yield importlib.import_module(f"tests.{package.name}.{module.name}")


MATRIX |= {name: row for module in _matrix_modules() for name, row in module.ROWS.items()}

# Views that show a form on GET and take it on POST: their wrong method is DELETE.
FORM_VIEWS = {
    *(name for module in _matrix_modules() for name in getattr(module, "FORM_VIEWS", ())),
    "initiatives:create",
    "initiatives:edit",
    "initiatives:add_consultation",
    "initiatives:add_contact",
    "initiatives:upload_document",
    "initiatives:assess_criteria",
    "initiatives:record_emes",
}
CASES = [
    (name, persona, expected)
    for name, (_kwargs, expectations, *_method) in MATRIX.items()
    for persona, expected in expectations.items()
]


def _kwargs(request, name: str) -> dict:
    kwargs = MATRIX[name][0]
    return kwargs(request) if callable(kwargs) else kwargs


def _method(name: str) -> str:
    return MATRIX[name][2] if len(MATRIX[name]) > 2 else "get"


def _url_patterns(resolver: URLResolver | None = None, namespace: str = "", prefix: str = ""):
    """(pattern, keyword arguments) of every URL pattern of the project; a pattern is
    "namespace:name", or its full route when it has no name."""
    for entry in (resolver or get_resolver()).url_patterns:
        route, kwargs = prefix + str(entry.pattern), set(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            for pattern, inner_kwargs in _url_patterns(entry, inner, route):
                yield pattern, kwargs | inner_kwargs
        elif entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), kwargs
        else:
            yield route, kwargs


def test_matrix_covers_every_view():
    patterns = Counter(pattern for pattern, _kwargs in _url_patterns())

    assert [pattern for pattern, times in patterns.items() if times > 1] == []  # hides a view
    assert set(patterns) == set(MATRIX) | set(matrix_project.ROWS)
    assert set(MATRIX).isdisjoint(matrix_project.ROWS)


@pytest.mark.parametrize(("name", "persona", "expected"), CASES)
def test_view_answers_persona_as_the_matrix_says(request, agency, name, persona, expected):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    url = reverse(name, kwargs=_kwargs(request, name))

    response = getattr(client_for(user), _method(name))(url)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


def _answer(response) -> int | str:
    """The status, or LOGIN / ADMIN_LOGIN for a redirect to one of the login pages."""
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("account_login")):
        return LOGIN
    if response.status_code == 302 and location.startswith(reverse("admin:login")):
        return ADMIN_LOGIN
    return response.status_code


@pytest.mark.parametrize("pattern", sorted(matrix_project.ROWS))
def test_library_view_answers_every_persona_as_the_matrix_says(request, agency, pattern):
    url, expectations = matrix_project.ROWS[pattern]
    path = url(request)

    answers = {
        persona: _answer(client_for(_user(request, persona)).get(path)) for persona in expectations
    }

    assert answers == expectations


def _user(request, persona: str):
    return None if persona == "anonymous" else request.getfixturevalue(persona)


# Public pages of an agency: the outsider sees them as every visitor does, no more.
PUBLIC_AGENCY_PAGES = {
    "portal:agency",  # the agency's page
    "portal:page",  # its imprint, privacy notice and other editable pages
    "portal:accessibility_feedback",  # the accessibility feedback form (BITV)
    "portal:appointment",  # the request for a consultation and its confirmation
    "portal:appointment_sent",
    "portal:calendar",  # the public calendar of forums and one event of it
    "portal:calendar_event",
    "portal:needs",  # the needs board, one published need, its reporting and supporting forms
    "portal:need",
    "portal:report_need",
    "portal:support_need",
    "forums:agency_feed",  # the calendar feeds (ICS) of the agency and a neighbourhood
    "forums:neighbourhood_feed",
    "portal:opendata:agency_enterprises_jsonld",  # open data: the directory and the figures
    "portal:opendata:agency_enterprises_csv",
    "portal:opendata:figures_json",
    "portal:opendata:figures_csv",
}
AGENCY_ROWS = sorted(
    pattern for pattern, kwargs in _url_patterns() if "slug" in kwargs and pattern in MATRIX
)


@pytest.mark.parametrize("name", AGENCY_ROWS)
def test_outsider_never_sees_anything_of_another_agency(request, agency, outsider, name):
    kwargs = _kwargs(request, name)
    url = reverse(name, kwargs=kwargs)
    as_visitor = _answer(getattr(client_for(None), _method(name))(url))

    answer = _answer(getattr(client_for(outsider), _method(name))(url))

    assert kwargs["slug"] == "kiez"
    if name in PUBLIC_AGENCY_PAGES:  # what every visitor gets
        assert answer == as_visitor
    else:
        assert (answer, as_visitor) == (404, 401 if name.startswith("api:") else LOGIN)


def test_public_agency_pages_are_pages_of_an_agency():
    assert PUBLIC_AGENCY_PAGES - set(AGENCY_ROWS) == set()


@pytest.mark.parametrize("name", [n for n in MATRIX if n != "portal:start"])
def test_view_refuses_wrong_method(request, manager, name):
    url = reverse(name, kwargs=_kwargs(request, name))
    wrong = "post" if _method(name) == "get" and name not in FORM_VIEWS else "delete"

    response = getattr(client_for(manager), wrong)(url)

    assert response.status_code == 405


def test_start_page_refuses_wrong_method(anonymous, db):
    assert anonymous.post(reverse("portal:start")).status_code == 405


def test_unknown_agency_is_404_for_everyone(manager):
    response = client_for(manager).get(reverse("backoffice:agency", kwargs={"slug": "nirgends"}))

    assert response.status_code == 404


def test_archived_agency_is_404_even_for_its_manager(agency, manager):
    from django.utils import timezone

    agency.archived_at = timezone.now()
    agency.save()

    response = client_for(manager).get(reverse("backoffice:agency", kwargs={"slug": "kiez"}))

    assert response.status_code == 404


def test_archived_membership_loses_access(agency, manager):
    from django.utils import timezone

    manager.memberships.update(archived_at=timezone.now())

    response = client_for(manager).get(reverse("backoffice:agency", kwargs={"slug": "kiez"}))

    assert response.status_code == 404
