from django.contrib import admin

from kiezwerk.core.admin import ArchivableAdmin, LoggedAdmin
from kiezwerk.needs.models import Need, NeedCategory


@admin.register(NeedCategory)
class NeedCategoryAdmin(LoggedAdmin):
    search_fields = ("name",)


@admin.register(Need)
class NeedAdmin(ArchivableAdmin):
    list_display = ("title", "agency", "neighbourhood", "category", "status", "archived_at")
    list_filter = ("agency", "category", "status")
    search_fields = ("title",)
    list_select_related = ("agency", "neighbourhood", "category")
