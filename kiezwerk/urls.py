from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from kiezwerk.api.base import api

admin.site.site_header = _("Kiezwerk administration")
admin.site.site_title = _("Kiezwerk administration")
admin.site.index_title = _("Reference data")


def admin_login(request, extra_context=None):
    """Admin logins go through allauth, so lockout and two-factor authentication apply there too.
    The admin's own password form is never shown: a signed-in member could log in there as a
    staff member with the password alone."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not admin.site.has_permission(request):
        raise PermissionDenied
    return redirect("admin:index")


admin.site.login = admin_login

urlpatterns = [
    path("", include("kiezwerk.portal.urls")),
    path("backoffice/network-overview/", include("kiezwerk.reporting.network_overview.urls")),
    path("backoffice/", include("kiezwerk.reporting.urls")),
    path("backoffice/", include("kiezwerk.agencies.urls")),
    path("backoffice/", include("kiezwerk.initiatives.urls")),
    path("backoffice/", include("kiezwerk.needs.urls")),
    path("backoffice/", include("kiezwerk.network.urls")),
    path("backoffice/", include("kiezwerk.economy.urls")),
    path("backoffice/", include("kiezwerk.jobs.urls")),
    path("backoffice/", include("kiezwerk.appointments.urls")),
    path("backoffice/", include("kiezwerk.portal.urls_backoffice")),
    path("backoffice/", include("kiezwerk.funding.urls")),
    path("backoffice/", include("kiezwerk.reporting.urls_reports")),
    path("backoffice/", include("kiezwerk.reporting.evaluation.urls")),
    path("backoffice/", include("kiezwerk.reporting.pseudonymised.urls")),
    path("backoffice/", include("kiezwerk.reporting.social_report.urls")),
    path("backoffice/", include("kiezwerk.privacy.urls_registry")),
    path("backoffice/", include("kiezwerk.privacy.urls_consents")),
    path("backoffice/", include("kiezwerk.privacy.urls_reads")),
    path("backoffice/", include("kiezwerk.privacy.urls_requests")),
    path("backoffice/", include("kiezwerk.privacy.urls_erasure")),
    path("backoffice/", include("kiezwerk.api.urls_tokens")),
    path("api/v1/", api.urls),
    path("", include("kiezwerk.forums.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "kiezwerk.core.views.bad_request"
handler403 = "kiezwerk.core.views.permission_denied"
handler404 = "kiezwerk.core.views.page_not_found"
handler500 = "kiezwerk.core.views.server_error"
