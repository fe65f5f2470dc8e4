"""Fuzzing the monthly figures of an enterprise: `economy.services.save_month` with any
decimals and counts, and the year table's row form with any text. Either the month is saved
whole and valid (its MonthFigures and its Revenue rows agree with what was sent) or it is
refused with a ValidationError or field errors and nothing changed: never a server error,
never a partial write."""

from dataclasses import replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from kiezwerk.economy import services
from kiezwerk.economy.forms import MonthForm
from kiezwerk.economy.models import MonthFigures, Revenue
from kiezwerk.economy.services import MonthValues
from kiezwerk.network.models import Partner
from tests.conftest import client_for
from tests.fuzz.conftest import CLIENT, FORMER, STRANGER, YEAR
from tests.fuzz.strategies import FUZZ, decimals_text, form_data, rolled_back

amounts = st.decimals(min_value=0, max_value=10**6, places=2)
bad_amounts = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(places=3, max_value=10**3, min_value=-(10**3)),
    st.sampled_from([Decimal("-0.01"), Decimal("1e12"), Decimal("1e-30"), Decimal("1e20")]),
)
sources = [("market", None), ("grants", None), ("donations", None), ("public", CLIENT)]
bad_sources = [("public", None), ("public", STRANGER), ("market", CLIENT), ("nonsense", None)]
valid_values = st.builds(
    MonthValues,
    costs=amounts,
    volunteer_hours=st.integers(min_value=0, max_value=4000).map(lambda n: Decimal(n) / 4),
    volunteers=st.integers(min_value=0, max_value=500),
    reciprocal=st.booleans(),
    revenue=st.dictionaries(st.sampled_from(sources), amounts, max_size=4),
)
# None, one or several of the month's values replaced by something no column can hold.
fuzzed_values = st.fixed_dictionaries(
    {},
    optional={
        "costs": bad_amounts,
        "volunteer_hours": bad_amounts,
        "volunteers": st.one_of(st.integers(max_value=-1), st.integers(min_value=2**31)),
        "revenue": st.dictionaries(
            st.sampled_from(sources + bad_sources), st.one_of(amounts, bad_amounts), max_size=5
        ),
    },
)
month_values = st.builds(
    lambda valid, bad: replace(valid, **bad), valid_values, st.just({}) | fuzzed_values
)


def _state(line) -> tuple[dict, dict]:
    """Every month's figures and revenue rows of the line."""
    figures = {
        (row.year, row.month): (
            row.costs,
            row.volunteer_hours,
            row.volunteers,
            row.reciprocal,
            row.version,
        )
        for row in MonthFigures.objects.filter(line=line)
    }
    revenue = {
        (row.year, row.month, row.source, row.client_id): row.amount
        for row in Revenue.objects.filter(line=line)
    }
    return figures, revenue


def _with_ids(values: MonthValues, ids: dict) -> MonthValues:
    """`values` with the partners' placeholders replaced by their ids."""
    revenue = {
        (source, ids.get(client, client)): v for (source, client), v in values.revenue.items()
    }
    return replace(values, revenue=revenue)


def _expected(before: tuple[dict, dict], month: int, values: MonthValues, version: int):
    """What the line holds after `values` were saved for `month` of YEAR."""
    figures, revenue = dict(before[0]), dict(before[1])
    month_fields = (values.costs, values.volunteer_hours, values.volunteers, values.reciprocal)
    old = figures.get((YEAR, month))
    changed_revenue = {
        (YEAR, month, source, client): amount
        for (source, client), amount in values.revenue.items()
        if revenue.get((YEAR, month, source, client), Decimal(0)) != amount
    }
    changed = old is None and month_fields != (0, 0, 0, False)
    if changed or changed_revenue or (old is not None and old[:4] != month_fields):
        figures[(YEAR, month)] = (*month_fields, version + 1)
    elif old is None:  # saved unchanged: the month's row exists, at its first version
        figures[(YEAR, month)] = (*month_fields, version)
    return figures, revenue | changed_revenue


