"""Importing an enterprise's monthly figures from a CSV or XLSX file (a dry run first, then the
import of the same file), and the file's template: the figures saved for one year, to fill in
and upload again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.core.exporters import FORMATS
from kiezwerk.core.tables import confirmed_import, import_context
from kiezwerk.economy import imports
from kiezwerk.economy.imports import ImportForm, TemplateForm
from kiezwerk.economy.views.base import get_enterprise_for
from kiezwerk.initiatives.models import Initiative

PERM = "economy.enter_figures"


@login_required
@require_http_methods(["GET", "POST"])
def import_figures(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: the upload form with the template's columns explained. POST: the dry run of the
    file, or its problems (400; nothing is imported); with "apply" and the checksum of the
    file checked, the import."""
    enterprise = get_enterprise_for(request, slug, pk, PERM)
    posted = request.method == "POST"
    form = _import_form(request, enterprise, posted=posted)
    summary = confirmed_import(
        form,
        lambda file, file_name: imports.import_file(
            enterprise,
            file,
            actor=request.user,
            file_name=file_name,
            may_correct=form.may_correct,
        ),
    )
    if summary is not None:
        messages.success(request, _outcome(summary))
        return redirect("economy:enterprise", slug=slug, pk=pk)
    return _page(request, enterprise, form, TemplateForm(enterprise=enterprise), posted=posted)


@login_required
@require_GET
def import_template(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    """The template of one year (`?year=`) with the saved figures, as CSV or XLSX; a year
    outside 1990 to 2100 shows the import page with the error (400)."""
    if fmt not in FORMATS:
        raise Http404
    enterprise = get_enterprise_for(request, slug, pk, PERM)
    chosen = TemplateForm(request.GET, enterprise=enterprise)
    if not chosen.is_valid():
        return _page(request, enterprise, _import_form(request, enterprise), chosen, posted=False)
    year = chosen.cleaned_data["year"]
    exporter = imports.TemplateExporter(enterprise, year=year, numbers_as_text=fmt == "csv")
    return exporter.response(fmt)


def _import_form(request: HttpRequest, enterprise: Initiative, *, posted=False) -> ImportForm:
    """The upload form; its closed-month problems name whom to ask: the user may correct
    closed months (staff on the case), or must ask the advisor (the founder)."""
    data = (request.POST, request.FILES) if posted else (None, None)
    may_correct = request.user.has_perm("economy.close_months", enterprise)
    return ImportForm(*data, enterprise=enterprise, may_correct=may_correct)


def _page(
    request: HttpRequest,
    enterprise: Initiative,
    form: ImportForm,
    template_form: TemplateForm,
    *,
    posted: bool,
) -> HttpResponse:
    columns, lines = imports.template_columns(enterprise)
    context = {
        **import_context(form, columns, posted),
        "initiative": enterprise,
        "template_form": template_form,
        "may_correct": form.may_correct,
        "lines": lines,
        "empty": form.empty,
        "max_rows": formats.number_format(imports.MAX_ROWS, force_grouping=True),
    }
    status = 400 if form.errors or template_form.errors else 200
    return render(request, "economy/import_form.html", context, status=status)


def _outcome(summary: dict[str, int]) -> str:
    """What the import did: months imported and changed, or nothing; empty rows skipped."""
    count, changed, empty = summary["rows"], summary["changed"], summary["empty"]
    if changed:
        text = ngettext(
            "Figures of %(count)d month have been imported (%(changed)d changed).",
            "Figures of %(count)d months have been imported (%(changed)d changed).",
            count,
        ) % {"count": count, "changed": changed}
    else:
        text = _("Nothing has changed: the file holds no figures that differ from those saved.")
    if empty:
        skipped = ngettext(
            "%(count)d empty row was skipped.", "%(count)d empty rows were skipped.", empty
        )
        text = f"{text} {skipped % {'count': empty}}"
    return text
