from django.contrib import admin

from kiezwerk.agencies.models import Agency, District, Membership, Neighbourhood, TeamAssignment
from kiezwerk.core.activity import log_action
from kiezwerk.core.admin import ArchivableAdmin, LoggedAdmin


@admin.register(District)
class DistrictAdmin(LoggedAdmin):
    list_display = ("name", "city")
    search_fields = ("name",)


class NeighbourhoodInline(admin.TabularInline):
    model = Neighbourhood
    fields = ("name", "slug", "district", "kind")
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Agency)
class AgencyAdmin(ArchivableAdmin):
    list_display = ("name", "short_name", "city", "archived_at")
    search_fields = ("name", "short_name")
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = [NeighbourhoodInline]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(ArchivableAdmin):
    list_display = ("name", "agency", "district", "kind", "archived_at")
    list_filter = ("agency", "district", "kind")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ("agency", "district")


class TeamAssignmentInline(admin.TabularInline):
    model = TeamAssignment
    fields = ("neighbourhood",)
    extra = 1
    can_delete = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            field = formset.form.base_fields["neighbourhood"]
            field.queryset = Neighbourhood.objects.active().filter(agency=obj.agency)
        return formset


@admin.register(Membership)
class MembershipAdmin(ArchivableAdmin):
    list_display = ("user", "agency", "role", "title", "archived_at")
    list_filter = ("agency", "role")
    search_fields = ("user__name", "user__email")
    autocomplete_fields = ("user",)
    list_select_related = ("user", "agency")
    inlines = [TeamAssignmentInline]

    def save_formset(self, request, form, formset, change) -> None:
        for assignment in formset.save(commit=False):
            assignment.agency_id = form.instance.agency_id
            assignment.save()
        for removed in formset.deleted_objects:
            removed.delete()
        formset.save_m2m()
        if formset.has_changed():
            names = [str(n) for n in form.instance.neighbourhoods.all()]
            log_action(
                request.user, "agencies.team_changed", form.instance, {"neighbourhoods": names}
            )
