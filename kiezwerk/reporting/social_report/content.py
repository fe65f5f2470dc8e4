"""The content of a social report after the Social Reporting Standard (SRS, 2014): seven
sections, each with its live figures for the reporting period (tables computed from the data)
and the narrative text management writes for it.

The sections follow the SRS chapters, merged and shortened as the agency reports:
vision and scope (A), problem and approach (B), resources, outputs and outcomes (C), planning
and outlook (D), organisation and team (E), partnerships and networks (E), finances (G).
Outputs and outcomes are the indicator catalogue grouped by its step on the impact ladder
(steps 1–3 outputs, 4–7 outcomes and impact), each compared with the period of equal length
before. Labels are in the active language; build under the language of the document.

The whole report costs a fixed number of queries (about thirty), however many records there
are, and reads nothing personal (see queries.py)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiezwerk.accounts.enums import STAFF_ROLES, Role
from kiezwerk.funding import indicators
from kiezwerk.funding.enums import CostCategory, ImpactLevel
from kiezwerk.funding.models import Grant, Indicator
from kiezwerk.funding.queries import financing_plan
from kiezwerk.initiatives.enums import CRITERIA
from kiezwerk.network.enums import OfferKind
from kiezwerk.reporting.funder_report.content import DASH, MONEY, PERCENT
from kiezwerk.reporting.funder_report.tables import NUMBER, Cell, Column, Table
from kiezwerk.reporting.models import SocialReport
from kiezwerk.reporting.social_report import queries

BERLIN = ZoneInfo("Europe/Berlin")
ZERO = Decimal("0.00")
TEXT_MAX = 10_000

# (key, heading, what the narrative should say): the SRS chapters as the agency reports them.
SECTIONS: list[tuple[str, Promise, Promise]] = [
    (
        "vision",
        gettext_lazy("Vision and scope"),
        gettext_lazy("What the agency wants to change, and what this report covers."),
    ),
    (
        "problem",
        gettext_lazy("The social problem and our approach"),
        gettext_lazy(
            "Which needs of the neighbourhoods are not met, why, and how social enterprises "
            "founded by residents meet them."
        ),
    ),
    (
        "results",
        gettext_lazy("Resources, outputs and outcomes in the reporting period"),
        gettext_lazy(
            "What was put in, what was done and what changed; how the results are evaluated "
            "and how they compare with the previous period."
        ),
    ),
    (
        "planning",
        gettext_lazy("Planning and outlook"),
        gettext_lazy("Plans and goals for the next period, opportunities and risks."),
    ),
    (
        "organisation",
        gettext_lazy("Organisational structure and team"),
        gettext_lazy("How the agency is organised and who does the work (roles, not names)."),
    ),
    (
        "partnerships",
        gettext_lazy("Partnerships, cooperations and networks"),
        gettext_lazy("Who the agency works with, and what the network brought in."),
    ),
    (
        "finances",
        gettext_lazy("Finances and accounting"),
        gettext_lazy(
            "Where the money came from, what it was spent on, and how it is accounted for."
        ),
    ),
]
SECTION_KEYS = [key for key, _title, _prompt in SECTIONS]

# Steps of the impact ladder: 1 to 3 are outputs, 4 to 7 outcomes and impact.
OUTPUT_LEVELS = (ImpactLevel.ACTIVITIES, ImpactLevel.REACH, ImpactLevel.ACCEPTANCE)
# Keys the resources table reads, computed with the catalogue's keys.
RESOURCE_KEYS = ("resources_received", "resource_value", "resource_hours", "volunteer_hours")


@dataclass
class Section:
    key: str
    title: str
    prompt: str
    text: str  # the manager's narrative, "" when not written yet
    tables: list[Table] = field(default_factory=list)


@dataclass
class SocialReportContent:
    title: str
    agency: str
    start: dt.date
    end: dt.date
    previous_start: dt.date
    previous_end: dt.date
    generated_at: dt.datetime  # Europe/Berlin
    sections: list[Section]

    @property
    def period(self) -> str:
        return _span(self.start, self.end)

    @property
    def previous_period(self) -> str:
        return _span(self.previous_start, self.previous_end)

    @property
    def document_title(self) -> str:
        return f"{self.title}: {self.agency}, {self.period}"


def _span(start: dt.date, end: dt.date) -> str:
    return f"{date_format(start, 'SHORT_DATE_FORMAT')} – {date_format(end, 'SHORT_DATE_FORMAT')}"


@dataclass
class Figures:
    """Everything the sections show, read once."""

    report: SocialReport
    hoods: list[queries.Hood]
    staff: dict[str, int]
    grants: list[Grant]
    actuals: dict[str, Decimal]
    previous: dict[str, Decimal]
    catalogue: list[Indicator]


def build(report: SocialReport) -> SocialReportContent:
    """The report's content for its period; `report.agency` is read, not fetched again."""
    start, end = report.start, report.end
    previous_start, previous_end = queries.previous_period(start, end)
    catalogue = queries.catalogue()
    known = {item.query for item in catalogue if item.query in indicators.QUERIES}
    keys = sorted(known | set(RESOURCE_KEYS))
    agency_id = report.agency_id
    figures = Figures(
        report=report,
        hoods=queries.neighbourhoods(report.agency),
        staff=queries.staff_by_role(report.agency),
        grants=queries.grants(report.agency, start, end),
        actuals=indicators.actuals(keys, agency_id, start, end),
        previous=indicators.actuals(keys, agency_id, previous_start, previous_end),
        catalogue=catalogue,
    )
    tables = {
        "vision": _vision(figures),
        "problem": _problem(figures),
        "results": _results(figures),
        "planning": _planning(figures),
        "organisation": _organisation(figures),
        "partnerships": _partnerships(figures),
        "finances": _finances(figures),
    }
    texts = report.texts or {}
    return SocialReportContent(
        title=report.title,
        agency=report.agency.name,
        start=start,
        end=end,
        previous_start=previous_start,
        previous_end=previous_end,
        generated_at=timezone.localtime(timezone.now(), BERLIN),
        sections=[
            Section(key, str(title), str(prompt), str(texts.get(key) or ""), tables[key])
            for key, title, prompt in SECTIONS
        ],
    )


