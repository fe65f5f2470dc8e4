"""Every view of ours, every persona: who gets what (STYLE.md 23, 24).

A view added without a row here fails `test_matrix_covers_every_view`.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.conftest import PERSONAS, client_for

OUR_NAMESPACES = {
    "portal",
    "backoffice",
    "agencies",
    "initiatives",
    "needs",
    "network",
    "forums",
    "economy",
    "jobs",
    "funding",
    "reporting",
    "evaluation",
    "evaluation_export",
    "social_report",
    "network_overview",
    "appointments",
    "portal_admin",
    "privacy_registry",
    "consents",
    "privacy_reads",
    "privacy_requests",
    "erasure",
}

ALL = [*PERSONAS, "anonymous"]
MEMBERS = ["manager", "advisor", "evaluator", "funder", "founder", "partner"]
LOGIN = "login"  # a redirect to the login page

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
            "manager": 200,
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


def _our_url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace else (entry.namespace or "")
            names |= _our_url_names(entry, inner.strip(":"))
        elif isinstance(entry, URLPattern) and entry.name and namespace in OUR_NAMESPACES:
            names.add(f"{namespace}:{entry.name}")
    return names


def test_matrix_covers_every_view():
    assert _our_url_names() == set(MATRIX)


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
