"""The pseudonymised evaluation export: the ZIP an evaluator downloads, its files and rows,
its pseudonyms (stable, keyed), what it leaves out, the page and its form, the log entry."""

import csv
import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy import services as economy
from kiezwerk.economy.services import MonthValues
from kiezwerk.forums.models import Attendee, ForumInitiative, ForumNeed
from kiezwerk.initiatives import services as initiatives
from kiezwerk.initiatives.models import ConsultationNeed, InitiativeNeed
from kiezwerk.reporting.pseudonymised.archive import write_archive
from kiezwerk.reporting.pseudonymised.pseudonyms import current_key, pseudonym
from kiezwerk.reporting.pseudonymised.span import Span
from tests.conftest import client_for, count_queries, reauthenticate
from tests.factories import (
    ConsultationFactory,
    ContactPersonFactory,
    DeliveryFactory,
    ForumFactory,
    InitiativeFactory,
    NeedCategoryFactory,
    NeedFactory,
    ReferralFactory,
)
from tests.jobs.positions import holder, position

KEY = "test-key-0123456789abcdef0123456789abcdef"
FILES = [
    "initiatives.csv",
    "stage_changes.csv",
    "consultations.csv",
    "consultation_needs.csv",
    "needs.csv",
    "initiative_needs.csv",
    "forums.csv",
    "forum_needs.csv",
    "forum_initiatives.csv",
    "business_lines.csv",
    "month_figures.csv",
    "revenues.csv",
    "positions.csv",
    "referrals.csv",
    "deliveries.csv",
    "codebook.csv",
    "README.txt",
]
# Distinctive personal data and free text of the dataset: none may appear in the ZIP.
SECRETS = [
    "Nachbarschaftscafé Boxhagen",
    "Idee mit Geheimrezept",
    "Wilhelmine Zwiebelfisch",
    "zwiebelfisch@example.test",
    "030 555 0199",
    "Notiz über Schulden",
    "Streit im Team",
    "Abendbetreuung Simon-Dach-Straße",
    "Beschreibung Hinterhof",
    "Forum im Geheimtitel",
    "Protokoll mit Klatsch",
    "Gisela Teilnehmerin",
    "gisela@example.test",
    "Chefkoch Unikat",
    "HOLDER-CODE-4711",
    "weil sonst niemand kocht",
    "Café Sonnenschein",
    "braucht Geld Notiz",
    "Lieferung Notiz",
    "Ayşe Demir",
    "beratung@kiez.test",
]


@pytest.fixture(autouse=True)
def _key(settings):
    settings.PSEUDONYM_KEY = KEY


def url(slug: str = "kiez") -> str:
    return reverse("evaluation_export:export", kwargs={"slug": slug})


