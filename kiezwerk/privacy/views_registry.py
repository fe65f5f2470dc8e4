"""The record of processing activities (Art. 30 GDPR) as a page and as a tagged PDF in German.

Read by the agency's management and evaluation and by superusers (privacy.view_registry);
other members get 403, other agencies' staff 404. The record holds no personal data, so
reading it is not logged."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.privacy import processing as art30

VIEW = "privacy.view_registry"


@login_required
@require_GET
def processing(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, VIEW)
    context = {"agency": agency, "record": art30.build(agency)}
    return render(request, "privacy/processing.html", context)


@login_required
@require_GET
@never_cache
def processing_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, VIEW)
    with translation.override("de"):
        record = art30.build(agency)
        data = art30.pdf_bytes(record)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, art30.file_name(record))
    response["X-Content-Type-Options"] = "nosniff"
    return response
