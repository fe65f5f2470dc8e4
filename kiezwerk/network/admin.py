from django.contrib import admin

from kiezwerk.core.admin import ArchivableAdmin
from kiezwerk.network.models import Partner


@admin.register(Partner)
class PartnerAdmin(ArchivableAdmin):
    list_display = ("name", "agency", "kind", "is_network_member", "archived_at")
    list_filter = ("agency", "kind", "is_network_member")
    search_fields = ("name",)
    list_select_related = ("agency",)
