from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "kiezwerk.forums"
    verbose_name = _("Local forums and events")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kiezwerk.core.activity import register_verbs
        from kiezwerk.core.consent import register_purposes
        from kiezwerk.forums import consents
        from kiezwerk.forums.models import Attendee

        auditlog.register(Attendee, exclude_fields=["created_at", "updated_at"])

        register_verbs(
            {
                "forums.created": _("forum planned"),
                "forums.changed": _("forum changed"),
                "forums.attendee_added": _("attendee registered"),
                "forums.need_raised": _("need raised at the forum"),
                "forums.outcomes_changed": _("outcomes changed"),
            }
        )
        register_purposes(*consents.PURPOSES)