def english(user):
    """A client in English whose user confirmed the password just now (the download asks)."""
    client = client_for(user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    reauthenticate(client, user)
    return client


def download(user, **years) -> dict[str, bytes]:
    response = english(user).post(url(), years)
    assert response.status_code == 200, response.content[:500]
    body = b"".join(response.streaming_content)  # the test client closes the file after it
    with zipfile.ZipFile(io.BytesIO(body)) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def lines(files: dict[str, bytes], name: str) -> list[list[str]]:
    """The lines of a CSV member, its header first."""
    assert files[name].startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    return list(csv.reader(io.StringIO(files[name].decode("utf-8-sig")), delimiter=";"))


def rows(files: dict[str, bytes], name: str) -> list[list[str]]:
    """The lines of a CSV member after its header."""
    return lines(files, name)[1:]


def key_of(kind: str, record) -> str:
    return pseudonym(KEY.encode(), kind, record.agency_id, record.pk)


def case_world(initiative, advisor, manager) -> dict:
    """One enterprise with a record of every kind, full of names and notes."""
    agency, hood = initiative.agency, initiative.neighbourhood
    ContactPersonFactory(
        initiative=initiative,
        name="Wilhelmine Zwiebelfisch",
        email="zwiebelfisch@example.test",
        phone="030 555 0199",
    )
    consultation = ConsultationFactory(
        initiative=initiative,
        advisor=advisor,
        held_on=dt.date(2003, 3, 4),
        duration_minutes=90,
        topic="financing_mix",
        notes="Notiz über Schulden",
    )
    initiatives.change_stage(
        initiative, actor=advisor, to_stage="orientation", note="Streit im Team", version=0
    )
    need = NeedFactory(
        agency=agency,
        neighbourhood=hood,
        category=NeedCategoryFactory(name="Kinderbetreuung"),
        title="Abendbetreuung Simon-Dach-Straße",
        description="Beschreibung Hinterhof",
        raised_on=dt.date(2003, 2, 1),
        supporters=12,
    )
    ConsultationNeed.objects.create(agency=agency, consultation=consultation, need=need)
    InitiativeNeed.objects.create(agency=agency, initiative=initiative, need=need)
    forum = ForumFactory(
        agency=agency,
        neighbourhood=hood,
        title="Forum im Geheimtitel",
        minutes="Protokoll mit Klatsch",
        starts_at=dt.datetime(2003, 12, 31, 23, 30, tzinfo=dt.UTC),  # 2004 in Berlin
    )
    Attendee.objects.create(
        agency=agency,
        forum=forum,
        group="residents",
        name="Gisela Teilnehmerin",
        email="gisela@example.test",
        consent_given=True,
    )
    ForumNeed.objects.create(agency=agency, forum=forum, need=need)
    ForumInitiative.objects.create(agency=agency, forum=forum, initiative=initiative)
    line = economy.add_line(
        initiative, actor=manager, name="Café Sonnenschein", service=NeedCategoryFactory()
    )
    figures = MonthValues(
        costs=Decimal("800.00"),
        volunteer_hours=Decimal("12.50"),
        volunteers=3,
        revenue={("market", None): Decimal("1234.50")},
    )
    economy.save_month(line, 2003, 5, figures, actor=manager, version=0)
    job = position(
        initiative,
        manager,
        start="2003-04-15",
        title="Chefkoch Unikat",
        hours=30,
        additional=True,
        justification="weil sonst niemand kocht",
        holder=holder("HOLDER-CODE-4711", disability=True),
    )
    referral = ReferralFactory(
        initiative=initiative, referred_on=dt.date(2003, 6, 1), note="braucht Geld Notiz"
    )
    DeliveryFactory(referral=referral, delivered_on=dt.date(2003, 7, 1), note="Lieferung Notiz")
    return {"consultation": consultation, "need": need, "forum": forum, "line": line, "job": job}


@pytest.fixture
def world(initiative, advisor, manager):
    initiative.idea = "Idee mit Geheimrezept"
    initiative.advisor = advisor
    initiative.created_at = dt.datetime(2002, 11, 5, 10, 0, tzinfo=dt.UTC)
    initiative.save()
    return case_world(initiative, advisor, manager)


def test_zip_holds_every_file_with_codebook_and_readme(world, evaluator):
    files = download(evaluator)

    assert sorted(files) == sorted(FILES)
    assert b"initiatives.csv" in files["README.txt"]


def test_initiatives_file_names_records_by_pseudonym_and_place(
    world, initiative, advisor, evaluator
):
    files = download(evaluator)

    expected = [
        key_of("initiative", initiative),
        "Boxhagener Platz",
        initiative.neighbourhood.district.name,
        "orientation",
        "none",
        "",
        "2002-11",
        pseudonym(KEY.encode(), "user", initiative.agency_id, advisor.pk),
        "0",
    ]
    assert rows(files, "initiatives.csv") == [expected]


def test_files_hold_the_rows_of_the_dataset(world, initiative, evaluator):
    files = download(evaluator)

    hood = "Boxhagener Platz"
    consultation, need, forum = world["consultation"], world["need"], world["forum"]
    advisor = pseudonym(KEY.encode(), "user", initiative.agency_id, consultation.advisor_id)
    assert rows(files, "consultations.csv") == [
        [
            key_of("consultation", consultation),
            key_of("initiative", initiative),
            advisor,
            "2003-03-04",
            "90",
            "financing_mix",
        ]
    ]
    stage_change = rows(files, "stage_changes.csv")
    assert [line[:3] for line in stage_change] == [
        [key_of("initiative", initiative), "inquiry", "orientation"]
    ]
    district = initiative.neighbourhood.district.name
    assert rows(files, "needs.csv") == [
        [
            key_of("need", need),
            hood,
            district,
            "Kinderbetreuung",
            "forum",
            "reported",
            "2003-02-01",
            "",
            "12",
            "",
            "0",
        ]
    ]
    links = [[key_of("initiative", initiative), key_of("need", need)]]
    assert rows(files, "initiative_needs.csv") == links
    assert rows(files, "forums.csv") == [
        [key_of("forum", forum), hood, district, "forum", "2004-01-01", "25", "3", "4", "2", "0"]
    ]
    assert rows(files, "forum_needs.csv") == [[key_of("forum", forum), key_of("need", need)]]
    assert rows(files, "revenues.csv") == [
        [
            key_of("initiative", initiative),
            key_of("line", world["line"]),
            hood,
            "2003",
            "5",
            "market",
            "",
            "1234,50",
        ]
    ]
    figures = rows(files, "month_figures.csv")
    assert [line[5:9] for line in figures] == [["800,00", "12,50", "3", "0"]]


def test_positions_hold_month_dates_and_holder_attributes_but_no_holder_code(world, evaluator):
    files = download(evaluator)

    header, line = lines(files, "positions.csv")
    found = dict(zip(header, line, strict=True))
    assert found["position"] == key_of("position", world["job"])
    assert (found["start"], found["end"]) == ("2003-04", "")
    assert (found["weekly_hours"], found["fte"], found["additional"]) == ("30,00", "0,750", "1")
    assert (found["age_band"], found["gender"], found["disability"]) == ("25_54", "female", "1")
    assert "pseudonym" not in header


def test_no_name_contact_or_note_of_the_dataset_appears_anywhere(world, evaluator):
    files = download(evaluator)

    everything = b"".join(files.values()).decode("utf-8-sig")
    assert [text for text in SECRETS if text in everything] == []


def test_another_agencys_records_never_appear(world, other_agency, outsider, evaluator):
    from tests.factories import NeighbourhoodFactory

    elsewhere = NeighbourhoodFactory(agency=other_agency, name="Fremdes Quartier")
    theirs = InitiativeFactory(agency=other_agency, neighbourhood=elsewhere)
    ConsultationFactory(initiative=theirs, held_on=dt.date(2003, 3, 4))
    ReferralFactory(initiative=theirs)

    files = download(evaluator)

    everything = b"".join(files.values()).decode("utf-8-sig")
    assert key_of("initiative", theirs) not in everything
    assert "Fremdes Quartier" not in everything
    assert len(rows(files, "consultations.csv")) == 1
    assert len(rows(files, "referrals.csv")) == 1


def test_pseudonyms_stay_the_same_between_exports(world, agency):
    first = zipfile.ZipFile(write_archive(agency, Span()))
    second = zipfile.ZipFile(write_archive(agency, Span()))

    assert first.read("initiatives.csv") == second.read("initiatives.csv")
    assert first.read("positions.csv") == second.read("positions.csv")


def test_another_key_gives_other_pseudonyms(world, agency, initiative):
    ours = zipfile.ZipFile(write_archive(agency, Span(), key=KEY.encode()))
    other = zipfile.ZipFile(write_archive(agency, Span(), key=b"another-key-of-at-least-32-chars"))

    assert key_of("initiative", initiative).encode() in ours.read("initiatives.csv")
    assert key_of("initiative", initiative).encode() not in other.read("initiatives.csv")


def test_pseudonyms_differ_by_kind_and_agency_and_carry_their_prefix():
    key = KEY.encode()

    found = {pseudonym(key, "initiative", 1, 7), pseudonym(key, "need", 1, 7)}
    found |= {pseudonym(key, "initiative", 2, 7)}

    assert len(found) == 3
    assert pseudonym(key, "initiative", 1, 7).startswith("I-")
    assert len(pseudonym(key, "position", 1, 7)) == len("P-") + 16


def test_development_key_is_made_once_and_kept(settings, tmp_path):
    settings.PSEUDONYM_KEY = ""
    settings.VAR_DIR = tmp_path / "var"

    first, second = current_key(), current_key()

    path = tmp_path / "var" / "pseudonym_key"
    assert first == second
    assert len(first) == 64
    assert path.stat().st_mode & 0o777 == 0o600


def test_years_limit_the_dated_rows(world, initiative, evaluator):
    ConsultationFactory(initiative=initiative, held_on=dt.date(2005, 2, 1))

    files = download(evaluator, first=2005, last=2005)

    assert [line[3] for line in rows(files, "consultations.csv")] == ["2005-02-01"]
    assert rows(files, "needs.csv") == []
    assert rows(files, "forums.csv") == []
    assert len(rows(files, "positions.csv")) == 1  # still running in 2005
    assert len(rows(files, "initiatives.csv")) == 1


def test_forum_years_are_berlin_years(world, evaluator):
    files = download(evaluator, first=2003, last=2003)

    assert rows(files, "forums.csv") == []  # 23:30 UTC on 31 December 2003 is 2004 in Berlin


def test_download_is_a_named_zip_attachment(world, evaluator):
    response = english(evaluator).post(url(), {"first": 2003, "last": 2004})

    today = timezone.localdate()
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="kiezwerk-evaluation-kiez-2003-2004-{today:%Y-%m-%d}.zip"'
    )
    b"".join(response.streaming_content)  # read it, so that the test client closes the file


