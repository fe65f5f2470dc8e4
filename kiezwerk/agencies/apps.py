from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "kiezwerk.agencies"
    verbose_name = _("Agencies and neighbourhoods")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kiezwerk.agencies.models import Membership
        from kiezwerk.core.activity import register_verbs

        auditlog.register(Membership)
        register_verbs(
            {
                "agencies.team_exported": _("team list exported"),
                "agencies.team_changed": _("neighbourhood teams changed"),
            }
        )
