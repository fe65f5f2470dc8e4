"""Helpers for API tests: a client that sends a personal token."""

from django.test import Client

from kiezwerk.api.enums import Scope
from kiezwerk.api.models import ApiToken

# Who reads an enterprise's case data (figures, positions) through the API, as on its pages:
# staff of the agency and the enterprise's own founder; everyone else is 404.
CASE_READERS = [
    ("manager", 200),
    ("advisor", 200),
    ("evaluator", 200),
    ("founder", 200),
    ("funder", 404),
    ("partner", 404),
    ("outsider", 404),
    ("other_founder", 404),
]


def token_for(user, scope: str = Scope.WRITE, **kwargs) -> str:
    _token, text = ApiToken.issue(user=user, name="test", scope=scope, **kwargs)
    return text


def token_client(user, scope: str = Scope.WRITE) -> Client:
    """A client without session that sends `Authorization: Bearer <token of user>`."""
    return Client(headers={"Authorization": f"Bearer {token_for(user, scope)}"})
