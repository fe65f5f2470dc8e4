from django.contrib import admin

from kiezwerk.core.admin import LoggedAdmin
from kiezwerk.economy.models import EconomySettings, ValuationRate


@admin.register(EconomySettings)
class EconomySettingsAdmin(LoggedAdmin):
    list_display = ("agency", "dependency_threshold")
    list_select_related = ("agency",)
    search_fields = ("agency__name",)


@admin.register(ValuationRate)
class ValuationRateAdmin(LoggedAdmin):
    """The agency's value of a volunteer hour per year: the default for new figures of that
    year (saved figures keep their rate)."""

    list_display = ("agency", "year", "rate", "method")
    list_filter = ("agency", "method")
    list_select_related = ("agency",)
