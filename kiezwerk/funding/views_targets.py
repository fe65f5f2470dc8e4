"""A grant's targets: management sets them per indicator and year; the grant page shows them
against the actual values (funding.attainment)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from kiezwerk.funding.targets import TargetsForm, save_targets
from kiezwerk.funding.views import get_grant_for


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    grant = get_grant_for(request, slug, pk, "funding.change_grant")
    data = request.POST if request.method == "POST" else None
    form = TargetsForm(data, grant=grant)
    if form.is_valid():
        changed = save_targets(grant, form.values(), actor=request.user)
        if changed:
            text = ngettext(
                "%(count)d target has been saved.", "%(count)d targets have been saved.", changed
            )
            messages.success(request, text % {"count": changed})
        else:
            messages.info(request, _("The targets have not changed."))
        url = reverse("funding:grant", kwargs={"slug": grant.agency.slug, "pk": grant.pk})
        return redirect(url + "#targets-title")
    context = {"agency": grant.agency, "grant": grant, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "funding/targets_form.html", context, status=status)
