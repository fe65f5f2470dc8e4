"""What the figures show for criteria 3 and 4 of a social enterprise, beside the advisor's
rating (the case page and the criteria form, through the `economy_evidence` template tags).

Criterion 3 (profit is not distributed): per recent year the result, what was paid out to
private persons and what stayed in the enterprise. Criterion 4 (a mix of three sources): the
latest year's shares of public contracts, market sales and volunteer work, how many of them
contribute, and that year's dependency warnings. Four queries, whatever the number of business
lines, months and years.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kiezwerk.core.formats import euros, percent
from kiezwerk.economy.models import Distribution
from kiezwerk.economy.queries import MIX, ZERO, Period, Scope, financing_mix
from kiezwerk.economy.warnings import DependencyWarning, dependency_warnings, threshold_for

RECENT_YEARS = 4


@dataclass
class ProfitYear:
    year: int
    result: Decimal  # revenue minus costs
    distributed: Decimal  # paid out to private persons

    @property
    def kept(self) -> Decimal:
        return self.result - self.distributed


@dataclass
class CriteriaEvidence:
    years: list[ProfitYear]  # the recent years with figures or distributions, oldest first
    distributions: list[Distribution]  # those of these years, oldest first
    latest: Period | None  # the latest year of the financing mix
    warnings: list[DependencyWarning]  # of the latest year

    @property
    def has_figures(self) -> bool:
        return bool(self.years)

    def profit_sentences(self) -> list[tuple[str, list[str]]]:
        """(sentence, its list of distributions) for criterion 3: one per year in which profit
        was paid out, else one saying that none was."""
        if not self.distributions:
            span = _span([found.year for found in self.years])
            sentence = _(
                "No profit was paid out to private persons in %(years)s; surpluses stayed in "
                "the enterprise."
            )
            return [(sentence % {"years": span}, [])]
        return [
            (_paid_out(found), self._paid_in(found.year))
            for found in self.years
            if found.distributed > 0
        ]

    def _paid_in(self, year: int) -> list[str]:
        return [
            _("%(month)s: %(amount)s to %(recipients)s. %(explanation)s")
            % {
                "month": f"{found.month:02}/{found.year}",
                "amount": euros(found.amount),
                "recipients": found.recipients,
                "explanation": found.explanation,
            }
            for found in self.distributions
            if found.year == year
        ]

    def financing_sentences(self) -> list[str]:
        """Criterion 4: the latest year's shares, the sources that contribute, grants apart."""
        latest = self.latest
        if latest is None:
            return []
        shares = latest.shares()
        if shares is None:
            return [_("In %(year)s, none of the three sources brought anything in.") % _of(latest)]
        public, market, volunteer = (percent(share, 0) for share in shares)
        sentences = [
            _(
                "In %(year)s: public contracts %(public)s, market sales %(market)s, volunteer "
                "work %(volunteer)s of the financing mix."
            )
            % {**_of(latest), "public": public, "market": market, "volunteer": volunteer}
        ]
        count = sum(1 for source in MIX if getattr(latest, source) > 0)
        sentences.append(
            ngettext(
                "%(count)s of the three sources contributes.",
                "%(count)s of the three sources contribute.",
                count,
            )
            % {"count": count}
        )
        if latest.grants > 0:
            sentences.append(
                _("Grants of %(grants)s come on top; they are not part of the mix.")
                % {"grants": euros(latest.grants)}
            )
        return sentences


def evidence_for(initiative) -> CriteriaEvidence:
    """The evidence of `initiative`'s figures for criteria 3 and 4."""
    mix = financing_mix(Scope.of_enterprise(initiative))
    paid = list(
        Distribution.objects.filter(
            agency_id=initiative.agency_id, initiative=initiative, archived_at__isnull=True
        ).order_by("year", "month", "pk")
    )
    years = sorted({p.year for p in mix.years} | {d.year for d in paid})[-RECENT_YEARS:]
    recent = [_profit_year(year, mix.year(year), paid) for year in years]
    latest = mix.years[-1] if mix.years else None
    warnings = []
    if latest is not None:
        found = dependency_warnings(mix, threshold_for(initiative.agency_id))
        warnings = [warning for warning in found if warning.year == latest.year]
    shown = [found for found in paid if found.year in years]
    return CriteriaEvidence(recent, shown, latest, warnings)


def _profit_year(year: int, period: Period | None, paid: list[Distribution]) -> ProfitYear:
    distributed = sum((found.amount for found in paid if found.year == year), ZERO)
    return ProfitYear(year, period.result if period else ZERO, distributed)


def _paid_out(year: ProfitYear) -> str:
    return _("In %(year)s, %(amount)s were paid out to private persons:") % {
        "year": year.year,
        "amount": euros(year.distributed),
    }


def _of(period: Period) -> dict:
    return {"year": period.year}


def _span(years: list[int]) -> str:
    """2004–2007, or 2007 for one year."""
    if years[0] == years[-1]:
        return str(years[0])
    return f"{years[0]}\N{EN DASH}{years[-1]}"
