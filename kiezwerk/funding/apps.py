from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "kiezwerk.funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from kiezwerk.core.activity import register_verbs

        register_verbs(
            {
                "funding.financing_changed": _("financing plan changed"),
                "funding.budget_changed": _("budget changed"),
                "funding.spending_recorded": _("spending recorded"),
                "funding.drawdown_recorded": _("drawdown recorded"),
                "funding.drawdown_received": _("drawdown marked as received"),
                "funding.targets_changed": _("targets changed"),
            }
        )
