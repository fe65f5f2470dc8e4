from django.contrib import admin

from kiezwerk.core.admin import ArchivableAdmin
from kiezwerk.forums.models import Forum


@admin.register(Forum)
class ForumAdmin(ArchivableAdmin):
    list_display = ("title", "agency", "neighbourhood", "kind", "starts_at", "archived_at")
    list_filter = ("agency", "kind")
    search_fields = ("title",)
    list_select_related = ("agency", "neighbourhood")
    date_hierarchy = "starts_at"
