from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from kiezwerk.accounts.enums import Role
from kiezwerk.accounts.models import User
from kiezwerk.agencies.models import Membership, Neighbourhood
from kiezwerk.core.activity import log_action
from kiezwerk.core.admin import ArchivableAdmin
from kiezwerk.network.models import (
    Offer,
    Partner,
    PartnerAccount,
    PartnerNeighbourhood,
    Partnership,
)


def _partner_role_users(agency_id: int | None):
    memberships = Membership.objects.active().filter(role=Role.PARTNER)
    if agency_id is not None:
        memberships = memberships.filter(agency_id=agency_id)
    return User.objects.filter(pk__in=memberships.values("user_id")).order_by("name")


class PartnerAccountFormSet(BaseInlineFormSet):
    """Only people with the network-partner role in the partner's agency may act for it."""

    def clean(self) -> None:
        super().clean()
        allowed = set(_partner_role_users(self.instance.agency_id).values_list("pk", flat=True))
        for form in self.forms:
            user = form.cleaned_data.get("user") if hasattr(form, "cleaned_data") else None
            if user is not None and not form.cleaned_data.get("DELETE") and user.pk not in allowed:
                raise ValidationError(
                    _("%(name)s has no network-partner role in this agency.") % {"name": user}
                )


class PartnerAccountInline(admin.TabularInline):
    """The people who act for the organisation in Kiezwerk and see its referrals."""

    model = PartnerAccount
    formset = PartnerAccountFormSet
    fields = ("user",)
    extra = 1
    can_delete = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields["user"]
        field.queryset = _partner_role_users(obj.agency_id if obj is not None else None)
        return formset


class PartnerNeighbourhoodInline(admin.TabularInline):
    model = PartnerNeighbourhood
    fields = ("neighbourhood",)
    extra = 1
    can_delete = True
    verbose_name = _("active in neighbourhood")
    verbose_name_plural = _("active in neighbourhoods")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            field = formset.form.base_fields["neighbourhood"]
            field.queryset = Neighbourhood.objects.active().filter(agency=obj.agency)
        return formset


@admin.register(Partner)
class PartnerAdmin(ArchivableAdmin):
    list_display = ("name", "agency", "kind", "is_network_member", "member_since", "archived_at")
    list_filter = ("agency", "kind", "is_network_member")
    search_fields = ("name",)
    list_select_related = ("agency",)
    inlines = [PartnerNeighbourhoodInline, PartnerAccountInline]

    def save_formset(self, request, form, formset, change) -> None:
        """Link rows carry the partner's agency; a change of the accounts is logged."""
        for row in formset.save(commit=False):
            row.agency_id = form.instance.agency_id
            row.save()
        for removed in formset.deleted_objects:
            removed.delete()
        formset.save_m2m()
        if formset.model is PartnerAccount and formset.has_changed():
            accounts = [str(user) for user in form.instance.accounts.order_by("name")]
            log_action(
                request.user, "network.accounts_changed", form.instance, {"accounts": accounts}
            )


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
