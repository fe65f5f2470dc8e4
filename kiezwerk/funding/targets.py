"""A grant's targets: one form with a field per indicator and year of the grant, and saving
it (atomic, logged with before and after; an emptied field removes the target)."""

from decimal import Decimal

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.activity import log_action
from kiezwerk.funding.attainment import Span, grant_spans, targets_of
from kiezwerk.funding.models import Grant, Indicator, Target
from kiezwerk.network.forms import LocalizedDecimalField


def field_name(indicator_id: int, year: int) -> str:
    return f"target_{indicator_id}_{year}"


class TargetsForm(forms.Form):
    """Targets of a grant: a field per active indicator of the catalogue and year."""

    def __init__(self, *args, grant: Grant, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.grant = grant
        self.spans: list[Span] = grant_spans(grant)
        self.indicators = list(Indicator.objects.active().order_by("level", "code"))
        saved = targets_of(grant)
        for indicator in self.indicators:
            for span in self.spans:
                name = field_name(indicator.pk, span.year)
                self.fields[name] = LocalizedDecimalField(
                    label=_("%(indicator)s, %(year)s")
                    % {"indicator": indicator.name, "year": span.year},
                    max_digits=14,
                    decimal_places=2,
                    required=False,
                )
                self.initial[name] = saved.get((indicator.pk, span.year))

    def rows(self):
        """(indicator, [bound field per year]) for the table."""
        return [
            (indicator, [self[field_name(indicator.pk, span.year)] for span in self.spans])
            for indicator in self.indicators
        ]

    def values(self) -> dict[tuple[int, int], Decimal | None]:
        return {
            (indicator.pk, span.year): self.cleaned_data[field_name(indicator.pk, span.year)]
            for indicator in self.indicators
            for span in self.spans
        }


@transaction.atomic
def save_targets(grant: Grant, values: dict[tuple[int, int], Decimal | None], *, actor) -> int:
    """Set the grant's targets to `values` ({(indicator id, year): value or None}); the number
    of targets changed."""
    Grant.objects.select_for_update().filter(pk=grant.pk).first()
    saved = {(t.indicator_id, t.year): t for t in Target.objects.filter(grant=grant)}
    changes = {}
    for (indicator, year), value in values.items():
        target = saved.get((indicator, year))
        before = target.value if target else None
        if before == value:
            continue
        if value is None:
            target.delete()
        elif target is None:
            Target.objects.create(grant=grant, indicator_id=indicator, year=year, value=value)
        else:
            target.value = value
            target.save(update_fields=["value", "updated_at"])
        changes[f"{indicator}:{year}"] = [_text(before), _text(value)]
    if changes:
        log_action(actor, "funding.targets_changed", grant, {"targets": changes})
    return len(changes)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"
