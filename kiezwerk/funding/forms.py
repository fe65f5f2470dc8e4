"""Forms of a grant: the financing plan with its co-financiers, the budget by cost category,
spending of a month, and drawdowns. Amounts and shares are typed the way people write them
("1.234,50" and "12,5" in German)."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.formats import euros
from kiezwerk.funding.enums import CostCategory
from kiezwerk.funding.models import Drawdown, Grant
from kiezwerk.funding.services import CoFinancier
from kiezwerk.initiatives.forms.case import DATE_WIDGET
from kiezwerk.network.forms import LocalizedDecimalField

FIRST_YEAR, LAST_YEAR = 1990, 2100
MAX_CO_FINANCIERS = 20


def money_field(label, **kwargs) -> LocalizedDecimalField:
    return LocalizedDecimalField(label=label, max_digits=14, decimal_places=2, **kwargs)


def share_field(label, **kwargs) -> LocalizedDecimalField:
    return LocalizedDecimalField(
        label=label, max_digits=5, decimal_places=2, max_value=Decimal(100), **kwargs
    )


# ------------------------------------------------------------------------------------------
# The financing plan


class FinancingForm(forms.Form):
    amount = money_field(
        _("Total amount (€)"), help_text=_("The eligible costs of the grant, in euros.")
    )
    eu_share = share_field(
        _("EU share (%)"),
        help_text=_("The part of the total amount the EU fund pays, in percent."),
    )


class CoFinancingRowForm(forms.Form):
    """One co-financier: an existing one (with its id) or, left empty, room for a new one."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Co-financier"), max_length=200, required=False)
    share = share_field(_("Share (%)"), required=False)
    remove = forms.BooleanField(label=_("Remove this co-financier"), required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("remove"):
            return data
        name, share = (data.get("name") or "").strip(), data.get("share")
        if name and share is None and "share" not in self.errors:
            self.add_error("share", _("Please give the co-financier's share."))
        if not name and share is not None:
            self.add_error("name", _("Please name the co-financier."))
        return data

    def co_financier(self) -> CoFinancier | None:
        """The row for services.change_financing; None for an empty row."""
        data = self.cleaned_data
        if not data.get("name") and data.get("id") is None:
            return None
        return CoFinancier(
            pk=data.get("id"),
            name=data.get("name") or "",
            share=data.get("share") or Decimal(0),
            remove=bool(data.get("remove")),
        )


CoFinancingRows = forms.formset_factory(
    CoFinancingRowForm, extra=2, max_num=MAX_CO_FINANCIERS, validate_max=True
)


def co_financing_rows(data, co_financing) -> forms.BaseFormSet:
    """The grant's co-financiers, each a row, and two empty rows to add one."""
    initial = [{"id": row.pk, "name": row.name, "share": row.share} for row in co_financing]
    return CoFinancingRows(data, initial=initial, prefix="co")


def co_financiers(rows: forms.BaseFormSet) -> list[CoFinancier]:
    """The rows of a valid formset for services.change_financing, empty ones left out."""
    found = (form.co_financier() for form in rows.forms)
    return [row for row in found if row is not None]


# ------------------------------------------------------------------------------------------
# The budget


class BudgetForm(forms.Form):
    """The planned amount of each cost category (empty: nothing planned), with what the
    grant has spent in it so far."""

    def __init__(self, *args, spent: dict[str, Decimal], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for value, label in CostCategory.choices:
            help_text = _("Spent so far: %(amount)s") % {"amount": euros(spent.get(value, 0))}
            self.fields[value] = money_field(label, required=False, help_text=help_text)

    def planned(self) -> dict[str, Decimal | None]:
        return {value: self.cleaned_data.get(value) for value in CostCategory.values}


# ------------------------------------------------------------------------------------------
# Spending


class SpendingForm(forms.Form):
    category = forms.ChoiceField(label=_("Cost category"), choices=CostCategory.choices)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    month = forms.TypedChoiceField(
        label=_("Month"), choices=list(MONTHS.items()), coerce=int, empty_value=None
    )
    amount = money_field(
        _("Amount (€)"),
        help_text=_("What the grant spent in this cost category in this month, in euros."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("For example the invoices or the pay period. Please do not name persons here."),
    )


# ------------------------------------------------------------------------------------------
# Drawdowns


def drawdown_sources(grant: Grant, co_financing) -> list[tuple[str, str]]:
    """Who money can be called from: the programme's funder (the EU fund) and the
    co-financiers."""
    names = [grant.programme.funder, *(row.name for row in co_financing)]
    return [(name, name) for name in dict.fromkeys(names)]


class DrawdownForm(forms.Form):
    source = forms.ChoiceField(label=_("From"))
    requested_on = forms.DateField(label=_("Requested on"), widget=DATE_WIDGET)
    amount = money_field(_("Amount (€)"), min_value=Decimal("0.01"))
    received_on = forms.DateField(
        label=_("Received on"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Leave empty while the money has not arrived."),
    )

    def __init__(self, *args, sources: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "---------"), *sources]


class ReceivedForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE_WIDGET)

    def __init__(self, *args, drawdown: Drawdown, **kwargs) -> None:
        today = timezone.localdate()
        kwargs.setdefault("initial", {"received_on": drawdown.received_on or today})
        super().__init__(*args, **kwargs)
