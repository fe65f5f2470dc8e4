"""Admin pieces shared by every app: changes made in the admin reach the activity log."""

from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kiezwerk.core.activity import changed_fields, log_action
from kiezwerk.core.models import ActivityLogEntry


class LoggedAdmin(admin.ModelAdmin):
    """Writes an activity-log entry for every save; deletion is replaced by archiving."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        verb = "changed" if change else "created"
        log_action(request.user, verb, obj, {"fields": changed_fields(form), "via": "admin"})

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ArchivableAdmin(LoggedAdmin):
    actions = ["archive_selected", "restore_selected"]
    readonly_fields = ("archived_at",)

    @admin.action(description=_("Archive selected"))
    def archive_selected(self, request, queryset: models.QuerySet) -> None:
        self._set_archived(request, queryset.filter(archived_at__isnull=True), "archived")

    @admin.action(description=_("Restore selected"))
    def restore_selected(self, request, queryset: models.QuerySet) -> None:
        self._set_archived(request, queryset.filter(archived_at__isnull=False), "restored")

    def _set_archived(self, request, queryset: models.QuerySet, verb: str) -> None:
        count = 0
        for obj in queryset:
            obj.archived_at = timezone.now() if verb == "archived" else None
            obj.save(update_fields=["archived_at", "updated_at"])
            log_action(request.user, verb, obj, {"via": "admin"})
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d entry updated.", "%(count)d entries updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ActivityLogEntry)
class ActivityLogEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "agency", "verb", "object_repr")
    list_filter = ("agency", "content_type")
    search_fields = ("object_repr", "verb")
    list_select_related = ("actor", "agency", "content_type")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