def test_download_is_logged_with_its_years_and_no_data(world, agency, evaluator):
    download(evaluator, first=2003, last=2004)

    entry = ActivityLogEntry.objects.get(verb="reporting.evaluation_exported")
    assert (entry.actor, entry.agency_id) == (evaluator, agency.pk)
    assert entry.data == {"first": 2003, "last": 2004}


def test_manager_downloads_too(world, manager):
    assert "initiatives.csv" in download(manager)


def test_superuser_downloads_without_a_membership(world, initiative):
    from tests.factories import UserFactory

    operator = UserFactory(is_superuser=True, is_staff=True)

    assert rows(download(operator), "initiatives.csv")[0][0] == key_of("initiative", initiative)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"first": 2005, "last": 2003}, "last", "The last year must not come before the first."),
        ({"first": "zwei"}, "first", "Enter a whole number."),
        ({"last": 1800}, "last", "Ensure this value is greater than or equal to 1990."),
    ],
)
def test_bad_years_show_the_form_again_and_export_nothing(evaluator, agency, data, field, message):
    response = english(evaluator).post(url(), data)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not ActivityLogEntry.objects.filter(verb="reporting.evaluation_exported").exists()


def test_page_explains_the_files(evaluator, agency):
    response = english(evaluator).get(url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "positions.csv" in page
    assert "What the ZIP file leaves out" in page


def test_advisor_cannot_download(world, advisor):
    response = english(advisor).post(url(), {})

    assert response.status_code == 403


def test_outsider_cannot_download(world, outsider):
    response = english(outsider).post(url(), {})

    assert response.status_code == 404


def test_export_runs_the_same_queries_for_one_and_many_initiatives(
    initiative, advisor, manager, evaluator, neighbourhoods
):
    case_world(initiative, advisor, manager)
    client = english(evaluator)

    def export():
        b"".join(client.post(url(), {}).streaming_content)  # the test client closes the file

    one = count_queries(export)
    for number in range(4):
        more = InitiativeFactory(agency=initiative.agency, neighbourhood=neighbourhoods[1])
        ConsultationFactory(initiative=more, held_on=dt.date(2003, 1, number + 1))
        ReferralFactory(initiative=more)
        position(more, manager, start="2004-01-01", holder=holder(f"H-{number}"))

    assert count_queries(export) == one


def _production_env(**changes) -> dict[str, str]:
    env = {**os.environ}
    path = Path(django_settings.BASE_DIR) / "deploy" / "production.env"
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split("=", 1)
            env[name] = value
    return {name: value for name, value in (env | changes).items() if value is not None}


def test_production_settings_refuse_to_start_without_a_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=django_settings.BASE_DIR,
        env=_production_env(KIEZWERK_PSEUDONYM_KEY=None),
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "Set KIEZWERK_PSEUDONYM_KEY" in result.stderr
