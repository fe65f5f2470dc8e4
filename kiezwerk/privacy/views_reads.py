"""The manager's page of logged reads: who read which person record when (reads.py)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.privacy import reads
from kiezwerk.privacy.forms_reads import CursorForm, ReadsFilterForm

PAGE_SIZE = 50
FILTERS = ("reader", "kind", "since", "until")


@login_required
@require_GET
def read_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's reads, newest first, 50 at a time (keyset on the entry's id), filtered by
    reader, kind of record and days. Rows show the record as it was named when it was read
    and the kind's name: no record is fetched."""
    agency = get_agency_for(request, slug, "privacy.handle_requests")
    form = ReadsFilterForm(request.GET, agency=agency)
    valid = form.is_valid()
    filters = {name: form.cleaned_data[name] for name in FILTERS if name in form.cleaned_data}
    cursor = CursorForm(request.GET)
    before = cursor.cleaned_data["before"] if cursor.is_valid() else None
    found = reads.filter_reads(reads.reads_in(agency.pk), before=before, **filters)
    entries = list(found[: PAGE_SIZE + 1])
    older = entries[PAGE_SIZE - 1].pk if len(entries) > PAGE_SIZE else None
    kinds = reads.kind_names()
    context = {
        "agency": agency,
        "form": form,
        "rows": [(entry, kinds.get(entry.content_type_id, "")) for entry in entries[:PAGE_SIZE]],
        "older_url": _url(request, before=older) if older else None,
        "newest_url": _url(request, before=None) if before else None,
    }
    return render(request, "privacy/reads.html", context, status=200 if valid else 400)


def _url(request: HttpRequest, *, before: int | None) -> str:
    """This page with its filters and another cursor."""
    params = request.GET.copy()
    params.pop("before", None)
    if before is not None:
        params["before"] = str(before)
    return f"?{params.urlencode()}"
