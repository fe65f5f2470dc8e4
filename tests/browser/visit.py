"""A page for the accessibility scan (tests/browser/test_accessibility.py)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Visit:
    """A page to scan: who visits it (a fixture name), whether logged in, how they get there."""

    id: str
    path: str
    persona: str | None = None
    logged_in: bool = True
    reach: Callable | None = None  # (page, path, user, submit_login_form) -> last response
    status: int = 200
    shows: str | None = None  # a selector proving that the page is in the state to scan
    data: bool = False  # fill the agency with a grant, a partner and activity first
    cases: bool = False  # fill the agency with initiatives and their case work first
    # Other records first: a function of pytest's `request` that returns a dict of names for
    # the path (e.g. {"need": 7} for "/backoffice/kiez/needs/{need}/").
    setup: Callable | None = None

    def url(self, request, names: dict | None = None) -> str:
        """The path, with {initiative} standing for the id of the `initiative` fixture and
        other {names} for what `setup` returned."""
        names = dict(names or {})
        if "{initiative}" in self.path:
            names["initiative"] = request.getfixturevalue("initiative").pk
        return self.path.format(**names) if names else self.path


def uploading(content: bytes, name: str = "datei.csv"):
    """A `reach` for an import page: open it, choose `content` as the file (CSV) and send the
    upload form; the page after it."""

    def upload(page, path, user, submit_login_form):
        page.goto(path)
        file = {"name": name, "mimeType": "text/csv", "buffer": content}
        page.set_input_files("main input[type=file]", file)
        with page.expect_navigation() as navigation:
            page.click("main form button[type=submit]")
        return navigation.value

    return upload