@FUZZ
@given(values=month_values, month=st.integers(1, 12) | st.integers(-1, 13))
@example(values=MonthValues(revenue={("market", None): Decimal("NaN")}), month=1)
@example(values=MonthValues(volunteer_hours=Decimal("1e12")), month=1)  # read back: a crash
@example(values=MonthValues(costs=Decimal("-1")), month=1)
@example(values=MonthValues(volunteers=10**20), month=1)
@example(values=MonthValues(revenue={("nonsense", None): Decimal(1)}), month=1)
def test_save_month_saves_the_whole_month_or_refuses_it(line, manager, values, month):
    values = _with_ids(values, line.ids)

    with rolled_back():
        before = _state(line)
        try:
            services.save_month(line, YEAR, month, values, actor=manager, version=0)
        except ValidationError:
            event("refused")
            assert _state(line) == before
            return
        event("saved")
        assert _state(line) == _expected(before, month, values, 0)
        for row in [*MonthFigures.objects.filter(line=line), *Revenue.objects.filter(line=line)]:
            row.full_clean()


NUMBERS = decimals_text()
ROW = form_data(
    {
        "month": st.sampled_from(["1", "6", "12"]),
        "version": st.just("0"),
        **dict.fromkeys(["market", "grants", "donations", "costs"], st.sampled_from(["", "12,50"])),
        "volunteer_hours": st.sampled_from(["", "2,25", "10"]),
        "volunteers": st.sampled_from(["", "0", "3"]),
        "reciprocal": st.sampled_from(["", "on"]),
        "public_CLIENT": st.sampled_from(["", "100"]),
        "public_FORMER": st.sampled_from(["", "10"]),
    },
    {
        "month": st.sampled_from(["0", "13", "-1", "1.5", "", "١"]),
        "version": st.sampled_from(["1", "-1", "99999999999999999999", "x"]),
        **dict.fromkeys(
            ["market", "grants", "donations", "costs", "volunteer_hours", "public_CLIENT"], NUMBERS
        ),
        "public_FORMER": NUMBERS,
        "volunteers": st.one_of(st.integers().map(str), NUMBERS),
    },
)


def _posted(data: dict, ids: dict) -> dict:
    """The row's data with the public clients' fields named by their ids."""
    names = {"public_CLIENT": f"public_{ids[CLIENT]}", "public_FORMER": f"public_{ids[FORMER]}"}
    return {names.get(name, name): value for name, value in data.items()}


def _read(line, data: dict) -> MonthValues:
    """What the row form read from `data` (the values a save wrote)."""
    clients = Partner.objects.filter(pk__in=[line.ids[CLIENT], line.ids[FORMER]])
    form = MonthForm(data, clients=clients, former={line.ids[FORMER]})
    assert form.is_valid()
    return form.values()


@FUZZ
@given(data=ROW, htmx=st.booleans())
@example(data={"month": "1", "version": "0", "volunteers": "9" * 25}, htmx=False)  # was a 500
def test_year_table_row_saves_the_whole_month_or_names_the_errors(line, founder, data, htmx):
    kwargs = {"slug": "kiez", "pk": line.initiative_id, "line": line.pk, "year": YEAR}
    data = _posted(data, line.ids)

    with rolled_back():
        before = _state(line)

        response = client_for(founder).post(
            reverse("economy:year", kwargs=kwargs),
            data,
            headers={"HX-Request": "true"} if htmx else {},
        )

        after = _state(line)
        saved = response.status_code == 302 or (htmx and after != before)
        event(f"status {response.status_code}" + (" saved" if saved else ""))
        if saved:
            month = int(data["month"])
            assert after == _expected(before, month, _read(line, data), int(data["version"]))
        else:
            assert after == before
            assert response.status_code in ((200, 400) if htmx else (400, 409))
