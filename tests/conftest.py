"""Personas shared by every test (STYLE.md 24).

`agency` has two neighbourhoods; the advisor works in the first only. The outsider is an
advisor of `other_agency`. `anonymous` is a client that is not logged in.
"""

import pytest
from django.test import Client, override_settings

from kiezwerk.accounts.enums import Role
from tests.factories import AgencyFactory, NeighbourhoodFactory, member

PERSONAS = ["manager", "advisor", "evaluator", "funder", "founder", "partner", "outsider"]


@pytest.fixture(autouse=True, scope="session")
def _plain_static_storage():
    """No collectstatic in tests (plain static storage), a fast hasher for test users, and
    background tasks run at once in the process that enqueues them (no db_worker)."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    fast_hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    tasks = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(STORAGES=storages, PASSWORD_HASHERS=fast_hashers, TASKS=tasks):
        yield


@pytest.fixture(autouse=True)
def _fresh_caches():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Entwicklungsagentur Kiez", short_name="Kiez", slug="kiez")


@pytest.fixture
def neighbourhoods(agency):
    return [
        NeighbourhoodFactory(agency=agency, name="Boxhagener Platz", slug="boxhagener-platz"),
        NeighbourhoodFactory(agency=agency, name="Helmholtzplatz", slug="helmholtzplatz"),
    ]


@pytest.fixture
def other_agency(db):
    return AgencyFactory(name="Andere Agentur", short_name="Andere", slug="andere")


@pytest.fixture
def manager(agency, neighbourhoods):
    return member(agency, Role.MANAGER, name="Karin Albers", email="leitung@kiez.test")


@pytest.fixture
def advisor(agency, neighbourhoods):
    return member(
        agency,
        Role.ADVISOR,
        neighbourhoods=neighbourhoods[:1],
        name="Ayşe Demir",
        email="beratung@kiez.test",
    )


@pytest.fixture
def evaluator(agency):
    return member(agency, Role.EVALUATOR, name="Petra Hoffmann", email="evaluation@kiez.test")


@pytest.fixture
def funder(agency):
    return member(agency, Role.FUNDER, name="Michael Brandt", email="foerderung@kiez.test")


@pytest.fixture
def founder(agency):
    return member(agency, Role.FOUNDER, name="Lena Schubert", email="gruenderin@kiez.test")


@pytest.fixture
def partner(agency):
    return member(agency, Role.PARTNER, name="Stefan Yilmaz", email="partner@kiez.test")


@pytest.fixture
def outsider(other_agency):
    NeighbourhoodFactory(agency=other_agency, name="Falkplatz", slug="falkplatz")
    return member(other_agency, Role.ADVISOR, name="Felix Wagner", email="beratung@andere.test")


@pytest.fixture
def persona(request):
    """Indirect fixture: `@pytest.mark.parametrize("persona", ["manager"], indirect=True)`."""
    return request.getfixturevalue(request.param)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def count_queries(action) -> int:
    """How many database queries `action()` runs (for constant-query guards)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def initiative(agency, neighbourhoods):
    """An initiative in the advisor's neighbourhood, with the founder as its contact."""
    from tests.factories import InitiativeFactory

    return InitiativeFactory(
        agency=agency, neighbourhood=neighbourhoods[0], name="Nachbarschaftscafé Boxhagen"
    )


@pytest.fixture
def founder_contact(initiative, founder):
    from tests.factories import ContactPersonFactory

    return ContactPersonFactory(initiative=initiative, user=founder, name=founder.name)


@pytest.fixture
def other_founder(agency, neighbourhoods):
    """A founder in the same agency whose initiative is another one."""
    from tests.factories import ContactPersonFactory, InitiativeFactory

    user = member(agency, Role.FOUNDER, name="Olga Andere", email="andere.gruenderin@kiez.test")
    other = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], name="Reparaturcafé")
    ContactPersonFactory(initiative=other, user=user, name=user.name)
    return user


def reauthenticate(client, user) -> None:
    """Mark the client's session as having confirmed the password just now (what
    `/accounts/reauthenticate/` records), for views behind `recent_login_required`."""
    import time

    session = client.session
    session["account_authentication_methods_user"] = str(user.pk)
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True, "email": user.email}
    ]
    session.save()


@pytest.fixture
def superuser(db):
    """The operator of the installation: staff and superuser, member of no agency."""
    from tests.factories import UserFactory

    return UserFactory(
        is_staff=True, is_superuser=True, name="Olaf Betrieb", email="betrieb@kiezwerk.test"
    )
