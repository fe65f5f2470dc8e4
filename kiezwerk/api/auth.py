"""Who calls the API: a personal token (`Authorization: Bearer kw_<prefix>_<secret>`) or the
browser session (with CSRF for unsafe methods). A read-only token is refused for every
unsafe method here, in one place: routers never check the scope themselves."""

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from kiezwerk.api.errors import ApiError
from kiezwerk.api.models import ApiToken, hash_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOUCH_EVERY = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """A token that is unknown, revoked or expired, or whose user is inactive, is 401."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(key_hash=hash_token(token), user__is_active=True)
            .first()
        )
        if found is None:
            raise ApiError(401, "invalid_token", _("The API token is unknown, revoked or expired."))
        if request.method not in SAFE_METHODS and not found.can_write:
            raise ApiError(403, "read_only_token", _("This API token may only read."))
        _touch(found)
        request.user = found.user
        request.api_token = found
        return found


def _touch(token: ApiToken) -> None:
    """Record the last use at most once a minute: most requests write nothing."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class SessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods need the CSRF token (X-CSRFToken)."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # CSRF is checked in authenticate, once the user is known: an anonymous request is
        # 401, not 403. (`csrf` stays True so that the docs page sends the CSRF token.)
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise ApiError(403, "csrf_failed", _("The CSRF token is missing or wrong."))
        request.api_token = None
        return user
