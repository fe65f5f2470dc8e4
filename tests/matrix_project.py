"""Permission-matrix rows of the URLs that are not ours: the Django admin, allauth's account
and two-factor pages, and the language switch (see tests/test_permission_matrix.py).

ROWS = {pattern: (url(request) -> str, {persona: expected status, LOGIN or ADMIN_LOGIN})}.
A pattern is "namespace:name", or its full route when it has no name.

The admin's rows are generated from its registry, so a model added to the admin gets its rows
without a line here: nobody but the superuser gets in (no persona is staff); an anonymous visitor
and every persona are sent to the admin's login, which hands anonymous visitors on to allauth's
login and refuses signed-in members (its own password form would skip two-factor
authentication). The superuser sees the index, the app pages and every changelist; the object
pages are asked for an object that does not exist (`0`), so the superuser gets what the admin
does then: a redirect with a message, or 403 where the model's admin takes that right away.
"""

import re

from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from kiezwerk.accounts.models import User

PERSONAS = ("manager", "advisor", "evaluator", "funder", "founder", "partner", "outsider")
LOGIN = "login"  # a redirect to allauth's login page
ADMIN_LOGIN = "admin_login"  # a redirect to the admin's login, which passes on to LOGIN
MISSING = "0"  # an object id that no table holds


def _for(anonymous, members) -> dict:
    return {**dict.fromkeys(PERSONAS, members), "anonymous": anonymous}


def _named(name: str, **kwargs):
    return lambda request: reverse(name, kwargs=kwargs)


# --- allauth and two-factor authentication --------------------------------------------------
# Signed-in personas have no verified address and no authenticator yet: setting up TOTP sends
# them back to the overview, the pages of an authenticator they do not have are 404.
ACCOUNT = {
    "account_login": (_named("account_login"), _for(200, 302)),
    "account_logout": (_named("account_logout"), _for(302, 200)),
    "account_inactive": (_named("account_inactive"), _for(200, 200)),
    "account_signup": (_named("account_signup"), _for(200, 302)),  # 200: "sign-up is closed"
    "account_reauthenticate": (_named("account_reauthenticate"), _for(LOGIN, 200)),
    "account_request_reauthentication_code": (
        _named("account_request_reauthentication_code"),
        _for(LOGIN, 302),
    ),
    "account_confirm_reauthentication_code": (
        _named("account_confirm_reauthentication_code"),
        _for(LOGIN, 302),
    ),
    "account_email": (_named("account_email"), _for(LOGIN, 200)),
    "account_email_verification_sent": (_named("account_email_verification_sent"), _for(200, 200)),
    "account_confirm_email": (_named("account_confirm_email", key="no-such-key"), _for(200, 200)),
    "account_change_password": (_named("account_change_password"), _for(LOGIN, 200)),
    "account_set_password": (_named("account_set_password"), _for(LOGIN, 302)),
    "account_reset_password": (_named("account_reset_password"), _for(200, 200)),
    "account_reset_password_done": (_named("account_reset_password_done"), _for(200, 200)),
    # A bad key shows "the link is invalid" to everyone.
    "account_reset_password_from_key": (
        _named("account_reset_password_from_key", uidb36="0", key="no-such-key"),
        _for(200, 200),
    ),
    "account_reset_password_from_key_done": (
        _named("account_reset_password_from_key_done"),
        _for(200, 200),
    ),
    "account_confirm_login_code": (_named("account_confirm_login_code"), _for(LOGIN, 302)),
    "mfa_index": (_named("mfa_index"), _for(LOGIN, 200)),
    "mfa_authenticate": (_named("mfa_authenticate"), _for(LOGIN, 302)),
    "mfa_reauthenticate": (_named("mfa_reauthenticate"), _for(LOGIN, 302)),
    "mfa_activate_totp": (_named("mfa_activate_totp"), _for(LOGIN, 302)),
    "mfa_deactivate_totp": (_named("mfa_deactivate_totp"), _for(LOGIN, 404)),
    "mfa_view_recovery_codes": (_named("mfa_view_recovery_codes"), _for(LOGIN, 404)),
    "mfa_generate_recovery_codes": (_named("mfa_generate_recovery_codes"), _for(LOGIN, 302)),
    "mfa_download_recovery_codes": (_named("mfa_download_recovery_codes"), _for(LOGIN, 404)),
    # Without a language the switch only sends the visitor back.
    "set_language": (_named("set_language"), _for(302, 302)),
}


