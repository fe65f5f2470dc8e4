"""The export page: what the ZIP holds and leaves out, the years to choose, the download."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kiezwerk.accounts.reauth import recent_login_required
from kiezwerk.agencies.models import Agency
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.activity import log_action
from kiezwerk.reporting.pseudonymised import archive
from kiezwerk.reporting.pseudonymised.forms import ExportForm
from kiezwerk.reporting.pseudonymised.rules import EXPORT
from kiezwerk.reporting.pseudonymised.span import Span
from kiezwerk.reporting.pseudonymised.tables import TABLES

VERB = "reporting.evaluation_exported"


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def export(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the page with the form. POST: the ZIP as a download, logged with its years, once
    the password was confirmed (the form is sent again after confirming it)."""
    agency = get_agency_for(request, slug, EXPORT)
    form = ExportForm(request.POST) if request.method == "POST" else ExportForm()
    if form.is_bound and form.is_valid():
        return _download(request, agency, form.span())
    context = {"agency": agency, "form": form, "tables": TABLES}
    status = 400 if form.is_bound else 200
    return render(request, "reporting/pseudonymised/export.html", context, status=status)


@recent_login_required
def _download(request: HttpRequest, agency: Agency, span: Span) -> FileResponse:
    handle = archive.write_archive(agency, span)
    log_action(request.user, VERB, agency, {"first": span.first, "last": span.last})
    return FileResponse(
        handle,
        as_attachment=True,
        filename=archive.filename(agency, span),
        content_type="application/zip",
    )
