from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kiezwerk.portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from kiezwerk.core.activity import register_verbs
        from kiezwerk.portal import rules  # noqa: F401  (registers the permissions)

        register_verbs(
            {
                "portal.page_changed": _("public page changed"),
                "portal.feedback_received": _("accessibility feedback received"),
                "portal.feedback_answered": _("accessibility feedback answered"),
                "portal.listing_changed": _("public team listing changed"),
            }
        )