# --- the admin ------------------------------------------------------------------------------
def _operator_request():
    """A request of a superuser (unsaved: asking a ModelAdmin for its rights needs no row)."""
    request = RequestFactory().get("/")
    request.user = User(is_active=True, is_staff=True, is_superuser=True)
    return request


def _fill(route: str, values: dict) -> str:
    """The path of `route` with its parameters filled in (route and simple regex syntax)."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], route)
    path = re.sub(r"\(\?P<(\w+)>[^()]*\)", lambda m: values[m[1]], path)
    return "/" + path.replace("^", "").replace("$", "")


def _row(route: str, values: dict, superuser, members=ADMIN_LOGIN, anonymous=ADMIN_LOGIN):
    path = _fill(route, values)
    return (lambda request: path), {**_for(anonymous, members), "superuser": superuser}


def _model_rows(prefix: str, model, model_admin) -> dict:
    """Rows of one model's admin pages; its own pages (the user's password) are looked up by
    name in MODEL_PAGES."""
    request = _operator_request()
    can_view = model_admin.has_view_or_change_permission(request)
    by_kind = {
        "changelist": 200 if can_view else 403,
        "add": 200 if model_admin.has_add_permission(request) else 403,
        "change": 302 if can_view else 403,
        "delete": 302 if model_admin.has_delete_permission(request) else 403,
        "history": 302,
    }
    info = f"{model._meta.app_label}_{model._meta.model_name}"
    rows = {}
    for pattern in model_admin.get_urls():
        route = f"{prefix}{model._meta.app_label}/{model._meta.model_name}/{pattern.pattern}"
        values = {"object_id": MISSING, "id": MISSING}
        if pattern.name is None:  # <object_id>/ redirects to the change page
            rows[route] = _row(route, values, superuser=302)
        elif pattern.name.startswith(info + "_"):
            kind = pattern.name.removeprefix(info + "_")
            rows[f"admin:{pattern.name}"] = _row(route, values, superuser=by_kind[kind])
        else:
            rows[f"admin:{pattern.name}"] = _row(route, values, MODEL_PAGES[pattern.name])
    return rows


# The admin's own pages and the superuser's status there, asked without parameters or for nothing.
SITE_PAGES = {
    "index": ("", 200),
    "password_change": ("password_change/", 200),
    "password_change_done": ("password_change/done/", 200),
    "autocomplete": ("autocomplete/", 403),  # no field to complete
    "jsi18n": ("jsi18n/", 200),
    "view_on_site": ("r/<content_type_id>/<object_id>/", 404),  # no such content type
}
MODEL_PAGES = {"auth_user_password_change": 404}  # no such user


def _admin_rows() -> dict:
    prefix = reverse("admin:index").lstrip("/")
    label = min(model._meta.app_label for model in admin.site._registry)
    values = {"content_type_id": MISSING, "object_id": MISSING, "url": "no/such/page/"}
    rows = {
        f"admin:{name}": _row(prefix + route, values, status)
        for name, (route, status) in SITE_PAGES.items()
    }
    rows["admin:app_list"] = _row(f"{prefix}{label}/", values, 200)
    rows["admin:login"] = _row(f"{prefix}login/", values, 302, members=403, anonymous=LOGIN)
    # Logging out is a POST; a GET sends whoever is not staff to the index (and so to login).
    rows["admin:logout"] = _row(f"{prefix}logout/", values, 405, members=302, anonymous=302)
    rows[f"{prefix}(?P<url>.*)$"] = _row(f"{prefix}(?P<url>.*)$", values, superuser=404)
    for model, model_admin in admin.site._registry.items():
        rows |= _model_rows(prefix, model, model_admin)
    return rows


ROWS = ACCOUNT | _admin_rows()
