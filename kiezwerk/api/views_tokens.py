"""The user's own API tokens in the back office: list, create (secret shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kiezwerk.api import services
from kiezwerk.api.forms import TokenForm
from kiezwerk.api.models import ApiToken


def _page(request: HttpRequest, form: TokenForm, status: int = 200) -> HttpResponse:
    tokens = ApiToken.objects.of(request.user)
    context = {"form": form, "tokens": tokens}
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_GET
def token_list(request: HttpRequest) -> HttpResponse:
    return _page(request, TokenForm())


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    token, text = services.create_token(
        request.user,
        name=form.cleaned_data["name"],
        scope=form.cleaned_data["scope"],
        expires_at=form.expires_at(),
    )
    context = {
        "token": token,
        "secret": text,
        "example_url": request.build_absolute_uri(reverse("api:list_agencies")),
    }
    response = render(request, "api/tokens_created.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.of(request.user).filter(pk=pk).first()
    if token is None:
        raise Http404
    services.revoke_token(token, by=request.user)
    messages.success(
        request, _("The API token “%(name)s” has been revoked.") % {"name": token.name}
    )
    return redirect("api_tokens:list")
