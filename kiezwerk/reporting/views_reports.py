"""Funder reports of a grant: the list, the request form, the report page with its progress,
regenerating, and the downloads. Who reads the grant (funding.view_grant) reads its reports,
funders only the finished ones; management (funding.change_grant) requests them."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kiezwerk.core.activity import log_action
from kiezwerk.core.htmx import render_page_or_partial
from kiezwerk.funding.models import Grant
from kiezwerk.funding.views import CHANGE, VIEW, get_grant_for
from kiezwerk.reporting import services
from kiezwerk.reporting.enums import ReportFormat
from kiezwerk.reporting.forms import WHOLE, FunderReportForm, commentary_initial, period_key
from kiezwerk.reporting.funder_report import COMMENTARY_FIELDS
from kiezwerk.reporting.models import FunderReport

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: settings.UPLOAD_TYPES[".xlsx"],
    ReportFormat.CSV: "text/csv; charset=utf-8",
}
UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def get_report_for(
    request: HttpRequest, slug: str, pk: int, report: int, perm: str = VIEW
) -> FunderReport:
    """A report of the grant the user may see (else 404), with the grant and its agency;
    `perm` on the grant as `get_grant_for` checks it (else 403)."""
    grant = get_grant_for(request, slug, pk, perm)
    readable = FunderReport.objects.for_reader(request.user, grant)
    readable |= FunderReport.objects.archived_for(request.user, grant)
    found = get_object_or_404(readable.select_related("requested_by"), pk=report)
    found.grant = grant
    return found


def _report_page(report: FunderReport) -> HttpResponse:
    kwargs = {"slug": report.grant.agency.slug, "pk": report.grant_id, "report": report.pk}
    return redirect("reporting:funder_report", **kwargs)


@login_required
@require_GET
def funder_reports(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    grant = get_grant_for(request, slug, pk)
    reports = FunderReport.objects.for_reader(request.user, grant).select_related("requested_by")
    context = {
        "agency": grant.agency,
        "grant": grant,
        "reports": list(reports),
        "archived": list(
            FunderReport.objects.archived_for(request.user, grant).select_related("requested_by")
        ),
        "can_request": request.user.has_perm(CHANGE, grant),
        "staff": request.user.has_perm("reporting.view_unfinished_reports", grant),
    }
    return render(request, "reporting/funder_report_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def funder_report_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The period and the commentary, prefilled from the period's latest report."""
    grant = get_grant_for(request, slug, pk, CHANGE)
    if request.method == "POST":
        form = FunderReportForm(request.POST, grant=grant)
    else:
        form = FunderReportForm(initial=_initial(grant, request.GET.get("period")), grant=grant)
    if form.is_bound and form.is_valid():
        start, end = form.span()
        try:
            report = services.request_report(
                grant, start=start, end=end, commentary=form.commentary(), actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The report has been requested. It is being generated."))
            return _report_page(report)
    context = {"agency": grant.agency, "grant": grant, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "reporting/funder_report_form.html", context, status=status)


def _initial(grant: Grant, key: str | None) -> dict:
    form = FunderReportForm(grant=grant)
    key = key if key in form.periods else WHOLE
    start, end = form.periods[key]
    return {"period": key, **commentary_initial(services.latest_commentary(grant, start, end))}


@login_required
@require_GET
@never_cache
def funder_report(request: HttpRequest, slug: str, pk: int, report: int) -> HttpResponse:
    """The report's status and progress (htmx asks for the status part every 2 s while it is
    being generated), its files when done, and regenerating for management."""
    found = get_report_for(request, slug, pk, report)
    grant = found.grant
    context = {
        "agency": grant.agency,
        "grant": grant,
        "report": found,
        "can_request": request.user.has_perm(CHANGE, grant),
        "period": period_key(grant, found.start, found.end),
        "commentary": _commentary(found),
    }
    return render_page_or_partial(request, "reporting/funder_report_detail.html", context, "status")


def _commentary(report: FunderReport) -> list[tuple[str, str]]:
    """(label, text) of each commentary field the report fills, in the form's order."""
    texts = report.commentary
    return [(label, texts[key]) for key, label in COMMENTARY_FIELDS if texts.get(key)]


@login_required
@require_POST
def funder_report_regenerate(request: HttpRequest, slug: str, pk: int, report: int) -> HttpResponse:
    """A new version with the same period and commentary; the old one stays."""
    found = get_report_for(request, slug, pk, report, CHANGE)
    if found.is_unfinished:
        messages.error(request, _("The report is still being generated."))
        return _report_page(found)
    new = services.regenerate_report(found, actor=request.user)
    messages.success(request, _("A new version of the report has been requested."))
    return _report_page(new)


@login_required
@require_POST
def funder_report_archive(request: HttpRequest, slug: str, pk: int, report: int) -> HttpResponse:
    """Out of the list, files kept: management and evaluation still open it, funders not."""
    found = get_report_for(request, slug, pk, report, CHANGE)
    try:
        services.archive_report(found, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _report_page(found)
    messages.success(request, _("The report version has been archived."))
    return redirect("reporting:funder_reports", slug=slug, pk=pk)


@login_required
@require_POST
def funder_report_restore(request: HttpRequest, slug: str, pk: int, report: int) -> HttpResponse:
    found = get_report_for(request, slug, pk, report, CHANGE)
    services.restore_report(found, actor=request.user)
    messages.success(request, _("The report version is back in the list."))
    return _report_page(found)


@login_required
@require_GET
@never_cache
def funder_report_download(
    request: HttpRequest, slug: str, pk: int, report: int, fmt: str
) -> FileResponse:
    """One file of a done report as an attachment with a German name."""
    found = get_report_for(request, slug, pk, report)
    if fmt not in ReportFormat.values or not found.is_done or not found.file_of(fmt):
        raise Http404
    try:
        content = found.file_of(fmt).open("rb")
    except FileNotFoundError:
        logger.error("The %s file of funder report %s is missing from the storage", fmt, found.pk)
        raise Http404 from None
    data = {"report": found.pk, "version": found.version, "format": fmt}
    log_action(request.user, "reporting.funder_report_downloaded", found.grant, data)
    response = FileResponse(
        content, as_attachment=True, filename=file_name(found, fmt), content_type=CONTENT_TYPES[fmt]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_name(report: FunderReport, fmt: str) -> str:
    """foerderbericht-<grant>-<start>-<end>-v<version>.<fmt>, German whatever the language."""
    with translation.override("de"):
        stem = slugify(_("funder-report").translate(UMLAUTS))
    title = slugify(report.grant.title.translate(UMLAUTS))
    return f"{stem}-{title}-{report.start:%Y-%m-%d}-{report.end:%Y-%m-%d}-v{report.version}.{fmt}"
