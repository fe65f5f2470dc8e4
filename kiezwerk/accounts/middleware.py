"""Staff must set up two-factor authentication when KIEZWERK_REQUIRE_STAFF_MFA is on; sessions
end after a time without activity and after a longest time (SESSION_IDLE_TIMEOUT,
SESSION_ABSOLUTE_TIMEOUT)."""

import datetime as dt
import time
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

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


# --- session timeouts ---------------------------------------------------------------------
# When the session began (its login) and when its user was last seen, in seconds since the epoch.
STARTED = "kiezwerk_session_started"
SEEN = "kiezwerk_session_seen"
# The time last seen is written at most once a minute, so that not every request saves the
# session: a session may end up to a minute before its idle time is quite over.
SEEN_PRECISION = 60


def start_session_clock(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """Receiver of `user_logged_in`: the session's clocks start at the login (so that the first
    request after it need not save the session)."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[STARTED] = now
    request.session[SEEN] = now


class SessionTimeoutMiddleware:
    """Logs out a session idle for SESSION_IDLE_TIMEOUT seconds or older than
    SESSION_ABSOLUTE_TIMEOUT seconds, and sends its user to the login page with a message and
    the page asked for as `next` (htmx requests are redirected as a whole page)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            reason = _session_ended(request.session, time.time())
            if reason:
                return _log_out(request, reason)
        return self.get_response(request)


def _session_ended(session, now: float) -> str:
    """Why the session has ended ("" if it has not); keeps the time last seen up to date."""
    started = session.setdefault(STARTED, now)
    seen = session.get(SEEN, started)
    if now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
        return _("You were logged out: a login lasts at most %(time)s.") % {
            "time": _duration(settings.SESSION_ABSOLUTE_TIMEOUT)
        }
    if now - seen > settings.SESSION_IDLE_TIMEOUT:
        return _("You were logged out after %(time)s without activity.") % {
            "time": _duration(settings.SESSION_IDLE_TIMEOUT)
        }
    if SEEN not in session or now - seen >= SEEN_PRECISION:
        session[SEEN] = now
    return ""


def _duration(seconds: int) -> str:
    """ "10 hours", "30 minutes", "1 hour, 30 minutes" in the active language."""
    start = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return timesince(start, start + dt.timedelta(seconds=seconds))


def _log_out(request: HttpRequest, reason: str) -> HttpResponse:
    back_to = _page_to_return_to(request)
    logout(request)
    messages.info(request, reason + " " + _("Please log in again."))
    login = resolve_url(settings.LOGIN_URL)
    url = f"{login}?{urlencode({REDIRECT_FIELD_NAME: back_to})}" if back_to else login
    if request.headers.get("HX-Request") == "true":
        return HttpResponseClientRedirect(url)
    return redirect(url)


def _page_to_return_to(request: HttpRequest) -> str:
    """The page asked for; for a form sent (POST), the page it was sent from, if ours."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.headers.get("Referer", "")
    allowed = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return urlsplit(referer)._replace(scheme="", netloc="").geturl() if allowed else ""
