from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "kiezwerk.initiatives"
    verbose_name = _("Initiatives and social enterprises")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kiezwerk.core.activity import register_verbs
        from kiezwerk.core.consent import register_purposes
        from kiezwerk.initiatives import consents
        from kiezwerk.initiatives.models import Consultation, ContactPerson

        auditlog.register(ContactPerson)
        auditlog.register(Consultation, exclude_fields=["created_at", "updated_at"])
        register_verbs(
            {
                "initiatives.opened": _("initiative opened"),
                "initiatives.stage_changed": _("stage changed"),
                "initiatives.reassigned": _("advisor changed"),
                "initiatives.consultation_recorded": _("consultation recorded"),
                "initiatives.milestone_added": _("milestone added"),
                "initiatives.milestone_done": _("milestone done"),
                "initiatives.milestone_reopened": _("milestone reopened"),
                "initiatives.document_uploaded": _("document uploaded"),
                "initiatives.document_downloaded": _("document downloaded"),
                "initiatives.criteria_assessed": _("criteria checked"),
                "initiatives.emes_assessed": _("EMES profile recorded"),
                "initiatives.contact_added": _("contact person added"),
                "initiatives.imported": _("initiatives imported from a file"),
            }
        )
        register_purposes(*consents.PURPOSES)
