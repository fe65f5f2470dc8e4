"""The user's API token pages: create (the secret shown once), list, revoke (logged)."""

from kiezwerk.api.models import ApiToken, hash_token
from kiezwerk.core.models import ActivityLogEntry
from tests.api.helpers import token_for
from tests.conftest import client_for

TOKENS = "/backoffice/my-data/api-tokens/"


def test_create_shows_the_secret_once_and_stores_its_hash(advisor):
    client = client_for(advisor)

    response = client.post(TOKENS + "new/", {"name": "Tabelle", "scope": "read"})

    secret = response.context["secret"]
    token = ApiToken.objects.get()
    assert (token.user, token.scope, token.key_hash) == (advisor, "read", hash_token(secret))
    assert secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert secret not in client.get(TOKENS).content.decode()
    assert ActivityLogEntry.objects.get().verb == "api.token_created"


def test_created_token_reads_the_api(advisor):
    response = client_for(advisor).post(TOKENS + "new/", {"name": "t", "scope": "write"})
    secret = response.context["secret"]

    answer = client_for(None).get("/api/v1/agencies", headers={"Authorization": f"Bearer {secret}"})

    assert answer.status_code == 200


def test_expiry_in_the_past_saves_nothing(advisor):
    data = {"name": "t", "scope": "read", "expires_on": "2001-01-01"}

    response = client_for(advisor).post(TOKENS + "new/", data)

    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["expires_on"][0].code == "expiry_in_past"
    assert ApiToken.objects.count() == 0


def test_expiry_ends_with_the_day_in_berlin(advisor):
    client_for(advisor).post(
        TOKENS + "new/", {"name": "t", "scope": "read", "expires_on": "2099-06-30"}
    )

    assert ApiToken.objects.get().expires_at.isoformat() == "2099-06-30T22:00:00+00:00"


def test_list_shows_only_own_tokens_by_prefix(advisor, manager):
    token_for(advisor)
    token_for(manager)
    own = ApiToken.objects.get(user=advisor)

    response = client_for(advisor).get(TOKENS)

    assert [t.pk for t in response.context["tokens"]] == [own.pk]
    assert f"kw_{own.prefix}_" in response.content.decode()


def test_revoke_keeps_the_token_and_logs(advisor):
    text = token_for(advisor)
    token = ApiToken.objects.get()

    response = client_for(advisor).post(f"{TOKENS}{token.pk}/revoke/")

    token.refresh_from_db()
    assert response.status_code == 302
    assert token.revoked_at is not None
    assert ActivityLogEntry.objects.get().verb == "api.token_revoked"
    answer = client_for(None).get("/api/v1/agencies", headers={"Authorization": f"Bearer {text}"})
    assert answer.status_code == 401


def test_another_users_token_is_404(advisor, manager):
    token_for(manager)
    token = ApiToken.objects.get()

    response = client_for(advisor).post(f"{TOKENS}{token.pk}/revoke/")

    token.refresh_from_db()
    assert (response.status_code, token.revoked_at) == (404, None)


def test_list_runs_constant_queries(advisor):
    from tests.conftest import count_queries

    client = client_for(advisor)
    token_for(advisor)
    one = count_queries(lambda: client.get(TOKENS))
    for _ in range(5):
        token_for(advisor)

    assert count_queries(lambda: client.get(TOKENS)) == one
