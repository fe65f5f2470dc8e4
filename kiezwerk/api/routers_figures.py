"""An enterprise's period figures: its business lines, its monthly figures of a year (read as
the web's year table: the case's staff and its own founders), and one month of one line
written (PUT) by those who enter figures on the web (the case's staff, its own founders)
through `economy.services.save_month`, with its version check. A closed month is refused
(409 "month_closed"), except as a correction with a reason by those who close months.

Amounts are decimal strings in euros ("1234.50"); hours with two places."""

from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from kiezwerk.api.errors import READ_ERRORS, WRITE_ERRORS, ApiError
from kiezwerk.api.pagination import Pages, paginate
from kiezwerk.economy import services
from kiezwerk.economy.enums import Source
from kiezwerk.economy.models import BusinessLine, ClosedMonth, MonthFigures, Revenue
from kiezwerk.economy.services import FIRST_YEAR, LAST_YEAR, MonthValues
from kiezwerk.economy.views.base import get_enterprise_for, get_line_for

router = Router(tags=["figures"])

ENTERPRISE = "/agencies/{slug}/initiatives/{int:initiative_id}"
MONTH = ENTERPRISE + "/lines/{int:line_id}/months/{int:year}/{int:month}"
# A month's year and month in its path (outside these, 422)
Year = Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR)]
Month = Annotated[int, Path(ge=1, le=12)]
ZERO = Decimal("0.00")
PLAIN = (Source.MARKET, Source.GRANTS, Source.DONATIONS)  # one amount each per month


def money(**kwargs):
    """An amount in euros: not negative, at most 12 digits before and 2 after the point."""
    return Field(ZERO, ge=0, max_digits=14, decimal_places=2, **kwargs)


# ------------------------------------------------------------------------------------------
# Schemas


class ClientOut(Schema):
    id: int
    name: str


class LineOut(Schema):
    id: int
    name: str
    service: str
    description: str
    archived: bool
    public_clients: list[ClientOut]

    @staticmethod
    def resolve_service(obj: BusinessLine) -> str:
        return obj.service.name

    @staticmethod
    def resolve_archived(obj: BusinessLine) -> bool:
        return obj.archived_at is not None

    @staticmethod
    def resolve_public_clients(obj: BusinessLine) -> list:
        return sorted(obj.public_clients.all(), key=lambda client: (client.name, client.pk))


class PublicOut(Schema):
    client_id: int
    client: str
    amount: Decimal


class MonthOut(Schema):
    line_id: int
    line: str
    year: int
    month: int
    version: int = Field(description="Send it back with a PUT: a later save makes it stale.")
    closed: bool
    costs: Decimal
    volunteer_hours: Decimal
    volunteers: int
    reciprocal: bool
    hour_rate: Decimal | None = Field(description="The value of one volunteer hour, in euros.")
    market: Decimal
    grants: Decimal
    donations: Decimal
    public: list[PublicOut]


class PublicIn(Schema):
    client_id: int = Field(ge=1, le=2_147_483_647)
    amount: Decimal = money()


class MonthIn(Schema):
    version: int = Field(
        ge=0, le=2_147_483_647, description="The version read (0 for a month not yet saved)."
    )
    costs: Decimal = money()
    volunteer_hours: Decimal = Field(ZERO, ge=0, max_digits=10, decimal_places=2)
    volunteers: int = Field(0, ge=0, le=2_147_483_647)
    reciprocal: bool = False
    market: Decimal = money()
    grants: Decimal = money()
    donations: Decimal = money()
    public: list[PublicIn] = Field(
        default_factory=list,
        max_length=100,
        description="Public contracts per public client of the line; clients not listed keep "
        "their amount.",
    )
    reason: str = Field(
        "", max_length=2000, description="Required to correct a closed month (staff only)."
    )


class YearFilter(Schema):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Default: this year.")
    line_id: int | None = Field(None, ge=1, le=2_147_483_647)


# ------------------------------------------------------------------------------------------
# Reading


@router.get(ENTERPRISE + "/lines", response={200: list[LineOut], **READ_ERRORS})
@paginate(Pages)
def list_business_lines(request, slug: str, initiative_id: int):
    """The enterprise's business lines (archived ones too), with their public clients."""
    enterprise = get_enterprise_for(request, slug, initiative_id, "economy.view_figures")
    return (
        BusinessLine.objects.filter(agency_id=enterprise.agency_id, initiative=enterprise)
        .select_related("service")
        .prefetch_related("public_clients")
        .order_by("name", "pk")
    )


@router.get(ENTERPRISE + "/figures", response={200: list[MonthOut], **READ_ERRORS})
@paginate(Pages)
def list_month_figures(request, slug: str, initiative_id: int, filters: Query[YearFilter]):
    """The saved months of a year, per business line and month (a month never saved is not
    listed: it reads as zero, version 0). Four queries, whatever the number of lines."""
    enterprise = get_enterprise_for(request, slug, initiative_id, "economy.view_figures")
    year = filters.year or timezone.localdate().year
    scope = {"agency_id": enterprise.agency_id, "initiative_id": enterprise.pk, "year": year}
    if filters.line_id is not None:
        scope["line_id"] = filters.line_id
    figures = MonthFigures.objects.filter(**scope).select_related("line")
    return _months(list(figures.order_by("line__name", "line_id", "month")), scope)


