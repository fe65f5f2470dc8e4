from django import forms
from django.contrib import admin

from kiezwerk.core.admin import ArchivableAdmin, LoggedAdmin
from kiezwerk.funding.indicators import QUERIES, QUERY_CHOICES
from kiezwerk.funding.models import Grant, Indicator, Programme


@admin.register(Programme)
class ProgrammeAdmin(LoggedAdmin):
    list_display = ("name", "fund", "funder")
    list_filter = ("fund",)
    search_fields = ("name", "funder")


@admin.register(Grant)
class GrantAdmin(ArchivableAdmin):
    list_display = ("title", "agency", "programme", "start_date", "end_date", "archived_at")
    list_filter = ("agency", "programme")
    search_fields = ("title",)
    list_select_related = ("agency", "programme")


class IndicatorForm(forms.ModelForm):
    """The query is chosen from the registry of named queries (funding.indicators)."""

    query = forms.ChoiceField(
        label=Indicator._meta.get_field("query").verbose_name,
        help_text=Indicator._meta.get_field("query").help_text,
        choices=[("", "---------"), *QUERY_CHOICES],
    )

    class Meta:
        model = Indicator
        fields = ("code", "name", "definition", "unit", "standard", "level", "query")


@admin.register(Indicator)
class IndicatorAdmin(ArchivableAdmin):
    form = IndicatorForm
    list_display = ("code", "name", "standard", "level", "computed_by", "archived_at")
    list_filter = ("standard", "level")
    search_fields = ("code", "name")

    @admin.display(description=Indicator._meta.get_field("query").verbose_name, ordering="query")
    def computed_by(self, indicator: Indicator) -> str:
        query = QUERIES.get(indicator.query)
        return str(query.label) if query else indicator.query
