from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "kiezwerk.appointments"
    verbose_name = _("Consultation hours and appointments")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kiezwerk.appointments import consents
        from kiezwerk.appointments.models import AppointmentRequest
        from kiezwerk.core.activity import register_verbs
        from kiezwerk.core.consent import register_purposes

        auditlog.register(
            AppointmentRequest, exclude_fields=["created_at", "updated_at", "version"]
        )

        register_verbs(
            {
                "appointments.slot_created": _("consultation hour published"),
                "appointments.slot_archived": _("consultation hour archived"),
                "appointments.exception_added": _("consultation hour changed for one day"),
                "appointments.requested": _("appointment requested"),
                "appointments.accepted": _("appointment accepted"),
                "appointments.proposed": _("other time proposed"),
                "appointments.declined": _("appointment declined"),
                "appointments.taken_in": _("appointment taken in as a case"),
                "appointments.reminder_sent": _("appointment reminder sent"),
            }
        )
        register_purposes(*consents.PURPOSES)
