"""Forms of enterprise economics: business lines, one month of a line's year table, and profit
distributions. Amounts are typed the way people write them ("1.234,50" in German)."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kiezwerk.economy.enums import Source
from kiezwerk.economy.models import BusinessLine
from kiezwerk.economy.services import MonthValues
from kiezwerk.initiatives.forms.case import DATE_WIDGET
from kiezwerk.initiatives.models import Initiative
from kiezwerk.network.enums import PartnerKind
from kiezwerk.network.forms import LocalizedDecimalField
from kiezwerk.network.models import Partner

ZERO = Decimal("0")
QUARTER = Decimal("0.25")
# Revenue sources with one column each (public contracts have one column per public client).
PLAIN_SOURCES = (Source.MARKET, Source.GRANTS, Source.DONATIONS)


def money_field(label, **kwargs) -> LocalizedDecimalField:
    return LocalizedDecimalField(label=label, max_digits=14, decimal_places=2, **kwargs)


class PublicClientsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Partner) -> str:
        return obj.name


class LineForm(forms.ModelForm):
    """A business line: its name, kind of service, description and public clients (the public
    bodies of the agency that buy from it)."""

    clients = PublicClientsField(
        queryset=Partner.objects.none(),
        label=_("Public clients"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Public bodies that buy services of this line under a contract. Each gets a column "
            "in the year table. Public bodies are kept in the partner register."
        ),
    )

    class Meta:
        model = BusinessLine
        fields = ["name", "service", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, initiative: Initiative, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        current = []
        if self.instance.pk:
            current = list(self.instance.public_clients.values_list("pk", flat=True))
            self.fields["clients"].initial = current
        # Active public bodies, and those the line already has (so that an edit keeps them).
        self.fields["clients"].queryset = (
            Partner.objects.filter(agency_id=initiative.agency_id, kind=PartnerKind.PUBLIC)
            .filter(Q(archived_at__isnull=True) | Q(pk__in=current))
            .order_by("name", "pk")
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = BusinessLine.objects.filter(
            agency_id=self.initiative.agency_id, initiative=self.initiative, name__iexact=name
        )
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This enterprise already has a business line so named."))
        return name

    def line_fields(self) -> dict:
        """Keyword arguments for services.add_line / update_line."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "service": data["service"],
            "description": data["description"],
            "clients": list(data["clients"]),
        }


class MonthForm(forms.Form):
    """One month of a business line: revenue by source (public contracts per client), costs,
    volunteer work. Empty amounts count as zero. A closed month takes a correction with a
    reason only."""

    month = forms.IntegerField(min_value=1, max_value=12, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    market = money_field(Source.MARKET.label, required=False)
    grants = money_field(Source.GRANTS.label, required=False)
    donations = money_field(Source.DONATIONS.label, required=False)
    costs = money_field(_("Costs"), required=False)
    volunteer_hours = LocalizedDecimalField(
        label=_("Volunteer hours"), max_digits=10, decimal_places=2, required=False
    )
    volunteers = forms.IntegerField(
        label=_("Volunteers"), min_value=0, max_value=2_147_483_647, required=False
    )
    reciprocal = forms.BooleanField(label=_("Reciprocal work"), required=False)

    def __init__(
        self, *args, clients=(), former=frozenset(), correction: bool = False, **kwargs
    ) -> None:
        """`clients`: the public clients with a column; `former` the ids of those among them
        that are no longer clients of the line but brought in revenue in the year."""
        super().__init__(*args, **kwargs)
        self.clients = list(clients)
        public = {
            self.client_field(client): money_field(
                self.client_label(client, client.pk in former), required=False
            )
            for client in self.clients
        }
        # Public contracts first, in the order of the table's columns.
        self.fields = {**dict(list(self.fields.items())[:2]), **public} | self.fields
        if correction:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the correction"),
                max_length=500,
                error_messages={
                    "required": _("This month is closed: please say why you correct it.")
                },
            )

    @staticmethod
    def client_field(client: Partner) -> str:
        return f"public_{client.pk}"

    @staticmethod
    def client_label(client: Partner, former: bool) -> str:
        if former:
            return _("Public contracts: %(client)s (former client)") % {"client": client.name}
        return _("Public contracts: %(client)s") % {"client": client.name}

    def amount_fields(self) -> list[str]:
        """The names of the table's input columns, in order."""
        return [name for name in self.fields if name not in ("month", "version", "reason")]

    def clean_volunteer_hours(self) -> Decimal | None:
        hours = self.cleaned_data["volunteer_hours"]
        if hours is not None and hours % QUARTER:
            raise forms.ValidationError(
                _("Please give volunteer hours in quarter hours, for example 2.25 or 2.5."),
                code="quarter",
            )
        return hours

    def values(self) -> MonthValues:
        data = self.cleaned_data
        revenue = {(source.value, None): data[source.value] or ZERO for source in PLAIN_SOURCES}
        for client in self.clients:
            revenue[(Source.PUBLIC.value, client.pk)] = data[self.client_field(client)] or ZERO
        return MonthValues(
            costs=data["costs"] or ZERO,
            volunteer_hours=data["volunteer_hours"] or ZERO,
            volunteers=data["volunteers"] or 0,
            reciprocal=data["reciprocal"],
            revenue=revenue,
        )


class DistributionForm(forms.Form):
    """Profit paid out to private persons (criterion 3)."""

    day = forms.DateField(label=_("Date of payment"), widget=DATE_WIDGET)
    amount = money_field(_("Amount in euros"), min_value=Decimal("0.01"))
    recipients = forms.CharField(
        label=_("Paid to"),
        max_length=200,
        help_text=_("For example: the two founding members."),
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why was profit paid out, and was it decided by the members?"),
    )
