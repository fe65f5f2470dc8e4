"""Synthetic worlds: sizes, determinism, constraints, distributions, and the app's own reads.

Counts: agencies, neighbourhoods, needs, initiatives, consultations, positions, forums and
attendance are exact; stage changes within one per agency; revenue exact while the
enterprises have room for it (they do at these sizes)."""

import hashlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Sum

from kiezwerk.agencies.models import Agency
from kiezwerk.demo.generate import Size, generate_world
from kiezwerk.economy.models import MonthFigures, Revenue
from kiezwerk.economy.queries import Scope, financing_mix
from kiezwerk.initiatives.enums import ENTERPRISE_STAGES
from kiezwerk.initiatives.models import Consultation, Initiative, StageChange

TINY = Size(
    agencies=2,
    neighbourhoods=6,
    needs=30,
    initiatives=120,
    stage_changes=500,
    consultations=1_500,
    positions=300,
    revenue=9_000,
    forums=40,
    attendees=600,
)
pytestmark = pytest.mark.django_db


def _checksum() -> str:
    names = list(Initiative.objects.order_by("name", "stage").values_list("name", "stage"))
    amounts = list(Revenue.objects.order_by("amount").values_list("amount", flat=True))
    return hashlib.sha256(repr((names, [str(a) for a in amounts])).encode()).hexdigest()


def _generated_checksum(seed: int) -> str:
    """The checksum of a world of `seed`, rolled back afterwards."""
    with transaction.atomic():
        generate_world(TINY, seed=seed)
        found = _checksum()
        transaction.set_rollback(True)
    return found


def test_generate_world_hits_the_requested_sizes():
    counts = generate_world(TINY, seed=3)

    assert counts["agencies"] == Agency.objects.count() == 2
    assert counts["neighbourhoods"] == 6
    assert counts["needs"] == 30
    assert counts["initiatives"] == Initiative.objects.count() == 120
    assert counts["consultations"] == Consultation.objects.count() == 1_500
    assert counts["positions"] == 300
    assert counts["revenue"] == Revenue.objects.count() == 9_000
    assert counts["forums"] == 40
    assert counts["attendees"] == 600
    assert abs(StageChange.objects.count() - 500) <= TINY.agencies


def test_generate_world_is_deterministic():
    first = _generated_checksum(5)
    again = _generated_checksum(5)
    other = _generated_checksum(6)

    assert first == again
    assert first != other


def test_generate_world_rows_keep_their_agency_and_history():
    generate_world(TINY, seed=7)

    firms = {
        row[0]: row[1:]
        for row in Initiative.objects.values_list("pk", "agency_id", "neighbourhood_id")
    }
    for initiative, agency, hood in Revenue.objects.values_list(
        "initiative_id", "agency_id", "neighbourhood_id"
    ):
        assert firms[initiative] == (agency, hood)
    for initiative in Initiative.objects.all():
        last = initiative.stage_changes.order_by("changed_at", "pk").last()
        assert (last.to_stage, last.changed_at) == (initiative.stage, initiative.stage_changed_at)


def test_generate_world_has_believable_distributions():
    generate_world(TINY, seed=9)

    enterprises = Initiative.objects.filter(stage__in=ENTERPRISE_STAGES).count()
    assert enterprises < Initiative.objects.count() / 2
    assert _dependent_enterprises() >= 1
    assert Initiative.objects.in_directory().exists()
    assert MonthFigures.objects.exclude(hour_rate=None).exists()


def _dependent_enterprises() -> int:
    """Enterprises with more than half their revenue from one public client."""
    totals = dict(Revenue.objects.values_list("initiative_id").annotate(s=Sum("amount")))
    by_client = (
        Revenue.objects.filter(source="public")
        .values_list("initiative_id", "client_id")
        .annotate(s=Sum("amount"))
    )
    return sum(1 for initiative, _client, amount in by_client if amount * 2 > totals[initiative])


def test_generate_world_is_read_by_the_financing_mix():
    generate_world(TINY, seed=11)

    for agency in Agency.objects.filter(slug__startswith="welt-"):
        mix = financing_mix(Scope.of_agency(agency))
        plain = Revenue.objects.filter(agency=agency).aggregate(s=Sum("amount"))["s"]
        assert sum(year.revenue for year in mix.years) == plain


def test_generate_world_command_refuses_an_unknown_size():
    with pytest.raises(CommandError, match="Unknown size"):
        call_command("generate_world", "--size", "XL")

    assert not Agency.objects.exists()


def test_generate_world_command_refuses_to_run_twice():
    generate_world(TINY, seed=1)
    before = (Agency.objects.count(), Revenue.objects.count())

    with pytest.raises(CommandError, match="already"):
        call_command("generate_world", "--size", "S")

    assert (Agency.objects.count(), Revenue.objects.count()) == before


def test_generate_world_keeps_every_index_of_the_big_tables():
    """The load drops the big tables' secondary indexes and builds them again: afterwards
    the database has exactly the indexes and constraints it had before, and the summaries
    equal a recomputation."""
    from django.db import connection

    from kiezwerk.demo.generate.world import big_tables
    from kiezwerk.economy import summaries

    def indexes() -> dict:
        with connection.cursor() as cursor:
            return {
                model._meta.db_table: connection.introspection.get_constraints(
                    cursor, model._meta.db_table
                )
                for model in big_tables()
            }

    before = indexes()
    generate_world(TINY, seed=1)

    assert indexes() == before
    assert all(summaries.differences(agency.pk) == [] for agency in Agency.objects.all())
