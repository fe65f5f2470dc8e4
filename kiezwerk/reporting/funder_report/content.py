"""The content of a funder report (Sachbericht) for one grant and reporting period: plain values
computed in a fixed number of queries (about a dozen, however many enterprises, consultations
or spending rows there are), then written as PDF, XLSX or CSV by the sibling modules.

The reporting period is cut to the grant's period (a period outside it is refused).

Indicators: one row per indicator with a target in a calendar year the period touches. The
actual value is the indicator's named query (funding.indicators) over exactly the reporting
period. The target is the year's target when the period lies within one year (not prorated: a
half-year report shows the progress towards the year's target); over several years the targets
of those years add up for indicators that count events (funding.attainment.FLOWS), while stocks
and shares have no target for several years, as on the grant page. So a report for a calendar
year shows the numbers of that year's column on the grant page, and a report for the whole
grant period those of its "whole period" column.

Nothing personal: the annex lists only an initiative's neighbourhood, stage, legal form and
founding day, and its name when it shows itself in the public directory; contact persons,
consultation notes, job holders, spending notes and the grant's reader accounts are never read.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, CharField, F, Q, Sum, Value, When
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiezwerk.core.formats import DASH
from kiezwerk.funding import indicators, queries
from kiezwerk.funding.attainment import FLOWS, Cell, targets_of
from kiezwerk.funding.enums import CostCategory
from kiezwerk.funding.models import BudgetLine, CoFinancing, Drawdown, Grant, Indicator, Spending
from kiezwerk.initiatives.enums import LegalForm, Stage
from kiezwerk.initiatives.models import Consultation, Initiative

BERLIN = ZoneInfo("Europe/Berlin")
ZERO = Decimal("0.00")
# Annex rows read from the database at a time while a file is written.
CHUNK = 200

# The manager's text fields, in the order the report shows them.
COMMENTARY_FIELDS: list[tuple[str, Promise]] = [
    ("summary", gettext_lazy("Summary of the period")),
    ("progress", gettext_lazy("Progress against the targets")),
    ("deviations", gettext_lazy("Deviations and their reasons")),
    ("outlook", gettext_lazy("Outlook and next steps")),
]

# A fact's value: text, money (Decimal in euros), a percentage, a day or a moment.
TEXT, MONEY, PERCENT, DATE, MOMENT = "text", "money", "percent", "date", "moment"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str | Decimal | dt.date | dt.datetime
    kind: str = TEXT


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    name: str
    unit: str
    target: Decimal | None
    actual: Decimal | None
    attainment: Decimal | None  # percent, one decimal; None without a target


@dataclass(frozen=True)
class FinancingLine:
    label: str
    share: Decimal  # percent
    amount: Decimal


@dataclass(frozen=True)
class CostLine:
    """A cost category: planned, spent in the months of the period and up to its end."""

    label: str
    planned: Decimal
    spent_in_period: Decimal
    spent_to_end: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent_to_end


@dataclass(frozen=True)
class DrawdownLine:
    """Drawdowns of one source requested, and received, by the end of the period."""

    source: str
    requested: Decimal
    received: Decimal

    @property
    def outstanding(self) -> Decimal:
        return self.requested - self.received


@dataclass(frozen=True)
class Enterprise:
    name: str
    neighbourhood: str
    stage: str
    legal_form: str
    founded_on: dt.date | None


@dataclass(frozen=True)
class Commentary:
    key: str
    label: str
    text: str  # DASH when the manager left it empty


@dataclass
class ReportContent:
    title: str
    grant_title: str
    start: dt.date
    end: dt.date
    generated_at: dt.datetime  # Europe/Berlin
    cover: list[Fact]
    agency: list[Fact]  # agency and programme data
    indicators: list[IndicatorLine]
    commentary: list[Commentary]
    financing: list[FinancingLine]
    financing_total: Decimal
    financing_exceeded: bool  # the shares add up to more than 100 percent
    budget: list[CostLine]
    budget_total: CostLine
    drawdowns: list[DrawdownLine]
    drawdowns_total: DrawdownLine
    enterprises: "Annex | list[Enterprise]" = field(default_factory=list)

    @property
    def period(self) -> str:
        """The reporting period in the active language: 01.01.2004 – 31.12.2004."""
        return f"{_day(self.start)} – {_day(self.end)}"

    @property
    def document_title(self) -> str:
        return f"{self.title}: {self.grant_title}, {self.period}"


def build(grant: Grant, start: dt.date, end: dt.date, commentary: dict[str, str]) -> ReportContent:
    """The report of `grant` for the days `start` to `end` (cut to the grant's period), with
    the manager's `commentary` ({key of COMMENTARY_FIELDS: text}; other keys are ignored).
    Labels are translated into the active language. ValueError for a period that ends before
    it starts or lies outside the grant's period."""
    grant = Grant.objects.select_related("agency", "programme").get(pk=grant.pk)
    first, last = reported_period(grant, start, end)
    budget, budget_total = _budget(grant, first, last)
    drawdowns, drawdowns_total = _drawdowns(grant, last)
    plan = queries.financing_plan(
        grant, list(CoFinancing.objects.filter(grant=grant)), grant.programme.funder
    )
    content = ReportContent(
        title=_("Progress report"),
        grant_title=grant.title,
        start=first,
        end=last,
        generated_at=timezone.localtime(timezone.now(), BERLIN),
        cover=[],
        agency=_agency_facts(grant),
        indicators=_indicator_lines(grant, first, last),
        commentary=_commentary(commentary),
        financing=[
            FinancingLine(_part_label(part, grant), part.share, part.amount) for part in plan.parts
        ],
        financing_total=plan.amount,
        financing_exceeded=plan.exceeded,
        budget=budget,
        budget_total=budget_total,
        drawdowns=drawdowns,
        drawdowns_total=drawdowns_total,
        enterprises=Annex(grant.agency_id, first, last).counted(),
    )
    content.cover = _cover_facts(grant, content)
    return content


def reported_period(grant: Grant, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The days `start` to `end` cut to the grant's period."""
    first, last = max(start, grant.start_date), min(end, grant.end_date)
    if end < start or last < first:
        raise ValueError(
            f"The period {start}–{end} is empty or lies outside the grant's period "
            f"{grant.start_date}–{grant.end_date}."
        )
    return first, last


def language() -> str:
    """The active language, for `<html lang>`."""
    return translation.get_language() or settings.LANGUAGE_CODE


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


# ------------------------------------------------------------------------------------------
# Cover, agency and programme


def _cover_facts(grant: Grant, content: ReportContent) -> list[Fact]:
    programme = grant.programme
    return [
        Fact(_("Grant"), grant.title),
        Fact(_("Programme"), programme.name),
        Fact(_("Fund"), str(programme.get_fund_display())),
        Fact(_("Funder"), programme.funder),
        Fact(_("Agency"), grant.agency.name),
        Fact(_("Reporting period"), content.period),
        Fact(_("Generated on"), content.generated_at, MOMENT),
    ]


def _agency_facts(grant: Grant) -> list[Fact]:
    agency, programme = grant.agency, grant.programme
    town = f"{agency.postcode} {agency.city}".strip()
    address = ", ".join(part for part in (agency.street, town) if part)
    return [
        Fact(_("Agency"), agency.name),
        Fact(_("Legal entity"), agency.legal_entity or DASH),
        Fact(_("Address"), address or DASH),
        Fact(_("Programme"), programme.name),
        Fact(_("Fund"), str(programme.get_fund_display())),
        Fact(_("Funder"), programme.funder),
        Fact(_("Grant"), grant.title),
        Fact(_("Grant period"), f"{_day(grant.start_date)} – {_day(grant.end_date)}"),
        Fact(_("Total amount"), grant.amount, MONEY),
        Fact(_("EU share"), grant.eu_share, PERCENT),
    ]


# ------------------------------------------------------------------------------------------
# Indicators


def _indicator_lines(grant: Grant, first: dt.date, last: dt.date) -> list[IndicatorLine]:
    """Two queries for the targets and indicators, then one per reader of the registry."""
    years = range(first.year, last.year + 1)
    targets = {key: value for key, value in targets_of(grant).items() if key[1] in years}
    found = list(
        Indicator.objects.filter(pk__in={pk for pk, _year in targets}).order_by("level", "code")
    )
    keys = sorted({item.query for item in found if item.query in indicators.QUERIES})
    values = indicators.actuals(keys, grant.agency_id, first, last) if keys else {}
    lines = []
    for item in found:
        actual = values.get(item.query)
        target = _target(item, [targets.get((item.pk, year)) for year in years])
        attained = Cell(actual, target).attainment if actual is not None else None
        lines.append(IndicatorLine(item.code, item.name, item.unit, target, actual, attained))
    return lines


def _target(indicator: Indicator, yearly: list[Decimal | None]) -> Decimal | None:
    """The year's target; over several years the sum for flows, none for stocks and shares
    (as funding.attainment does for the whole period)."""
    if len(yearly) == 1:
        return yearly[0]
    if indicator.query not in FLOWS:
        return None
    return sum((value for value in yearly if value is not None), ZERO) or None


# ------------------------------------------------------------------------------------------
# Commentary


def _commentary(texts: dict[str, str]) -> list[Commentary]:
    return [
        Commentary(key, str(label), (texts.get(key) or "").strip() or DASH)
        for key, label in COMMENTARY_FIELDS
    ]


# ------------------------------------------------------------------------------------------
# Money


def _part_label(part: queries.Part, grant: Grant) -> str:
    if part.kind == "eu":
        fund = grant.programme.get_fund_display()
        return _("EU share: %(funder)s (%(fund)s)") % {"funder": part.name, "fund": fund}
    if part.kind == "co":
        return _("Co-financing: %(name)s") % {"name": part.name}
    return _("Own funds / not covered")


def _budget(grant: Grant, first: dt.date, last: dt.date) -> tuple[list[CostLine], CostLine]:
    """Per cost category with a budget line or spending by the end of the period (catalogue
    order): planned, spent in the months of the period and up to its end. Two queries."""
    planned = dict(BudgetLine.objects.filter(grant=grant).values_list("category", "planned"))
    to_end = Q(year__lt=last.year) | Q(year=last.year, month__lte=last.month)
    from_start = Q(year__gt=first.year) | Q(year=first.year, month__gte=first.month)
    sums = (
        Spending.objects.filter(to_end, grant=grant)
        .order_by()
        .values_list("category")
        .annotate(in_period=Sum("amount", filter=from_start), to_end=Sum("amount"))
    )
    spent = {category: (in_period, total) for category, in_period, total in sums}
    lines = []
    for category, label in CostCategory.choices:
        if category not in planned and category not in spent:
            continue
        in_period, total = spent.get(category, (ZERO, ZERO))
        lines.append(
            CostLine(
                str(label),
                planned.get(category, ZERO),
                queries.cents(in_period or ZERO),
                queries.cents(total or ZERO),
            )
        )
    total = CostLine(
        _("Total"),
        sum((line.planned for line in lines), ZERO),
        sum((line.spent_in_period for line in lines), ZERO),
        sum((line.spent_to_end for line in lines), ZERO),
    )
    return lines, total


def _drawdowns(grant: Grant, last: dt.date) -> tuple[list[DrawdownLine], DrawdownLine]:
    """Per source, what was requested by the end of the period and what of it had come in by
    then: one query."""
    sums = (
        Drawdown.objects.filter(grant=grant, requested_on__lte=last)
        .order_by("source")
        .values_list("source")
        .annotate(
            requested=Sum("amount"),
            received=Sum("amount", filter=Q(received_on__lte=last), default=ZERO),
        )
    )
    lines = [
        DrawdownLine(source, queries.cents(requested), queries.cents(received))
        for source, requested, received in sums
    ]
    total = DrawdownLine(
        _("Total"),
        sum((line.requested for line in lines), ZERO),
        sum((line.received for line in lines), ZERO),
    )
    return lines, total


# ------------------------------------------------------------------------------------------
# The annex


@dataclass(frozen=True)
class Annex:
    """The annex: the agency's initiatives with at least one consultation in the period, once
    each, as the indicator `initiatives_supported` counts them (archived ones left out).

    The rows are read from the database each time a writer goes through them, in chunks, and
    never held all at once: a Berlin-sized report lists thousands. Their number is counted once
    when the report is built (`len()`, and false when there are none).

    A funder may see what the public sees: an initiative is named only when it shows itself in
    the public directory (`is_public`, its own choice). The others are rows without a name
    (neighbourhood, stage, legal form, founding day), after the named ones: a group of residents
    planning an enterprise can often be told from its name. Only these public fields are read.
    """

    agency_id: int
    first: dt.date
    last: dt.date
    count: int = 0

    def query(self):
        consulted = Consultation.objects.filter(
            agency_id=self.agency_id, held_on__range=(self.first, self.last)
        ).values("initiative_id")
        name_if_public = Case(
            When(is_public=True, then=F("name")), default=Value(""), output_field=CharField()
        )
        return (
            Initiative.objects.filter(
                agency_id=self.agency_id, archived_at__isnull=True, pk__in=consulted
            )
            .order_by(F("is_public").desc(), name_if_public, "neighbourhood__name", "stage", "pk")
            .values_list(
                "is_public", "name", "neighbourhood__name", "stage", "legal_form", "founded_on"
            )
        )

    def counted(self) -> "Annex":
        return replace(self, count=self.query().count())

    def __iter__(self) -> Iterator[Enterprise]:
        stages, forms = dict(Stage.choices), dict(LegalForm.choices)
        unnamed = _("Not in the public directory")
        for public, name, hood, stage, form, day in self.query().iterator(chunk_size=CHUNK):
            yield Enterprise(
                name if public else unnamed,
                hood,
                str(stages.get(stage, stage)),
                str(forms.get(form, form)),
                day,
            )

    def __len__(self) -> int:
        return self.count
