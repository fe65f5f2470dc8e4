from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "kiezwerk.api"
    verbose_name = _("JSON API")

    def ready(self) -> None:
        from kiezwerk.core.activity import register_verbs

        register_verbs(
            {
                "api.token_created": _("API token created"),
                "api.token_revoked": _("API token revoked"),
            }
        )
