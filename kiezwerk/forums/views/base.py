"""Fetch-and-authorise for forum views, and turning a service's refusal into form errors."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.forums.models import Forum


def get_forum_for(request: HttpRequest, slug: str, pk: int, perm: str) -> Forum:
    """The forum if the user may see the agency's forums (else 404 for outsiders, 403 for
    members without the right) and holds `perm` on it (else 403)."""
    agency = get_agency_for(request, slug, "forums.list_forums")
    forum = get_object_or_404(
        Forum.objects.active().filter(agency=agency).select_related("neighbourhood"), pk=pk
    )
    forum.agency = agency
    if not request.user.has_perm(perm, forum):
        raise PermissionDenied
    return forum


def form_data(request: HttpRequest):
    """The submitted data on POST (also when empty, so that an empty form is refused), else
    None for an unbound form."""
    return request.POST if request.method == "POST" else None


def run_service(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Call a service; when it refuses the input, its reasons become errors of the form (tied
    to the field they name) and None is returned."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, error.messages)
        return None
