from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "kiezwerk.needs"
    verbose_name = _("Needs")

    def ready(self) -> None:
        from kiezwerk.core.activity import register_verbs

        register_verbs(
            {
                "needs.need_created": _("need recorded"),
                "needs.need_changed": _("need changed"),
                "needs.status_changed": _("status changed"),
                "needs.need_merged": _("needs merged"),
            }
        )
