"""Every upload of the project (a case's documents, an enterprise's figures, a grant's spending)
takes the kind of file from its content, not its name, refuses files over its size limit with a
translated message, and stores nothing it refused. Uploaded files live under MEDIA_ROOT, apart
from static files, and no URL serves them except the permission-checked download views.

The forms with a file field are found by walking the project's forms (`test_every_file_field_
is_one_of_the_known_uploads`), so that a new upload must be added here."""

import csv
import importlib
import inspect
import io
import pkgutil
import zipfile
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.views.static import serve

import kiezwerk
from kiezwerk.economy import imports
from kiezwerk.economy.imports import TableFileForm
from kiezwerk.economy.models import MonthFigures
from kiezwerk.funding.models import Spending
from kiezwerk.initiatives.forms.documents import DocumentForm
from kiezwerk.initiatives.models import Document
from tests.conftest import client_for
from tests.funding.grants import grant_with_figures

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def a_zip(member: str, content: str = "<xml/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, content)
    return buffer.getvalue()


def english(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def errors(response) -> list[str]:
    return response.context["form"].errors["file"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()]


# --- where files live and how they are served ---------------------------------------------


def _inside(path, folder) -> bool:
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def test_media_root_is_apart_from_static_files():
    from kiezwerk import settings as configured  # the value before the tests' override

    media = Path(configured.MEDIA_ROOT)
    static_folders = [configured.STATIC_ROOT, *configured.STATICFILES_DIRS]

    assert not any(_inside(media, folder) for folder in static_folders)
    assert not any(_inside(folder, media) for folder in static_folders)
    assert not getattr(configured, "WHITENOISE_ROOT", None)


def _patterns(resolver: URLResolver | None = None, prefix: str = ""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_no_url_serves_uploaded_files_directly():
    for route, view in _patterns():
        assert view is not serve, route
        assert not route.lstrip("^/").startswith("media"), route


def test_a_stored_document_is_not_reachable_by_its_path(advisor, initiative, media_root):
    english(advisor).post(
        reverse("initiatives:upload_document", kwargs={"slug": "kiez", "pk": initiative.pk}),
        {"title": "Plan", "kind": "business_plan", "file": SimpleUploadedFile("plan.pdf", PDF)},
    )
    name = Document.objects.get().file.name

    for url in (f"/{name}", f"/media/{name}", f"{settings.MEDIA_URL}{name}", f"/static/{name}"):
        assert client_for(advisor).get(url).status_code == 404, url


def _project_forms():
    for module in pkgutil.walk_packages(kiezwerk.__path__, "kiezwerk."):
        if ".migrations" in module.name or module.name.endswith(("settings", "wsgi", "asgi")):
            continue
        loaded = importlib.import_module(module.name)
        for _name, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.name:
                yield value


def test_every_file_field_is_one_of_the_known_uploads():
    with_files = {
        form
        for form in _project_forms()
        if any(isinstance(field, forms.FileField) for field in form.base_fields.values())
    }

    assert all(issubclass(form, DocumentForm | TableFileForm) for form in with_files), with_files


# --- a case's documents ----------------------------------------------------------------------


def _document(user, initiative, name: str, content: bytes):
    url = reverse("initiatives:upload_document", kwargs={"slug": "kiez", "pk": initiative.pk})
    data = {
        "title": "Unterlage",
        "kind": "business_plan",
        "file": SimpleUploadedFile(name, content),
    }
    return english(user).post(url, data)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.xlsx", PDF),  # a PDF named as a workbook
        ("plan.pdf", PNG),
        ("plan.xlsx", a_zip("word/document.xml")),  # a DOCX named as a workbook
        ("plan.docx", a_zip("xl/workbook.xml")),
        ("plan.odt", a_zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet")),
        ("plan.docx", b"PK\x03\x04 but no zip at all"),
    ],
)
def test_document_whose_content_does_not_match_its_name_is_refused(
    advisor, initiative, media_root, name, content
):
    response = _document(advisor, initiative, name, content)

    ending = Path(name).suffix
    assert response.status_code == 400
    assert errors(response) == [f"The content of the file does not match its ending “{ending}”."]
    assert (Document.objects.count(), stored(media_root)) == (0, [])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.xlsx", a_zip("xl/workbook.xml")),
        ("plan.docx", a_zip("word/document.xml")),
        ("plan.odt", a_zip("mimetype", "application/vnd.oasis.opendocument.text")),
        ("plan.pdf", PDF),
    ],
)
def test_document_whose_content_matches_is_stored_under_media_root(
    advisor, initiative, media_root, name, content
):
    response = _document(advisor, initiative, name, content)

    assert response.status_code == 302
    assert len(stored(media_root)) == 1


