from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kiezwerk.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib.auth.signals import user_logged_in

        from kiezwerk.accounts.middleware import start_session_clock
        from kiezwerk.accounts.models import User

        user_logged_in.connect(start_session_clock, dispatch_uid="kiezwerk_session_clock")

        auditlog.register(User, exclude_fields=["password", "last_login", "updated_at"])
