from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "kiezwerk.needs"
    verbose_name = _("Needs")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kiezwerk.core.activity import register_verbs
        from kiezwerk.core.consent import register_purposes
        from kiezwerk.needs import consents
        from kiezwerk.needs.models import DemandRequest

        auditlog.register(
            DemandRequest, exclude_fields=["created_at", "updated_at", "neighbourhood_key"]
        )

        register_verbs(
            {
                "needs.need_created": _("need recorded"),
                "needs.need_changed": _("need changed"),
                "needs.status_changed": _("status changed"),
                "needs.need_merged": _("needs merged"),
                "needs.need_supported": _("need supported on the needs board"),
                "needs.demand_received": _("request from another neighbourhood received"),
                "needs.demand_changed": _("request from another neighbourhood changed"),
                "needs.demand_handed_over": _("request from another neighbourhood handed over"),
            }
        )
        register_purposes(*consents.PURPOSES)
