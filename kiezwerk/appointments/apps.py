from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "kiezwerk.appointments"
    verbose_name = _("Consultation hours and appointments")
