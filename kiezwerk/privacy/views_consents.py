"""The consents pages: the agency's consents for whoever handles data protection (withdrawing
one on the person's request), and each person's own consents, withdrawn with one click."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kiezwerk.agencies.views import get_agency_for
from kiezwerk.core.consent import withdraw_consent
from kiezwerk.core.models import Consent
from kiezwerk.privacy import consents as reading
from kiezwerk.privacy.forms_consents import ConsentFilterForm, WithdrawForm

PAGE_SIZE = 50
PERM = "privacy.handle_requests"
PEOPLE = ("recorded_by", "withdrawn_by")


@login_required
@require_GET
def consent_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's consents, newest first, filtered by purpose and state."""
    agency = get_agency_for(request, slug, PERM)
    filters = ConsentFilterForm(request.GET)
    found = filters.filter(Consent.objects.filter(agency=agency).select_related(*PEOPLE))
    page = Paginator(found.order_by("-given_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "agency": agency,
        "filter": filters,
        "query": filters.query(),
        "page": page,
        "rows": reading.rows(list(page.object_list), agency.slug),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "privacy/consents_list.html", context)


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Staff record a withdrawal the person asked for (by the channel they used)."""
    agency = get_agency_for(request, slug, PERM)
    consent = get_object_or_404(Consent, agency=agency, pk=pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose how the person withdrew their consent."))
    elif consent.withdrawn_at is not None:
        messages.info(request, _("This consent had already been withdrawn."))
    else:
        withdraw_consent(consent, by=request.user, channel=form.cleaned_data["channel"])
        messages.success(request, _("The consent has been withdrawn."))
    return redirect("consents:list", slug=agency.slug)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The consents a person gave about themselves, each with a button to withdraw it."""
    found = reading.of_person(request.user).order_by("-given_at", "-pk")
    context = {"rows": reading.rows(list(found))}
    return render(request, "privacy/consents_mine.html", context)


@login_required
@require_POST
def withdraw_mine(request: HttpRequest, pk: int) -> HttpResponse:
    consent = reading.of_person(request.user).filter(pk=pk).first()
    if consent is None:
        raise Http404
    if consent.withdrawn_at is None:
        withdraw_consent(consent, by=request.user, channel=Consent.Channel.ONLINE)
        messages.success(request, _("Your consent has been withdrawn."))
    else:
        messages.info(request, _("This consent had already been withdrawn."))
    return redirect("consents:mine")