def _table(key: str, title: str, caption: str, columns: list[Column], rows, **rest) -> Table:
    return Table(key, title, title, caption=caption, columns=columns, rows=rows, **rest)


@dataclass
class FactTable(Table):
    """Label and value per row: values are aligned as text, whatever they hold."""

    facts: bool = True


def _facts(key: str, title: str, caption: str, facts: list[tuple[str, Cell]]) -> Table:
    return FactTable(
        key,
        title,
        title,
        caption=caption,
        columns=[Column(_("Item")), Column(_("Value"))],
        rows=[[Cell(label), value] for label, value in facts],
    )


def _count(value) -> Cell:
    return Cell(Decimal(value or 0), NUMBER)


# ------------------------------------------------------------------------------------------
# A Vision and scope


def _vision(figures: Figures) -> list[Table]:
    report, hoods = figures.report, figures.hoods
    districts = sorted({hood.district for hood in hoods})
    facts = [
        (_("Agency"), Cell(report.agency.name)),
        (_("Legal entity"), Cell(report.agency.legal_entity or DASH)),
        (_("Reporting period"), Cell(_span(report.start, report.end))),
        (_("Neighbourhoods served"), _count(len(hoods))),
        (_("Districts"), Cell(", ".join(districts) or DASH)),
    ]
    served = _table(
        "neighbourhoods",
        _("Neighbourhoods served"),
        _("The neighbourhoods the agency works in, with their district"),
        [Column(_("Neighbourhood")), Column(_("District")), Column(_("Kind"))],
        [[Cell(hood.name), Cell(hood.district), Cell(hood.kind)] for hood in hoods],
        note="" if hoods else _("The agency has no neighbourhood yet."),
    )
    caption = _("The agency, the period and the area the report covers")
    return [_facts("scope", _("Scope of the report"), caption, facts), served]


# ------------------------------------------------------------------------------------------
# B The social problem and our approach


