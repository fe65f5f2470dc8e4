from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kiezwerk.portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kiezwerk.core.activity import register_verbs
        from kiezwerk.core.consent import register_purposes
        from kiezwerk.portal import (
            consents,
            rules,  # noqa: F401  (registers the permissions)
        )
        from kiezwerk.portal.models import AccessibilityFeedback

        auditlog.register(AccessibilityFeedback, exclude_fields=["created_at", "updated_at"])

        register_verbs(
            {
                "portal.page_changed": _("public page changed"),
                "portal.feedback_received": _("accessibility feedback received"),
                "portal.feedback_answered": _("accessibility feedback answered"),
                "portal.listing_changed": _("public team listing changed"),
            }
        )
        register_purposes(*consents.PURPOSES)
