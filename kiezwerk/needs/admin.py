from django.contrib import admin, messages
from django.utils.translation import ngettext

from kiezwerk.agencies.admin import AgencyAdmin, NeighbourhoodAdmin
from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.core.admin import ArchivableAdmin, LoggedAdmin
from kiezwerk.needs.models import DemandRequest, Need, NeedCategory
from kiezwerk.needs.services import hand_over_demand


@admin.register(NeedCategory)
class NeedCategoryAdmin(LoggedAdmin):
    search_fields = ("name",)


@admin.register(Need)
class NeedAdmin(ArchivableAdmin):
    list_display = ("title", "agency", "neighbourhood", "category", "status", "archived_at")
    list_filter = ("agency", "category", "status")
    search_fields = ("title",)
    list_select_related = ("agency", "neighbourhood", "category")


@admin.register(DemandRequest)
class DemandRequestAdmin(ArchivableAdmin):
    list_display = ("created_at", "district", "neighbourhood_name", "postcode", "status", "agency")
    list_filter = ("status", "district", "category")
    list_select_related = ("district", "agency")
    readonly_fields = ("archived_at", "consent_at", "year", "quarter", "handed_over_at")


# When an agency takes up a neighbourhood (created here or in the agency's page, or restored
# from the archive), the requests waiting there are handed to it. Called explicitly from the
# admin that creates neighbourhoods, not from a signal; it lives here because `agencies` must
# not import `needs` (docs/architecture.md).
class HandingOverNeighbourhoodAdmin(NeighbourhoodAdmin):
    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        _hand_over(request, obj)

    def _set_archived(self, request, queryset, verb: str) -> None:
        restored = list(queryset.filter(archived_at__isnull=False)) if verb == "restored" else []
        super()._set_archived(request, queryset, verb)
        for neighbourhood in restored:
            neighbourhood.refresh_from_db()
            _hand_over(request, neighbourhood)


class HandingOverAgencyAdmin(AgencyAdmin):
    def save_formset(self, request, form, formset, change) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is Neighbourhood:
            for neighbourhood in formset.new_objects:
                _hand_over(request, neighbourhood)


def _hand_over(request, neighbourhood: Neighbourhood) -> None:
    count = hand_over_demand(neighbourhood, actor=request.user)
    if count:
        messages.info(
            request,
            ngettext(
                "%(count)d waiting request from here has been handed to %(agency)s.",
                "%(count)d waiting requests from here have been handed to %(agency)s.",
                count,
            )
            % {"count": count, "agency": neighbourhood.agency},
        )


for _model, _admin_class in (
    (Neighbourhood, HandingOverNeighbourhoodAdmin),
    (Agency, HandingOverAgencyAdmin),
):
    admin.site.unregister(_model)
    admin.site.register(_model, _admin_class)