def _problem(figures: Figures) -> list[Table]:
    report = figures.report
    rows = queries.needs_by_category(report.agency, report.start, report.end)
    needs = _table(
        "needs",
        _("Needs raised and met"),
        _("Needs raised and needs met in the reporting period, by category"),
        [
            Column(_("Category")),
            Column(_("Raised"), numeric=True),
            Column(_("Met"), numeric=True),
        ],
        [[Cell(name), _count(raised), _count(met)] for name, raised, met in rows],
        footer=[
            Cell(_("Total")),
            _count(sum(row[1] for row in rows)),
            _count(sum(row[2] for row in rows)),
        ]
        if rows
        else None,
        note="" if rows else _("No need was raised or met in the reporting period."),
    )
    criteria = _table(
        "criteria",
        _("Our approach: the four criteria of a social enterprise"),
        _("What the enterprises the agency supports stand for"),
        [Column(_("Criterion")), Column(_("What it means"))],
        [
            [Cell(_("Criterion %(number)s") % {"number": number}), Cell(str(label))]
            for number, (_key, label) in enumerate(CRITERIA, start=1)
        ],
    )
    return [needs, criteria]


# ------------------------------------------------------------------------------------------
# C Resources, outputs and outcomes


def _results(figures: Figures) -> list[Table]:
    values = figures.actuals
    team = sum(figures.staff.values())
    resources = [
        (_("Grants active in the reporting period"), _count(len(figures.grants))),
        (_("Team (people)"), _count(team)),
        (_("Partner resources received (referrals)"), _count(values["resources_received"])),
        (_("Value of partner resources received"), Cell(values["resource_value"], MONEY)),
        (_("Hours of partner resources received"), Cell(values["resource_hours"], NUMBER)),
        (_("Volunteer hours in the enterprises"), Cell(values["volunteer_hours"], NUMBER)),
    ]
    outputs = [item for item in figures.catalogue if item.level in OUTPUT_LEVELS]
    outcomes = [item for item in figures.catalogue if item.level not in OUTPUT_LEVELS]
    return [
        _facts("input", _("Input: resources"), _("What went into the work"), resources),
        _grants_input(figures),
        _indicator_table(
            "outputs",
            _("Output: activities and reach"),
            _("Indicators of the impact steps 1 to 3, this period and the period before"),
            outputs,
            figures,
        ),
        _indicator_table(
            "outcomes",
            _("Outcome and impact"),
            _("Indicators of the impact steps 4 to 7, this period and the period before"),
            outcomes,
            figures,
        ),
    ]


def _grants_input(figures: Figures) -> Table:
    grants = figures.grants
    return _table(
        "grants_input",
        _("Grants"),
        _("Grants active in the reporting period: amount and spending in the period"),
        [
            Column(_("Grant")),
            Column(_("Total amount"), numeric=True),
            Column(_("Spent in the reporting period"), numeric=True),
        ],
        [[Cell(g.title), Cell(g.amount, MONEY), Cell(g.spent, MONEY)] for g in grants],
        footer=[
            Cell(_("Total")),
            Cell(sum((g.amount for g in grants), ZERO), MONEY),
            Cell(sum((g.spent for g in grants), ZERO), MONEY),
        ]
        if grants
        else None,
        note="" if grants else _("No grant was active in the reporting period."),
    )


def _indicator_table(
    key: str, title: str, caption: str, items: list[Indicator], figures: Figures
) -> Table:
    """Each indicator's actual value in the period and in the period before."""
    rows = [
        [
            Cell(f"{item.code} {item.name}"),
            Cell(item.get_level_display()),
            Cell(item.unit),
            Cell(figures.actuals.get(item.query), NUMBER),
            Cell(figures.previous.get(item.query), NUMBER),
        ]
        for item in items
    ]
    return _table(
        key,
        title,
        caption,
        [
            Column(_("Indicator")),
            Column(_("Impact step")),
            Column(_("Unit")),
            Column(_("Reporting period"), numeric=True),
            Column(_("Previous period"), numeric=True),
        ],
        rows,
        note=_(
            "The previous period is the period of equal length just before the reporting "
            "period. A dash: the indicator has no query over the data."
        )
        if rows
        else _("The indicator catalogue has no indicator on these steps."),
    )