@router.get(MONTH, response={200: MonthOut, **READ_ERRORS})
def get_month_figures(
    request, slug: str, initiative_id: int, line_id: int, year: Year, month: Month
):
    """One month of one line; a month never saved reads as zero with version 0."""
    line = get_line_for(request, slug, initiative_id, line_id, "economy.view_figures", active=False)
    return _month(line, year, month)


def _month(line: BusinessLine, year: int, month: int) -> dict:
    scope = {"agency_id": line.agency_id, "line_id": line.pk, "year": year, "month": month}
    found = MonthFigures.objects.filter(**scope).first()
    if found is None:
        found = MonthFigures(line=line, year=year, month=month, **_zero())
    found.line = line
    del scope["line_id"]
    scope["initiative_id"] = line.initiative_id
    return _months([found], scope, line_id=line.pk)[0]


def _zero() -> dict:
    return {"costs": ZERO, "volunteer_hours": ZERO, "volunteers": 0, "version": 0}


def _months(figures: list[MonthFigures], scope: dict, **only) -> list[dict]:
    """Each month with its revenue and whether it is closed: two queries for all of them."""
    revenue: dict[tuple[int, int], dict] = {}
    rows = Revenue.objects.filter(**scope, **only).select_related("client")
    for row in rows.order_by("client__name", "client_id"):
        found = revenue.setdefault((row.line_id, row.month), {"public": []})
        if row.source == Source.PUBLIC:
            found["public"].append(
                {"client_id": row.client_id, "client": row.client.name, "amount": row.amount}
            )
        else:
            found[row.source] = row.amount
    closed_scope = {key: scope[key] for key in ("agency_id", "initiative_id", "year")}
    if "month" in scope:
        closed_scope["month"] = scope["month"]
    closed = set(ClosedMonth.objects.filter(**closed_scope).values_list("month", flat=True))
    return [
        _month_out(f, revenue.get((f.line_id, f.month), {}), f.month in closed) for f in figures
    ]


def _month_out(figures: MonthFigures, revenue: dict, closed: bool) -> dict:
    return {
        "line_id": figures.line_id,
        "line": figures.line.name,
        "year": figures.year,
        "month": figures.month,
        "version": figures.version,
        "closed": closed,
        "costs": figures.costs,
        "volunteer_hours": figures.volunteer_hours,
        "volunteers": figures.volunteers,
        "reciprocal": figures.reciprocal,
        "hour_rate": figures.hour_rate,
        **{source: revenue.get(source, ZERO) for source in PLAIN},
        "public": revenue.get("public", []),
    }


# ------------------------------------------------------------------------------------------
# Writing


@router.put(MONTH, response={200: MonthOut, **WRITE_ERRORS})
def put_month_figures(
    request,
    slug: str,
    initiative_id: int,
    line_id: int,
    year: Year,
    month: Month,
    payload: MonthIn | None = None,
):
    """Save one month of one line: costs, volunteer work and revenue by source (amounts not
    sent are zero; public contracts per client listed). `version` is the one read: when the
    month was saved since, nothing is saved (409 "stale"). A closed month is refused (409
    "month_closed"), unless staff who close months correct it with a `reason`."""
    line = get_line_for(request, slug, initiative_id, line_id, "economy.enter_figures")
    if payload is None:
        raise ValidationError(_("Please send the month's figures."), code="required")
    _check_closed(request.user, line, year, month, payload.reason)
    try:
        services.save_month(
            line,
            year,
            month,
            _values(payload),
            actor=request.user,
            version=payload.version,
            reason=payload.reason,
        )
    except services.StaleFigures as error:
        raise ApiError(409, "stale", " ".join(error.messages), field="version") from error
    return _month(line, year, month)


def _check_closed(user, line: BusinessLine, year: int, month: int, reason: str) -> None:
    if not services.is_closed(line.initiative, year, month):
        return
    if not user.has_perm("economy.close_months", line.initiative):
        message = _(
            "This month is closed: its figures have been reviewed and can no longer be "
            "changed here. Please ask your advisor to correct them."
        )
        raise ApiError(409, "month_closed", message, field="month")
    if not reason.strip():
        message = _("This month is closed: please say why you correct it (reason).")
        raise ApiError(409, "month_closed", message, field="reason")


def _values(payload: MonthIn) -> MonthValues:
    clients = [entry.client_id for entry in payload.public]
    if len(clients) != len(set(clients)):
        message = _("Please name each public client once.")
        raise ValidationError({"public": message}, code="duplicate")
    revenue = {(source.value, None): getattr(payload, source.value) for source in PLAIN}
    revenue |= {(Source.PUBLIC.value, entry.client_id): entry.amount for entry in payload.public}
    return MonthValues(
        costs=payload.costs,
        volunteer_hours=payload.volunteer_hours,
        volunteers=payload.volunteers,
        reciprocal=payload.reciprocal,
        revenue=revenue,
    )