def test_document_of_an_unknown_kind_is_refused(advisor, initiative, media_root):
    response = _document(advisor, initiative, "skript.html", b"<script>alert(1)</script>")

    assert response.status_code == 400
    assert errors(response)[0].startswith("Files of this kind cannot be uploaded.")
    assert stored(media_root) == []


def test_document_over_the_size_limit_is_refused(settings, advisor, initiative, media_root):
    settings.UPLOAD_MAX_BYTES = 1024

    response = _document(advisor, initiative, "plan.pdf", PDF + b"0" * 1024)

    with translation.override("en"):
        limit = filesizeformat(1024)
    assert response.status_code == 400
    assert errors(response) == [f"The file is too large: at most {limit} are allowed."]
    assert stored(media_root) == []


# --- tables: an enterprise's figures and a grant's spending --------------------------------


@pytest.fixture
def enterprise(initiative, founder_contact):
    return initiative


@pytest.fixture
def grant(agency, manager):
    return grant_with_figures(agency, manager)


@pytest.fixture(params=["figures", "spending"])
def table_upload(request, agency, manager):
    """(post(name, content), count of saved rows) of one table import."""
    if request.param == "figures":
        enterprise = request.getfixturevalue("enterprise")
        founder = request.getfixturevalue("founder")
        url = reverse("economy:import", kwargs={"slug": "kiez", "pk": enterprise.pk})
        user, count = founder, MonthFigures.objects.count
    else:
        grant = request.getfixturevalue("grant")
        url = reverse("funding:spending_import", kwargs={"slug": "kiez", "pk": grant.pk})
        user, count = manager, Spending.objects.count

    def post(name: str, content: bytes):
        return english(user).post(url, {"file": SimpleUploadedFile(name, content)})

    return post, count


UNREADABLE = (
    "This file is neither a CSV file in UTF-8 nor an Excel workbook (XLSX). Please save it in one "
    "of these formats (in Excel: “CSV UTF-8” or “Excel workbook”)."
)
NOT_A_WORKBOOK = "This file could not be read as an Excel workbook (XLSX)."


def _text_csv(rows) -> bytes:
    handle = io.StringIO()
    csv.writer(handle, delimiter=";").writerows(rows)
    return handle.getvalue().encode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("zahlen.xlsx", PDF + b"\x00\xff binary", UNREADABLE),  # a PDF named as a workbook
        ("zahlen.csv", PNG, UNREADABLE),
        ("zahlen.csv", b"Jahr;Monat\x00;Betrag\n", UNREADABLE),  # a NUL byte is no text
        ("zahlen.csv", "Jahr;Monat;Größe\n".encode("cp1252"), UNREADABLE),
        ("zahlen.xlsx", a_zip("word/document.xml"), NOT_A_WORKBOOK),  # a DOCX
        ("zahlen.xlsx", a_zip("content.xml"), NOT_A_WORKBOOK),  # an ODS
        ("zahlen.xlsx", b"PK\x03\x04 but no zip at all", NOT_A_WORKBOOK),
    ],
)
def test_table_whose_content_is_no_csv_or_workbook_is_refused(table_upload, name, content, message):
    post, count = table_upload
    before = count()

    response = post(name, content)

    assert response.status_code == 400
    assert errors(response) == [message]
    assert count() == before


def test_table_with_a_workbook_named_csv_is_read_as_a_workbook(table_upload):
    post, _count = table_upload
    workbook = a_zip("xl/workbook.xml")  # not a real workbook: refused by openpyxl, not the name

    response = post("zahlen.csv", workbook)

    assert errors(response) == [NOT_A_WORKBOOK]


def test_table_over_the_size_limit_is_refused(table_upload):
    post, count = table_upload
    before = count()

    response = post("zahlen.csv", _text_csv([["Jahr"]]) + b" " * imports.MAX_BYTES)

    with translation.override("en"):
        limit = filesizeformat(imports.MAX_BYTES)
    assert response.status_code == 400
    assert errors(response) == [f"The file is too large: at most {limit} are allowed."]
    assert count() == before


def test_tables_are_read_and_never_stored(table_upload, media_root):
    post, _count = table_upload

    post("zahlen.csv", _text_csv([["Jahr", "Monat"], [2004, 1]]))

    assert stored(media_root) == []