# ------------------------------------------------------------------------------------------
# D Planning and outlook


def _planning(figures: Figures) -> list[Table]:
    year = figures.report.end.year + 1
    targets = queries.targets_in([grant.pk for grant in figures.grants], year)
    table = _table(
        "targets",
        _("Targets for %(year)s") % {"year": year},
        _("The targets the active grants set for %(year)s") % {"year": year},
        [
            Column(_("Grant")),
            Column(_("Indicator")),
            Column(_("Unit")),
            Column(_("Target"), numeric=True),
        ],
        [
            [
                Cell(target.grant.title),
                Cell(f"{target.indicator.code} {target.indicator.name}"),
                Cell(target.indicator.unit),
                Cell(target.value, NUMBER),
            ]
            for target in targets
        ],
        note="" if targets else _("No targets have been set for %(year)s.") % {"year": year},
    )
    return [table]


# ------------------------------------------------------------------------------------------
# E Organisational structure and team


def _organisation(figures: Figures) -> list[Table]:
    staff, hoods = figures.staff, figures.hoods
    roles = dict(Role.choices)
    team = _table(
        "team",
        _("Team by role"),
        _("People in the agency's team by role"),
        [Column(_("Role")), Column(_("People"), numeric=True)],
        [[Cell(str(roles[role])), _count(staff.get(role, 0))] for role in STAFF_ROLES],
        footer=[Cell(_("Total")), _count(sum(staff.values()))],
    )
    teams = _table(
        "hood_teams",
        _("Neighbourhood teams"),
        _("Advisors in the team of each neighbourhood"),
        [Column(_("Neighbourhood")), Column(_("Advisors"), numeric=True)],
        [[Cell(hood.name), _count(hood.advisors)] for hood in hoods],
        note=_("%(count)s of %(total)s neighbourhoods have a team of advisors.")
        % {"count": sum(1 for hood in hoods if hood.advisors), "total": len(hoods)},
    )
    return [team, teams]


# ------------------------------------------------------------------------------------------
# E Partnerships, cooperations and networks


def _partnerships(figures: Figures) -> list[Table]:
    report = figures.report
    agency, start, end = report.agency, report.start, report.end
    partners = queries.partner_counts(agency)
    referrals = queries.referral_counts(agency, start, end)
    facts = [
        (_("Partner organisations"), _count(partners["total"])),
        (_("of them members of the network"), _count(partners["members"])),
        (_("Referrals to partners in the reporting period"), _count(referrals["total"])),
        (_("of them delivered"), _count(referrals["delivered"])),
        (_("of them declined"), _count(referrals["declined"])),
        (_("of them still open"), _count(referrals["open"])),
    ]
    return [
        _facts(
            "network",
            _("The partner network"),
            _("Partner organisations, and the referrals made to them in the reporting period"),
            facts,
        ),
        _resources(agency, start, end),
        _partnership_table(agency, start, end),
    ]


def _resources(agency, start: dt.date, end: dt.date) -> Table:
    offers = queries.offers_by_kind(agency, start, end)
    delivered = queries.deliveries_by_kind(agency, start, end)
    none = queries.Delivered(0, ZERO, ZERO)
    kinds = [
        (kind, label) for kind, label in OfferKind.choices if kind in offers or kind in delivered
    ]
    rows = []
    for kind, label in kinds:
        done = delivered.get(kind, none)
        rows.append(
            [
                Cell(str(label)),
                _count(offers.get(kind, 0)),
                _count(done.deliveries),
                Cell(done.hours, NUMBER),
                Cell(done.value, MONEY),
            ]
        )
    totals = list(delivered.values())
    return _table(
        "resources",
        _("Resources from the network"),
        _("Offers of the partners and what they delivered in the reporting period, by kind"),
        [
            Column(_("Kind of resource")),
            Column(_("Offers"), numeric=True),
            Column(_("Deliveries"), numeric=True),
            Column(_("Hours"), numeric=True),
            Column(_("Value"), numeric=True),
        ],
        rows,
        footer=[
            Cell(_("Total")),
            _count(sum(offers.values())),
            _count(sum(item.deliveries for item in totals)),
            Cell(sum((item.hours for item in totals), ZERO), NUMBER),
            Cell(sum((item.value for item in totals), ZERO), MONEY),
        ]
        if rows
        else None,
        note="" if rows else _("No offers and no deliveries in the reporting period."),
    )


