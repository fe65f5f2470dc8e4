"""Small helpers for htmx requests: render a named partial when htmx asks, else the page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page_or_partial(
    request: HttpRequest, template: str, context: dict, partial: str
) -> HttpResponse:
    """Serve `template#partial` to htmx requests and the whole page otherwise."""
    name = f"{template}#{partial}" if getattr(request, "htmx", False) else template
    return render(request, name, context)
