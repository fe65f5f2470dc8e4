from django.contrib import admin

from kiezwerk.core.admin import ArchivableAdmin, LoggedAdmin
from kiezwerk.funding.models import Grant, Programme


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
