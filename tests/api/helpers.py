"""Helpers for API tests: a client that sends a personal token."""

from django.test import Client

from kiezwerk.api.enums import Scope
from kiezwerk.api.models import ApiToken


def token_for(user, scope: str = Scope.WRITE, **kwargs) -> str:
    _token, text = ApiToken.issue(user=user, name="test", scope=scope, **kwargs)
    return text


def token_client(user, scope: str = Scope.WRITE) -> Client:
    """A client without session that sends `Authorization: Bearer <token of user>`."""
    return Client(headers={"Authorization": f"Bearer {token_for(user, scope)}"})
