"""Importing a grant's monthly spending from a CSV or XLSX file (management only, as the
spending form), and the file's template: the spending saved, to fill in and upload again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.core.exporters import FORMATS
from kiezwerk.funding import spending_import as imports
from kiezwerk.funding.enums import CostCategory
from kiezwerk.funding.models import Grant
from kiezwerk.funding.views import CHANGE, get_grant_for


@login_required
@require_http_methods(["GET", "POST"])
def spending_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The upload form with the columns explained. A file with any problem is shown back
    with its problems (400) and nothing is imported."""
    grant = get_grant_for(request, slug, pk, CHANGE)
    posted = request.method == "POST"
    data = (request.POST, request.FILES) if posted else (None, None)
    form = imports.SpendingImportForm(*data, grant=grant)
    if posted and form.is_valid() and _imported(request, grant, form):
        url = reverse("funding:grant", kwargs={"slug": grant.agency.slug, "pk": grant.pk})
        return redirect(f"{url}#budget-title")
    context = {
        "agency": grant.agency,
        "grant": grant,
        "form": form,
        "columns": imports.columns_explained(),
        "categories": CostCategory.choices,
        "problems": form.problems[: imports.SHOWN_PROBLEMS],
        "more_problems": max(len(form.problems) - imports.SHOWN_PROBLEMS, 0),
        "max_bytes": imports.MAX_BYTES,
        "max_rows": formats.number_format(imports.MAX_ROWS, force_grouping=True),
    }
    status = 400 if form.errors else 200
    return render(request, "funding/spending_import.html", context, status=status)


@login_required
@require_GET
def spending_template(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    """The grant's saved spending as a CSV or XLSX file in the import's columns."""
    if fmt not in FORMATS:
        raise Http404
    grant = get_grant_for(request, slug, pk, CHANGE)
    exporter = imports.SpendingTemplate(grant, numbers_as_text=fmt == "csv")
    return exporter.response(fmt)


def _imported(request: HttpRequest, grant: Grant, form: imports.SpendingImportForm) -> bool:
    try:
        outcome = imports.import_spending(
            grant, form.rows, actor=request.user, file_name=form.file_name
        )
    except ValidationError as error:
        form.add_error("file", error.messages)
        return False
    if outcome.created or outcome.changed:
        text = _(
            "Spending imported: %(created)s months added, %(changed)s changed, "
            "%(unchanged)s unchanged."
        )
        messages.success(request, text % vars(outcome))
    else:
        messages.info(
            request, _("Nothing has changed: the file holds only spending already saved.")
        )
    return True
