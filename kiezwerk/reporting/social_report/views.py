"""Social reports after the Social Reporting Standard: the agency's list, the form for a new
one, the report page (live figures per section and the narrative), the page that edits the
narrative beside the figures, archiving, and the PDF and HTML downloads (German).

Management writes (reporting.change_social_reports), evaluation reads and downloads
(reporting.view_social_reports); other members get 403, other agencies' staff 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.activity import log_action
from kiezwerk.reporting.models import SocialReport
from kiezwerk.reporting.social_report import content, pdf, services
from kiezwerk.reporting.social_report.forms import (
    TEXTS_FORM_ID,
    SocialReportForm,
    TextsForm,
    new_report_initial,
)
from kiezwerk.reporting.social_report.rules import CHANGE, VIEW

TEMPLATES = "reporting/social_report/"


def get_report_for(request: HttpRequest, slug: str, pk: int, perm: str = VIEW) -> SocialReport:
    """A report of the agency (else 404), archived or not, if the user holds `perm`."""
    agency = get_agency_for(request, slug, perm)
    report = get_object_or_404(SocialReport.objects.of_agency(agency), pk=pk)
    report.agency = agency
    return report


def _report_page(report: SocialReport) -> HttpResponse:
    return redirect("social_report:report", slug=report.agency.slug, pk=report.pk)


@login_required
@require_GET
def social_reports(request: HttpRequest, slug: str) -> HttpResponse:
    """Newest first; archived reports only when asked for (`?archived=1`)."""
    agency = get_agency_for(request, slug, VIEW)
    show_archived = request.GET.get("archived") == "1"
    reports = SocialReport.objects.of_agency(agency)
    if not show_archived:
        reports = reports.active()
    context = {
        "agency": agency,
        "reports": list(reports),
        "show_archived": show_archived,
        "can_change": request.user.has_perm(CHANGE, agency),
    }
    return render(request, TEMPLATES + "list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def social_report_new(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for(request, slug, CHANGE)
    if request.method == "POST":
        form = SocialReportForm(request.POST)
    else:
        form = SocialReportForm(initial=new_report_initial())
    if form.is_bound and form.is_valid():
        report = services.create_report(agency, actor=request.user, **form.cleaned_data)
        report.agency = agency
        messages.success(request, _("The report has been created. Write its texts now."))
        return redirect("social_report:edit", slug=agency.slug, pk=report.pk)
    status = 400 if form.is_bound else 200
    return render(request, TEMPLATES + "form.html", {"agency": agency, "form": form}, status=status)


@login_required
@require_GET
@never_cache
def social_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    report = get_report_for(request, slug, pk)
    context = {
        "agency": report.agency,
        "report": report,
        "content": content.build(report),
        "can_change": request.user.has_perm(CHANGE, report.agency),
    }
    return render(request, TEMPLATES + "report.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def social_report_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Each section's figures with a textarea for its narrative; one save for all texts."""
    report = get_report_for(request, slug, pk, CHANGE)
    if report.is_archived:
        messages.error(request, _("This report is archived: its texts can no longer be changed."))
        return _report_page(report)
    theirs = None
    if request.method == "POST":
        form = TextsForm(request.POST)
        if form.is_valid():
            try:
                changed = services.save_texts(
                    report,
                    texts=form.texts(),
                    version=form.cleaned_data["version"],
                    actor=request.user,
                )
            except services.StaleReport as error:
                form, theirs = _stale_form(request, report, str(error))
            else:
                _saved_message(request, changed)
                return _report_page(report)
    else:
        form = TextsForm(initial={**report.texts, "version": report.version})
    built = content.build(report)
    theirs = theirs or {}
    context = {
        "agency": report.agency,
        "report": report,
        "content": built,
        "form": form,
        "form_id": TEXTS_FORM_ID,
        "sections": [(item, form[item.key], theirs.get(item.key)) for item in built.sections],
    }
    status = 400 if form.is_bound else 200
    return render(request, TEMPLATES + "edit.html", context, status=status)


def _stale_form(request: HttpRequest, report: SocialReport, message: str):
    """The user's texts again, at the current version (saving again is a decision), and the
    texts saved in the meantime where they differ from the user's."""
    report.refresh_from_db(fields=["texts", "version"])
    data = request.POST.copy()
    data["version"] = str(report.version)
    form = TextsForm(data)
    form.is_valid()  # it was valid with the old version
    form.add_error(None, message)
    mine = form.texts()
    theirs = {
        key: text for key, text in (report.texts or {}).items() if text != mine.get(key, "").strip()
    }
    return form, theirs


def _saved_message(request: HttpRequest, changed: list[str]) -> None:
    if changed:
        messages.success(request, _("The texts have been saved."))
    else:
        messages.info(request, _("Nothing was changed."))


@login_required
@require_POST
def social_report_archive(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    report = get_report_for(request, slug, pk, CHANGE)
    services.archive_report(report, actor=request.user)
    messages.success(request, _("The report has been archived."))
    return redirect("social_report:list", slug=report.agency.slug)


@login_required
@require_GET
@never_cache
def social_report_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The report as a tagged PDF in German."""
    report = get_report_for(request, slug, pk)
    with translation.override("de"):
        data = pdf.pdf_bytes(content.build(report))
    return _download(request, report, data, "pdf", "application/pdf")


@login_required
@require_GET
@never_cache
def social_report_html(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The report as one HTML file in German, to edit further in a word processor."""
    report = get_report_for(request, slug, pk)
    with translation.override("de"):
        data = pdf.render_html(content.build(report)).encode()
    return _download(request, report, data, "html", "text/html; charset=utf-8")


def _download(
    request: HttpRequest, report: SocialReport, data: bytes, ending: str, content_type: str
) -> HttpResponse:
    log_action(request.user, "reporting.social_report_downloaded", report, {"format": ending})
    response = HttpResponse(data, content_type=content_type)
    disposition = content_disposition_header(True, pdf.file_name(report, ending))
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    return response
