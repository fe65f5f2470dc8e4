import io
import zipfile

from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from tests.conftest import client_for as logged_in
from tests.conftest import count_queries, reauthenticate
from tests.factories import PASSWORD, member


def client_for(user, *, reauthenticated: bool = True):
    """The export asks for the password again: by default the user confirmed it just now."""
    client = logged_in(user)
    if reauthenticated:
        reauthenticate(client, user)
    return client


def _url(fmt: str) -> str:
    return reverse("agencies:team_export", kwargs={"slug": "kiez", "fmt": fmt})


def test_manager_downloads_the_team_as_csv(manager, advisor):
    response = client_for(manager).get(_url("csv"))

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Name;E-Mail;Rolle;Funktion;Quartiere"
    assert "Ayşe Demir;beratung@kiez.test;Berater/in;;Boxhagener Platz" in lines
    assert len(lines) == 3


def test_manager_downloads_the_team_as_xlsx(manager, advisor):
    response = client_for(manager).get(_url("xlsx"))

    content = b"".join(response.streaming_content)
    sheet = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "Ayşe Demir" in sheet
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_export_is_written_to_the_activity_log(manager):
    client_for(manager).get(_url("csv"))

    entry = ActivityLogEntry.objects.get(verb="agencies.team_exported")
    assert (entry.actor, entry.data) == (manager, {"format": "csv"})


def test_unknown_format_is_not_found(manager):
    response = client_for(manager).get("/backoffice/kiez/team.pdf")

    assert response.status_code == 404


def test_export_needs_constant_queries(manager, agency, neighbourhoods):
    client = client_for(manager)
    one = count_queries(lambda: b"".join(client.get(_url("csv")).streaming_content))
    for _ in range(20):
        member(agency, "advisor", neighbourhoods=neighbourhoods)

    many = count_queries(lambda: b"".join(client.get(_url("csv")).streaming_content))

    assert many == one


def test_export_without_a_recent_password_goes_to_reauthenticate(manager):
    response = client_for(manager, reauthenticated=False).get(_url("csv"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/reauthenticate/?next=%2Fbackoffice%2Fkiez%2Fteam.csv"
    assert not ActivityLogEntry.objects.filter(verb="agencies.team_exported").exists()


def test_confirming_the_password_downloads_the_team(manager):
    client = client_for(manager, reauthenticated=False)
    asked = client.get(_url("xlsx"))

    response = client.post(asked["Location"], {"password": PASSWORD}, follow=True)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_members_without_the_permission_are_refused_before_any_password(advisor):
    response = client_for(advisor, reauthenticated=False).get(_url("csv"))

    assert response.status_code == 403
