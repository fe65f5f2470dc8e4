from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "kiezwerk.reporting"
    verbose_name = _("Reports and dashboards")

    def ready(self) -> None:
        from kiezwerk.core.activity import register_verbs

        register_verbs(
            {
                "reporting.funder_report_requested": _("funder report requested"),
                "reporting.funder_report_regenerated": _("funder report regenerated"),
                "reporting.funder_report_generated": _("funder report generated"),
                "reporting.funder_report_failed": _("funder report failed"),
                "reporting.funder_report_downloaded": _("funder report downloaded"),
                "reporting.evaluation_exported": _("pseudonymised evaluation data exported"),
                "reporting.funder_report_archived": _("funder report archived"),
                "reporting.funder_report_restored": _("funder report restored"),
                "reporting.social_report_created": _("social report created"),
                "reporting.social_report_saved": _("social report texts saved"),
                "reporting.social_report_archived": _("social report archived"),
                "reporting.social_report_downloaded": _("social report downloaded"),
            }
        )