def _partnership_table(agency, start: dt.date, end: dt.date) -> Table:
    found = queries.partnerships(agency, start, end)
    return _table(
        "partnerships",
        _("Local partnerships"),
        _("Local partnerships that ran in the reporting period"),
        [
            Column(_("Partnership")),
            Column(_("Neighbourhood")),
            Column(_("Status")),
            Column(_("Partner organisations"), numeric=True),
            Column(_("Initiatives"), numeric=True),
        ],
        [
            [
                Cell(row.title),
                Cell(row.neighbourhood),
                Cell(row.status),
                _count(row.partners),
                _count(row.initiatives),
            ]
            for row in found
        ],
        note="" if found else _("No local partnership ran in the reporting period."),
    )


# ------------------------------------------------------------------------------------------
# G Finances and accounting


def _finances(figures: Figures) -> list[Table]:
    grants = figures.grants
    ids = [grant.pk for grant in grants]
    programmes = _table(
        "grants",
        _("Grants and programmes"),
        _("The grants active in the reporting period, their programme and fund"),
        [
            Column(_("Grant")),
            Column(_("Programme")),
            Column(_("Fund")),
            Column(_("Grant period")),
            Column(_("Total amount"), numeric=True),
        ],
        [
            [
                Cell(grant.title),
                Cell(grant.programme.name),
                Cell(str(grant.programme.get_fund_display())),
                Cell(_span(grant.start_date, grant.end_date)),
                Cell(grant.amount, MONEY),
            ]
            for grant in grants
        ],
        note="" if grants else _("No grant was active in the reporting period."),
    )
    return [programmes, _co_financing(grants, ids), _budget(ids, figures.report)]


def _co_financing(grants: list[Grant], ids: list[int]) -> Table:
    shares = queries.co_financing(ids)
    rows = []
    for grant in grants:
        plan = financing_plan(grant, shares[grant.pk], grant.programme.funder)
        for part in plan.parts:
            rows.append(
                [
                    Cell(grant.title),
                    Cell(_part_label(part)),
                    Cell(part.share, PERCENT),
                    Cell(part.amount, MONEY),
                ]
            )
    return _table(
        "co_financing",
        _("Co-financing"),
        _("Who pays which share of each grant"),
        [
            Column(_("Grant")),
            Column(_("Paid by")),
            Column(_("Share"), numeric=True),
            Column(_("Amount"), numeric=True),
        ],
        rows,
        note="" if rows else _("No grant was active in the reporting period."),
    )


def _part_label(part) -> str:
    if part.kind == "eu":
        return _("EU share: %(funder)s") % {"funder": part.name}
    if part.kind == "co":
        return _("Co-financing: %(name)s") % {"name": part.name}
    return _("Own funds / not covered")


def _budget(ids: list[int], report: SocialReport) -> Table:
    found = queries.budget(ids, report.start, report.end)
    rows = [found[category] for category, _label in CostCategory.choices if category in found]
    labels = dict(CostCategory.choices)
    return _table(
        "budget",
        _("Budget and spending"),
        _("Planned (whole grant periods) and spent in the reporting period, by cost category"),
        [
            Column(_("Cost category")),
            Column(_("Planned"), numeric=True),
            Column(_("Spent in the reporting period"), numeric=True),
        ],
        [
            [Cell(str(labels[row.category])), Cell(row.planned, MONEY), Cell(row.spent, MONEY)]
            for row in rows
        ],
        footer=[
            Cell(_("Total")),
            Cell(sum((row.planned for row in rows), ZERO), MONEY),
            Cell(sum((row.spent for row in rows), ZERO), MONEY),
        ]
        if rows
        else None,
        note="" if rows else _("No budget and no spending in the reporting period."),
    )
