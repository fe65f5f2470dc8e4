from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "kiezwerk.economy"
    verbose_name = _("Enterprise economics")

    def ready(self) -> None:
        from kiezwerk.core.activity import register_verbs

        register_verbs(
            {
                "economy.line_created": _("business line added"),
                "economy.line_changed": _("business line changed"),
                "economy.line_archived": _("business line archived"),
                "economy.month_saved": _("monthly figures saved"),
                "economy.month_corrected": _("monthly figures corrected"),
                "economy.figures_imported": _("figures imported from a file"),
                "economy.period_closed": _("period closed"),
                "economy.distribution_recorded": _("profit distribution recorded"),
            }
        )
