"""Staff must set up two-factor authentication when KIEZWERK_REQUIRE_STAFF_MFA is on."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kiezwerk.accounts.roles import is_agency_staff

# Paths a staff member without MFA may still reach: set-up, log-out, static files, language.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/")


class StaffMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                _("Please set up two-factor authentication before you continue."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_mfa(self, request: HttpRequest) -> bool:
        if not settings.REQUIRE_STAFF_MFA or request.path.startswith(_OPEN_PREFIXES):
            return False
        user = request.user
        if not user.is_authenticated or not _is_staff(user):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _is_staff(user) -> bool:
    return user.is_staff or user.is_superuser or is_agency_staff(user)
