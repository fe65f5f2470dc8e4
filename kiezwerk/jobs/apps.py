from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "kiezwerk.jobs"
    verbose_name = _("Jobs")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kiezwerk.core.activity import register_verbs
        from kiezwerk.jobs.models import Holder

        auditlog.register(Holder, exclude_fields=["created_at", "updated_at"])

        register_verbs(
            {
                "jobs.position_recorded": _("position recorded"),
                "jobs.position_changed": _("position changed"),
                "jobs.position_archived": _("position archived"),
                "jobs.worksheet_saved": _("additionality worksheet saved"),
                "jobs.imported": _("positions imported from a file"),
            }
        )
