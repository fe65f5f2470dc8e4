from django.contrib import admin

from kiezwerk.core.admin import ArchivableAdmin
from kiezwerk.network.models import Offer, Partner, Partnership


@admin.register(Partner)
class PartnerAdmin(ArchivableAdmin):
    list_display = ("name", "agency", "kind", "is_network_member", "member_since", "archived_at")
    list_filter = ("agency", "kind", "is_network_member")
    search_fields = ("name",)
    list_select_related = ("agency",)


@admin.register(Offer)
class OfferAdmin(ArchivableAdmin):
    list_display = ("title", "partner", "kind", "valid_from", "valid_until", "archived_at")
    list_filter = ("agency", "kind")
    search_fields = ("title", "partner__name")
    list_select_related = ("partner",)


@admin.register(Partnership)
class PartnershipAdmin(ArchivableAdmin):
    list_display = ("title", "agency", "neighbourhood", "status", "agreed_on", "archived_at")
    list_filter = ("agency", "status")
    search_fields = ("title",)
    list_select_related = ("agency", "neighbourhood")
