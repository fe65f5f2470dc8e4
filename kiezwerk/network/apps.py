from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "kiezwerk.network"
    verbose_name = _("Partner network")

    def ready(self) -> None:
        from kiezwerk.core.activity import register_verbs

        register_verbs(
            {
                "network.partner_created": _("partner organisation added"),
                "network.offer_created": _("offer added"),
                "network.offer_archived": _("offer archived"),
                "network.referred": _("referred to a partner"),
                "network.referral_received": _("referral received"),
                "network.delivery_recorded": _("delivery recorded"),
                "network.referral_declined": _("referral declined"),
                "network.partnership_created": _("local partnership agreed"),
                "network.accounts_changed": _("partner accounts changed"),
            }
        )
