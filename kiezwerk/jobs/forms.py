"""Forms of an enterprise's jobs: a position, and what ESF reporting asks about the person in it
(optional as a whole, pseudonymised). Hours are typed the way people write them ("19,5")."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kiezwerk.economy.models import BusinessLine
from kiezwerk.initiatives.forms.case import DATE_WIDGET
from kiezwerk.initiatives.models import Initiative
from kiezwerk.jobs.enums import ContractType, Instrument, LegalBasis, Origin, Residence
from kiezwerk.jobs.models import FULL_TIME_HOURS, Holder, Position
from kiezwerk.network.forms import LocalizedDecimalField

LEAST_HOURS = Decimal("0.01")


def hours_field(label, most: int, **kwargs) -> LocalizedDecimalField:
    return LocalizedDecimalField(
        label=label,
        max_digits=5,
        decimal_places=2,
        min_value=LEAST_HOURS,
        max_value=Decimal(most),
        error_messages={"min_value": _("Please give more than 0 hours.")},
        **kwargs,
    )


class LineField(forms.ModelChoiceField):
    def label_from_instance(self, obj: BusinessLine) -> str:
        return obj.name


class PositionForm(forms.ModelForm):
    """A position of the enterprise: contract, hours (FTE follow from them), dates, whether it
    was created during support, whether it is additional (and why)."""

    line = LineField(
        queryset=BusinessLine.objects.none(),
        label=_("Business line"),
        required=False,
        empty_label=_("none in particular"),
        help_text=_("The business line the job belongs to, if any."),
    )
    weekly_hours = hours_field(_("Hours per week"), 80, help_text=_("For example 19,5"))
    full_time_hours = hours_field(
        _("Full-time hours per week"),
        60,
        initial=FULL_TIME_HOURS,
        help_text=_("What a full-time position has in this enterprise; FTE are counted from it."),
    )
    origin = forms.ChoiceField(
        label=_("Created or maintained"), choices=Origin.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Position
        fields = [
            "title",
            "line",
            "contract_type",
            "instrument",
            "instrument_note",
            "weekly_hours",
            "full_time_hours",
            "start_date",
            "end_date",
            "origin",
            "additional",
            "justification",
        ]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "justification": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, initiative: Initiative, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The enterprise's active lines, and the one the position has (so that an edit keeps it).
        lines = BusinessLine.objects.filter(agency_id=initiative.agency_id, initiative=initiative)
        self.fields["line"].queryset = lines.filter(
            Q(archived_at__isnull=True) | Q(pk=self.instance.line_id)
        ).order_by("name", "pk")
        self.fields["end_date"].help_text = _("Leave empty while the job goes on.")

    def clean(self) -> dict:
        data = super().clean()
        self._check_instrument(data)
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        if data.get("additional") and not data.get("justification", "").strip():
            self.add_error(
                "justification",
                _("Please say why the job would not exist without the enterprise and its support."),
            )
        return data

    def _check_instrument(self, data: dict) -> None:
        """An instrument for subsidised employment only (and then one is needed); a name for
        it only when it is "other"."""
        instrument, note = data.get("instrument", ""), data.get("instrument_note", "").strip()
        if "contract_type" in data:
            subsidised = data["contract_type"] == ContractType.SUBSIDISED
            if subsidised and not instrument:
                self.add_error(
                    "instrument",
                    _("Subsidised employment needs the instrument that pays for it."),
                )
            elif instrument and not subsidised:
                self.add_error(
                    "instrument",
                    _("Only subsidised employment has an instrument: please leave it empty."),
                )
        if instrument == Instrument.OTHER and not note:
            self.add_error("instrument_note", _("Please name the instrument."))
        elif note and instrument != Instrument.OTHER:
            self.add_error(
                "instrument_note",
                _("Name an instrument here only when you chose “other instrument”."),
            )

    def position_fields(self) -> dict:
        """Keyword arguments for services.record_position / update_position."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self._meta.fields}
        fields["instrument_note"] = fields["instrument_note"].strip()
        return fields


class HolderForm(forms.ModelForm):
    """What ESF participant reporting asks about the person in a position, without a name.
    Optional as a whole: left empty, no data about the person are stored; with anything filled
    in, the code, status, age band, gender and legal basis are needed. Once stored, they can be
    changed but not left empty."""

    NEEDED = ("pseudonym", "prior_status", "age_band", "gender", "legal_basis")

    disadvantages = forms.MultipleChoiceField(
        label=_("Disadvantages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick what applies to the person, as in ESF participant reporting."),
    )

    class Meta:
        model = Holder
        fields = ["pseudonym", "prior_status", "age_band", "gender", "residence", "legal_basis"]
        labels = {"residence": _("Where the person lives")}
        widgets = {"legal_basis": forms.RadioSelect}

    field_order = [*Meta.fields[:5], "disadvantages", "legal_basis"]

    def __init__(self, *args, agency_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.agency_id = agency_id
        self.optional = self.instance.pk is None
        self.fields["legal_basis"].choices = LegalBasis.choices
        self.fields["residence"].required = False  # "not known" when left out
        self.fields["residence"].help_text = _("Seen from the enterprise's neighbourhood.")
        self.fields["disadvantages"].choices = [
            (name, capfirst(Holder._meta.get_field(name).verbose_name))
            for name in Holder.DISADVANTAGES
        ]
        self.fields["disadvantages"].initial = [
            name for name in Holder.DISADVANTAGES if getattr(self.instance, name)
        ]
        for name in self.NEEDED:
            self.fields[name].required = not self.optional

    def clean_pseudonym(self) -> str:
        pseudonym = self.cleaned_data["pseudonym"].strip()
        taken = Holder.objects.filter(agency_id=self.agency_id, pseudonym__iexact=pseudonym)
        if pseudonym and taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("This code is already used for another position. Please choose another one.")
            )
        return pseudonym

    def clean(self) -> dict:
        data = super().clean()
        if self.optional and not self.is_empty():
            for name in self.NEEDED:
                if name not in self.errors and not data.get(name):
                    self.add_error(
                        name,
                        _(
                            "Needed when you give details about the person. Or leave the whole "
                            "part about the person empty."
                        ),
                    )
        return data

    def is_empty(self) -> bool:
        """Nothing filled in (the residence left at "not known")."""
        data = self.cleaned_data
        filled = [data.get(name) for name in (*self.NEEDED, "disadvantages")]
        residence = data.get("residence") not in ("", None, Residence.UNKNOWN)
        return not any(filled) and not residence and not self.errors

    def holder_values(self) -> dict | None:
        """The holder's data for the services, or None when the form was left empty."""
        if self.optional and self.is_empty():
            return None
        data = self.cleaned_data
        ticked = set(data["disadvantages"])
        values = {name: data[name] for name in self._meta.fields}
        values["residence"] = values["residence"] or Residence.UNKNOWN
        return values | {name: name in ticked for name in Holder.DISADVANTAGES}
