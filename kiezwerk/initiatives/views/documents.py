"""Documents of an initiative: upload (case staff) and download (staff, or founders if shared)."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kiezwerk.core.activity import log_action
from kiezwerk.initiatives import documents
from kiezwerk.initiatives.forms.documents import DocumentForm
from kiezwerk.initiatives.views.base import get_initiative_for

logger = logging.getLogger(__name__)


@login_required
@require_http_methods(["GET", "POST"])
def upload_document(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = get_initiative_for(request, slug, pk, "initiatives.change_initiative")
    posted = request.method == "POST"
    form = DocumentForm(request.POST, request.FILES) if posted else DocumentForm()
    if posted and form.is_valid():
        documents.upload_document(initiative, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The document has been uploaded."))
        return redirect("initiatives:detail", slug=slug, pk=pk)
    status = 400 if form.errors else 200
    context = {"initiative": initiative, "form": form}
    return render(request, "initiatives/document_form.html", context, status=status)


@login_required
@require_GET
@never_cache
def download_document(request: HttpRequest, slug: str, pk: int, document: int) -> FileResponse:
    """The file as an attachment; documents the user may not see do not exist for them."""
    initiative = get_initiative_for(request, slug, pk, "initiatives.view_initiative")
    found = get_object_or_404(documents.documents_for(initiative, request.user), pk=document)
    try:
        content = found.file.open("rb")
    except FileNotFoundError:
        logger.error("File of document %s is missing from the storage", found.pk)
        raise Http404 from None
    log_action(
        request.user,
        "initiatives.document_downloaded",
        initiative,
        {"document": found.title, "id": found.pk},
    )
    response = FileResponse(
        content,
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
