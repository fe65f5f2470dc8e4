"""An address under /api/ that no endpoint serves answers in JSON like every API error, not
with the HTML error page."""

from tests.api.helpers import token_client


def test_unknown_api_path_is_json_404(manager):
    response = token_client(manager).get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


def test_unknown_page_outside_the_api_stays_html(client, db):
    response = client.get("/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
