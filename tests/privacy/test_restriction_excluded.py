"""Restriction (Art. 18 GDPR): a record with `restricted_at` set is kept but left out of the
exports and reports that carry personal data: the team export drops the member, the
pseudonymised export leaves the holder's cells empty (the position still counts), the jobs
breakdown by prior status and the additionality inputs treat the holder as unknown, and the
forum page no longer names the attendee."""

import csv
import io
import zipfile

from django.urls import reverse
from django.utils import timezone

from kiezwerk.agencies.exporters import TeamExporter
from kiezwerk.economy.queries import Scope
from kiezwerk.jobs import queries as jobs
from kiezwerk.jobs.enums import PriorStatus, Residence
from kiezwerk.jobs.models import Holder
from kiezwerk.reporting.pseudonymised.archive import write_archive
from kiezwerk.reporting.pseudonymised.span import Span
from tests.conftest import client_for
from tests.factories import AttendeeFactory, ForumFactory
from tests.jobs.positions import holder, position

KEY = b"test-key-0123456789abcdef0123456789abcdef"


def restrict(record) -> None:
    type(record).objects.filter(pk=record.pk).update(restricted_at=timezone.now())


def test_team_export_leaves_out_a_restricted_member(agency, manager, advisor):
    restrict(advisor)

    names = [row["name"] for row in TeamExporter(agency).rows()]

    assert names == [manager.name]


def _positions_csv(agency) -> list[dict]:
    archive = zipfile.ZipFile(write_archive(agency, Span(), key=KEY))
    text = io.StringIO(archive.read("positions.csv").decode("utf-8-sig"))
    return list(csv.DictReader(text, delimiter=";"))


def _two_positions(initiative, manager):
    kept = position(initiative, manager, start="2004-01-01", holder=holder("H-1"))
    held = position(
        initiative,
        manager,
        start="2004-02-01",
        holder=holder("H-2", residence=Residence.OUTSIDE, disability=True),
    )
    return kept, held


def test_pseudonymised_positions_blank_a_restricted_holder(agency, manager, initiative):
    _kept, held = _two_positions(initiative, manager)
    restrict(Holder.objects.get(position=held))

    rows = _positions_csv(agency)

    assert len(rows) == 2  # the position still counts
    holder_columns = ("age_band", "gender", "status_before", "residence", "disability")
    assert [rows[0][c] != "" for c in holder_columns] == [True] * 5
    assert [rows[1][c] for c in holder_columns] == [""] * 5


def test_jobs_breakdown_counts_a_restricted_holder_as_unknown(agency, manager, initiative):
    _kept, held = _two_positions(initiative, manager)
    restrict(Holder.objects.get(position=held))

    groups = {f.key: f.total for f in jobs.jobs_by(Scope(agency.pk), "prior_status", 2004)}

    assert groups == {PriorStatus.LONG_TERM_UNEMPLOYED: 1, None: 1}


def test_additionality_leaves_out_a_restricted_holders_residence(agency, manager, initiative):
    _kept, held = _two_positions(initiative, manager)
    before = jobs.additionality_inputs(agency.pk, 2004)
    restrict(Holder.objects.get(position=held))

    after = jobs.additionality_inputs(agency.pk, 2004)

    assert (before.residence_outside, after.residence_outside) == (1, 0)
    assert after.gross_jobs == before.gross_jobs == 2


def test_forum_page_no_longer_names_a_restricted_attendee(agency, neighbourhoods, manager):
    forum = ForumFactory(agency=agency, neighbourhood=neighbourhoods[0])
    attendee = AttendeeFactory(
        forum=forum,
        agency=agency,
        partner=None,
        group="residents",
        name="Eva Roth",
        consent_given=True,
    )
    url = reverse("forums:detail", kwargs={"slug": "kiez", "pk": forum.pk})
    assert "Eva Roth" in client_for(manager).get(url).content.decode()

    restrict(attendee)

    assert "Eva Roth" not in client_for(manager).get(url).content.decode()
