"""Forms of the partner network: partners, offers, referrals, deliveries, partnerships."""

import re
from decimal import Decimal

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, Neighbourhood
from kiezwerk.initiatives.enums import PIPELINE_STAGES, Stage
from kiezwerk.initiatives.forms.case import DATE_WIDGET, NeighbourhoodChoiceField
from kiezwerk.initiatives.models import Initiative
from kiezwerk.needs.models import NeedCategory
from kiezwerk.network.enums import OfferKind
from kiezwerk.network.models import Offer, Partner, Partnership, Referral

_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d*)?$")


class LocalizedDecimalField(forms.DecimalField):
    """A decimal typed the way people write it: "1.234,50" and "2,5" in German (thousands
    grouped with dots), "1,234.50" and "2.5" in English. A plain "2.5" is read as 2.5 too."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("localize", True)
        kwargs.setdefault("min_value", Decimal(0))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "")
            if formats.get_format("DECIMAL_SEPARATOR") == "," and _GROUPED.match(value):
                value = value.replace(".", "")
            elif formats.get_format("DECIMAL_SEPARATOR") == ".":
                value = value.replace(",", "")
        return super().to_python(value)


class MultipleNeighbourhoodField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Neighbourhood) -> str:
        return obj.name


def _https_urls(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class PartnerForm(forms.ModelForm):
    neighbourhoods = MultipleNeighbourhoodField(
        queryset=Neighbourhood.objects.none(),
        label=_("Active in neighbourhoods"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Partner
        formfield_callback = _https_urls
        fields = [
            "name",
            "kind",
            "is_network_member",
            "member_since",
            "contact_name",
            "email",
            "phone",
            "street",
            "postcode",
            "city",
            "website",
            "description",
        ]
        widgets = {
            "member_since": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["neighbourhoods"].queryset = Neighbourhood.objects.active().filter(
            agency=agency
        )
        if self.instance.pk:
            self.fields["neighbourhoods"].initial = list(
                self.instance.neighbourhoods.values_list("pk", flat=True)
            )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Partner.objects.filter(agency=self.agency, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("A partner organisation with this name already exists."))
        return name

    def clean(self) -> dict:
        data = super().clean()
        if data.get("member_since") and not data.get("is_network_member"):
            self.add_error("member_since", _("Only members of the network have a membership date."))
        return data


class OfferForm(forms.ModelForm):
    stages = forms.MultipleChoiceField(
        label=_("Fits stages"),
        choices=[(stage.value, stage.label) for stage in PIPELINE_STAGES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None means every stage."),
    )
    categories = forms.ModelMultipleChoiceField(
        queryset=NeedCategory.objects.all(),
        label=_("Fits need categories"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    neighbourhoods = MultipleNeighbourhoodField(
        queryset=Neighbourhood.objects.none(),
        label=_("Available in neighbourhoods"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None means wherever the partner is active."),
    )

    class Meta:
        model = Offer
        fields = ["kind", "title", "description", "capacity", "valid_from", "valid_until"]
        widgets = {
            "valid_from": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].queryset = Neighbourhood.objects.active().filter(
            agency=agency
        )
        if self.instance.pk:
            self.fields["categories"].initial = list(
                self.instance.categories.values_list("pk", flat=True)
            )
            self.fields["neighbourhoods"].initial = list(
                self.instance.neighbourhoods.values_list("pk", flat=True)
            )
            self.fields["stages"].initial = list(self.instance.stages)

    def clean(self) -> dict:
        data = super().clean()
        valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("The end of the validity cannot be before its start."))
        return data

    def offer_fields(self) -> dict:
        """What the services take: the model fields plus the link sets."""
        data = self.cleaned_data
        return {name: data[name] for name in (*self.Meta.fields, "stages")} | {
            "categories": data["categories"],
            "neighbourhoods": data["neighbourhoods"],
        }


class OfferChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Offer) -> str:
        return f"{obj.partner.name}: {obj.title}"


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(), label=_("Partner organisation")
    )
    offer = OfferChoiceField(
        queryset=Offer.objects.none(),
        label=_("Offer"),
        required=False,
        help_text=_("Optional; it must be an offer of the partner chosen above."),
    )
    referred_on = forms.DateField(label=_("Referred on"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("What the initiative needs"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The partner sees this note."),
    )
    consultation = forms.ModelChoiceField(
        queryset=None,
        label=_("From the consultation"),
        required=False,
    )

    def __init__(self, *args, initiative: Initiative, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        agency_id = initiative.agency_id
        self.fields["partner"].queryset = Partner.objects.active().filter(agency_id=agency_id)
        self.fields["offer"].queryset = (
            Offer.objects.active()
            .filter(agency_id=agency_id, partner__archived_at__isnull=True)
            .select_related("partner")
        )
        self.fields["consultation"].queryset = initiative.consultations.order_by("-held_on")
        self.fields["referred_on"].initial = timezone.localdate()

    def clean_referred_on(self):
        day = self.cleaned_data["referred_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A referral cannot lie in the future."))
        return day

    def clean(self) -> dict:
        data = super().clean()
        partner, offer = data.get("partner"), data.get("offer")
        if partner and offer and offer.partner_id != partner.pk:
            self.add_error("offer", _("This offer belongs to another partner."))
        return data


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(label=_("Kind of resource"), choices=OfferKind.choices)
    hours = LocalizedDecimalField(
        label=_("Hours"),
        max_digits=7,
        decimal_places=2,
        initial=Decimal(0),
        help_text=_("In hours, for example 2,5"),
    )
    value = LocalizedDecimalField(
        label=_("Value in euros"),
        max_digits=14,
        decimal_places=2,
        initial=Decimal(0),
        help_text=_("What the resource is worth, for example 1.234,50"),
    )
    note = forms.CharField(
        label=_("What was delivered"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, referral: Referral, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delivered_on"].initial = timezone.localdate()
        if referral.offer is not None:
            self.fields["kind"].initial = referral.offer.kind

    def clean_delivered_on(self):
        day = self.cleaned_data["delivered_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A delivery cannot lie in the future."))
        return day


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can the referral not be taken on?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InitiativeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Initiative) -> str:
        return obj.name


class PartnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Partner) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class PartnershipForm(forms.ModelForm):
    partners = PartnerChoiceField(
        queryset=Partner.objects.none(),
        label=_("Partner organisations and public bodies"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    initiatives = InitiativeChoiceField(
        queryset=Initiative.objects.none(),
        label=_("Initiatives"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold the Ctrl key (on a Mac: Cmd) to choose several."),
    )

    class Meta:
        model = Partnership
        fields = ["neighbourhood", "title", "purpose", "agreed_on", "ends_on", "status"]
        field_classes = {"neighbourhood": NeighbourhoodChoiceField}
        widgets = {
            "agreed_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, agency: Agency, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = (
            Neighbourhood.objects.visible_to(user).active().filter(agency=agency)
        )
        self.fields["partners"].queryset = Partner.objects.active().filter(agency=agency)
        current = []
        if self.instance.pk:
            self.fields["partners"].initial = list(
                self.instance.partners.values_list("pk", flat=True)
            )
            current = list(self.instance.initiatives.values_list("pk", flat=True))
            self.fields["initiatives"].initial = current
        # The cases the user works with, and those already party (kept even if not visible).
        choosable = Initiative.objects.visible_to_staff(user).active().exclude(stage=Stage.GIVEN_UP)
        self.fields["initiatives"].queryset = (
            Initiative.objects.filter(agency=agency)
            .filter(Q(pk__in=choosable.values("pk")) | Q(pk__in=current))
            .only("name")
            .order_by("name")
        )

    def clean(self) -> dict:
        data = super().clean()
        agreed_on, ends_on = data.get("agreed_on"), data.get("ends_on")
        if agreed_on and ends_on and ends_on < agreed_on:
            self.add_error("ends_on", _("The end cannot be before the agreement."))
        return data

    def partnership_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in self.Meta.fields} | {
            "partners": data["partners"],
            "initiatives": data["initiatives"],
        }
