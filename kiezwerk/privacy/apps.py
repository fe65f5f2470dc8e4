from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "kiezwerk.privacy"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        from kiezwerk.core.activity import register_verbs

        register_verbs(
            {
                "privacy.request_registered": _("data protection request registered"),
                "privacy.request_changed": _("data protection request changed"),
                "privacy.access_exported": _("access export downloaded"),
                "privacy.erased": _("personal data erased"),
                "privacy.restricted": _("processing restricted"),
                "privacy.restriction_lifted": _("restriction lifted"),
                "privacy.retention_applied": _("retention periods applied"),
            }
        )
