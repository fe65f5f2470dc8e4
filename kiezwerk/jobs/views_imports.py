"""Importing positions from a file: the upload, the dry run, the import (management and
advisors, see jobs.imports), and the template to download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.exporters import FORMATS
from kiezwerk.core.tables import confirmed_import, import_context
from kiezwerk.jobs import imports
from kiezwerk.jobs.enums import ContractType, Instrument, Origin


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the upload. POST: the dry run of the file (or its problems, 400); with "apply"
    and the checksum of the file checked, the import."""
    agency = get_agency_for(request, slug, imports.PERMISSION)
    posted = request.method == "POST"
    data = (request.POST, request.FILES) if posted else (None, None)
    form = imports.PositionImportForm(*data, agency=agency, user=request.user)
    plan = confirmed_import(
        form,
        lambda file, file_name: imports.import_positions(
            agency, file, actor=request.user, file_name=file_name
        ),
    )
    if plan is not None:
        text = _("Positions imported: %(create)s new, %(change)s changed, %(unchanged)s unchanged.")
        messages.success(request, text % plan.counts)
        return redirect("jobs:figures", slug=agency.slug)
    context = {
        "agency": agency,
        **import_context(form, imports.COLUMNS, posted),
        "choices": [
            (_("Contract type"), ContractType.choices),
            (_("Subsidy instrument"), Instrument.choices),
            (_("Created or maintained"), Origin.choices),
        ],
    }
    status = 400 if form.errors else 200
    return render(request, "jobs/import.html", context, status=status)


@login_required
@require_GET
def import_template(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    agency = get_agency_for(request, slug, imports.PERMISSION)
    template = imports.template_file(agency, request.user)
    return template.response(fmt)
