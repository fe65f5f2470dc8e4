from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kiezwerk.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from kiezwerk.core.activity import register_verbs

        register_verbs(
            {
                "privacy.consent_recorded": _("consent recorded"),
                "privacy.consent_withdrawn": _("consent withdrawn"),
            }
        )
