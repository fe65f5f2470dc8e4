"""The API's pages for the accessibility scan (tests/browser/test_accessibility.py): the
user's API tokens with one token, the form sent with an expiry in the past, the page that
shows a new token once, and the interactive API documentation (Swagger UI from our own static
files, which must run within the CSP)."""

from tests.browser.visit import Visit

TOKENS = "/backoffice/my-data/api-tokens/"


def one_token(request) -> dict:
    from kiezwerk.api.models import ApiToken

    ApiToken.issue(user=request.getfixturevalue("advisor"), name="Tabelle", scope="read")
    return {}


def create(name: str, expires_on: str = ""):
    def reach(page, path, user, submit_login_form):
        page.goto(TOKENS)
        page.fill("#id_name", name)
        page.fill("#id_expires_on", expires_on)
        with page.expect_navigation() as navigation:
            page.click("main form[action$='new/'] button[type=submit]")
        return navigation.value

    return reach


def rendered_docs(page, path, user, submit_login_form):
    response = page.goto(path)
    # Drawn after fetching and parsing openapi.json and the 1.5 MB Swagger bundle: give a loaded
    # machine time (CI runs the suite on two busy cores).
    page.wait_for_selector("#swagger-ui .opblock-tag", timeout=60_000)
    return response


VISITS = [
    Visit("api_tokens", TOKENS, "advisor", setup=one_token, shows="main #api-tokens"),
    Visit(
        "api_tokens_errors",
        TOKENS + "new/",
        "advisor",
        reach=create("Tabelle", "2001-01-01"),
        status=400,
        shows="main #id_expires_on_error",
    ),
    Visit(
        "api_token_created",
        TOKENS + "new/",
        "advisor",
        reach=create("Tabelle"),
        shows="main #api-token-secret",
    ),
    Visit(
        "api_docs",
        "/api/v1/docs",
        "advisor",
        reach=rendered_docs,
        shows="#swagger-ui .information-container",
    ),
]
