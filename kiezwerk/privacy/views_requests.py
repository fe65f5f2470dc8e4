"""The register of data protection requests: the list (open ones first by due date), a new
request, a request's page (the records found for the person, to confirm), closing it, and the
access export of the confirmed records as JSON and PDF.

Management and superusers only (privacy.handle_requests); other members get 403, other
agencies' staff 404. The exports ask for the password again (`recent_login_required`) after
the permission check, so that nobody else is asked for a password first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kiezwerk.accounts.reauth import recent_login_required
from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.activity import log_action
from kiezwerk.privacy import access, access_pdf, services_requests, subjects
from kiezwerk.privacy.forms_requests import CloseForm, RecordsForm, RequestForm, SearchForm
from kiezwerk.privacy.models import DataSubjectRequest

PERM = "privacy.handle_requests"
PAGE_SIZE = 25
TEMPLATES = "privacy/"


def get_request_for(request: HttpRequest, slug: str, pk: int) -> DataSubjectRequest:
    agency = get_agency_for(request, slug, PERM)
    found = get_object_or_404(DataSubjectRequest.objects.for_agency(agency), pk=pk)
    found.agency = agency
    return found


def _detail_page(found: DataSubjectRequest) -> HttpResponse:
    return redirect("privacy_requests:detail", slug=found.agency.slug, pk=found.pk)


@login_required
@require_GET
def request_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Open requests by due date (overdue ones said so), then the closed ones, newest first."""
    agency = get_agency_for(request, slug, PERM)
    requests = DataSubjectRequest.objects.for_agency(agency)
    closed = requests.exclude(status=DataSubjectRequest.Status.OPEN).order_by("-closed_at", "-pk")
    context = {
        "agency": agency,
        "open": list(requests.open().order_by("due_on", "pk")),
        "closed": Paginator(closed, PAGE_SIZE).get_page(request.GET.get("page")),
        "today": timezone.localdate(),
    }
    return render(request, TEMPLATES + "requests.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, PERM)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = services_requests.register_request(agency, actor=request.user, **form.cleaned_data)
        found.agency = agency
        messages.success(request, _("The request has been registered."))
        return _detail_page(found)
    status = 400 if form.errors else 200
    return render(
        request, TEMPLATES + "requests_new.html", {"agency": agency, "form": form}, status=status
    )


@login_required
@require_GET
@never_cache
def request_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = get_request_for(request, slug, pk)
    search = SearchForm(request.GET or None, instance=found)
    return _render_detail(request, found, search)


@login_required
@require_POST
def request_records(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Save which of the records found (for the searched name and e-mail, and those confirmed
    before) are the person's."""
    found = get_request_for(request, slug, pk)
    search = SearchForm(request.POST, instance=found)
    form = RecordsForm(request.POST, matches=_matches(found, search))
    if not form.is_valid():
        return _render_detail(request, found, search, records_form=form, status=400)
    services_requests.confirm_records(found, refs=form.cleaned_data["records"], actor=request.user)
    messages.success(request, _("The records of the person have been saved."))
    return _detail_page(found)


@login_required
@require_POST
def request_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = get_request_for(request, slug, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        search = SearchForm(None, instance=found)
        return _render_detail(request, found, search, close_form=form, status=400)
    if services_requests.close_request(found, actor=request.user, **form.cleaned_data):
        messages.success(request, _("The request has been closed."))
    else:
        messages.info(request, _("This request had already been closed."))
    return _detail_page(found)


def _matches(found: DataSubjectRequest, search: SearchForm) -> list[subjects.Match]:
    """The records found for the search, and those confirmed before that it does not find."""
    name, email = search.terms()
    matches = subjects.find(found.agency, name=name, email=email)
    seen = {match.ref for match in matches}
    confirmed = subjects.load(found.agency, found.records)
    return matches + [
        subjects.describe(record, found.agency)
        for record in confirmed
        if subjects.ref_of(record) not in seen
    ]


def _render_detail(request, found, search, *, records_form=None, close_form=None, status=200):
    matches = _matches(found, search)
    if records_form is None:
        records_form = RecordsForm(initial={"records": found.records}, matches=matches)
    context = {
        "agency": found.agency,
        "dsr": found,
        "search": search,
        "matches": matches,
        "records_form": records_form,
        "checked": set(records_form["records"].value() or []),
        "close_form": close_form or CloseForm(),
        "erasure_url": _erasure_url(found),
    }
    return render(request, TEMPLATES + "requests_detail.html", context, status=status)


def _erasure_url(found: DataSubjectRequest) -> str | None:
    """The erasure preview (privacy.views_erasure), when that page exists."""
    try:
        return reverse("erasure:preview", kwargs={"slug": found.agency.slug, "pk": found.pk})
    except NoReverseMatch:
        return None


# ------------------------------------------------------------------------------------------
# The access export


@login_required
@require_GET
@never_cache
def export_json(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _export_json(request, get_request_for(request, slug, pk))


@login_required
@require_GET
@never_cache
def export_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _export_pdf(request, get_request_for(request, slug, pk))


@recent_login_required
def _export_json(request: HttpRequest, found: DataSubjectRequest) -> HttpResponse:
    with translation.override("de"):
        data = access.as_json(_content(found)).encode()
    return _download(request, found, data, "json", "application/json")


@recent_login_required
def _export_pdf(request: HttpRequest, found: DataSubjectRequest) -> HttpResponse:
    with translation.override("de"):
        data = access_pdf.pdf_bytes(_content(found))
    return _download(request, found, data, "pdf", "application/pdf")


def _content(found: DataSubjectRequest) -> dict:
    records = subjects.load(found.agency, found.records)
    return access.build(found.agency, records, request=found)


def _download(
    request: HttpRequest, found: DataSubjectRequest, data: bytes, ending: str, content_type: str
) -> HttpResponse:
    log_action(
        request.user,
        "privacy.access_exported",
        found,
        {"format": ending, "records": len(found.records)},
    )
    response = HttpResponse(data, content_type=content_type)
    name = f"auskunft-{found.received_on:%Y-%m-%d}-{found.pk}.{ending}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
