"""Glue between django-axes and allauth's e-mail login."""

from django.http import HttpRequest


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The login name axes locks on: allauth authenticates with `email`, posts `login`."""
    credentials = credentials or {}
    for key in ("email", "username", "login"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    posted = request.POST.get("login") if request is not None else None
    return posted.strip().lower() if posted else None
