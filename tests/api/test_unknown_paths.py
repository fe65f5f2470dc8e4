"""An address under /api/ that no endpoint serves answers in JSON like every API error, not
with the HTML error page."""

from django.utils import translation

from tests.api.helpers import token_client


def _de(text: str) -> str:
    with translation.override("de"):
        return translation.gettext(text)


def test_unknown_api_path_is_json_404(manager):
    response = token_client(manager).get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


def test_api_path_with_a_closing_slash_names_the_address_without(manager, agency):
    response = token_client(manager).get("/api/v1/agencies/kiez/grants/")

    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    text = _de("There is nothing at this address. API addresses end without a slash: %(path)s")
    assert response.json()["message"] == text % {"path": "/api/v1/agencies/kiez/grants"}


def test_unknown_page_outside_the_api_stays_html(client, db):
    response = client.get("/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
