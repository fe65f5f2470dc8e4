import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.initiatives import documents
from kiezwerk.initiatives.models import Document
from tests.conftest import client_for, count_queries

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
ODT_TYPE = "application/vnd.oasis.opendocument.text"


def office_file(member: str = "word/document.xml", content: str = "<xml/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, content)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()]


def upload_url(initiative) -> str:
    return reverse("initiatives:upload_document", kwargs={"slug": "kiez", "pk": initiative.pk})


def download_url(document: Document) -> str:
    kwargs = {"slug": "kiez", "pk": document.initiative_id, "document": document.pk}
    return reverse("initiatives:download_document", kwargs=kwargs)


def store_document(initiative, *, actor=None, name="Businessplan.pdf", content=PDF, **fields):
    """A document stored through the service, as an upload would store it."""
    values = {"title": "Businessplan 2003", "kind": "business_plan", "shared_with_founders": False}
    return documents.upload_document(
        initiative,
        actor=actor,
        file=SimpleUploadedFile(name, content),
        **(values | fields),
    )


def post_upload(user, initiative, name="Businessplan.pdf", content=PDF, **fields):
    data = {"title": "Businessplan 2003", "kind": "business_plan"} | fields
    data["file"] = SimpleUploadedFile(name, content)
    return client_for(user).post(upload_url(initiative), data)


# --- upload ---------------------------------------------------------------------------------


def test_upload_form_has_labelled_fields(advisor, initiative):
    response = client_for(advisor).get(upload_url(initiative))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in page
    for field in ("title", "kind", "file", "shared_with_founders"):
        assert f'for="id_{field}"' in page
    assert "höchstens 20,0\xa0MB" in page


def test_advisor_uploads_a_pdf_to_the_case(advisor, initiative, media_root):
    response = post_upload(advisor, initiative, shared_with_founders="on")

    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "initiatives:detail", kwargs={"slug": "kiez", "pk": initiative.pk}
    )
    assert (document.title, document.kind, document.original_name) == (
        "Businessplan 2003",
        "business_plan",
        "Businessplan.pdf",
    )
    assert (document.content_type, document.size) == ("application/pdf", len(PDF))
    assert (document.agency_id, document.initiative, document.uploaded_by) == (
        initiative.agency_id,
        initiative,
        advisor,
    )
    assert document.shared_with_founders is True
    assert stored_files(media_root) == [media_root / document.file.name]


def test_stored_file_has_a_random_name_not_the_original(advisor, initiative):
    post_upload(advisor, initiative, name="Plan der Gründerin.pdf")

    document = Document.objects.get()
    assert "Gründerin" not in document.file.name
    assert document.file.name.startswith(f"documents/{initiative.agency_id}/")
    assert document.file.name.endswith(".pdf")


def test_upload_says_so_on_the_next_page(advisor, initiative):
    response = post_upload(advisor, initiative)

    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["Das Dokument wurde hochgeladen."]


def test_upload_is_written_to_the_activity_log(advisor, initiative):
    post_upload(advisor, initiative)

    entry = ActivityLogEntry.objects.get(verb="initiatives.document_uploaded")
    assert (entry.actor, entry.agency_id, entry.object_id) == (
        advisor,
        initiative.agency_id,
        str(initiative.pk),
    )
    assert entry.data == {
        "document": "Businessplan 2003",
        "kind": "business_plan",
        "file": "Businessplan.pdf",
        "size": len(PDF),
    }


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("scan.png", PNG, "image/png"),
        ("foto.JPG", JPEG, "image/jpeg"),
        ("foto.jpeg", JPEG, "image/jpeg"),
        ("satzung.odt", office_file("mimetype", ODT_TYPE), ODT_TYPE),
        ("vertrag.docx", office_file(), "application/vnd.openxmlformats-officedocument."),
        ("zahlen.xlsx", office_file("xl/workbook.xml"), "application/vnd.openxmlformats-"),
    ],
)
def test_every_allowed_kind_is_stored_with_its_content_type(
    advisor, initiative, name, content, content_type
):
    response = post_upload(advisor, initiative, name=name, content=content)

    assert response.status_code == 302
    assert Document.objects.get().content_type.startswith(content_type)


def test_too_large_file_is_refused_and_nothing_stored(advisor, initiative, settings, media_root):
    settings.UPLOAD_MAX_BYTES = 16

    response = post_upload(advisor, initiative)

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Die Datei ist zu groß: erlaubt sind höchstens 16\xa0Bytes."
    ]
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("name", ["rechnung.exe", "seite.html", "bild.svg", "ohne-endung"])
def test_file_of_a_kind_not_allowed_is_refused(advisor, initiative, media_root, name):
    response = post_upload(advisor, initiative, name=name)

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Dateien dieser Art können nicht hochgeladen werden. "
        "Erlaubt sind: PDF, ODT, DOCX, XLSX, PNG, JPG, JPEG."
    ]
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("businessplan.pdf", b"<html><script>alert(1)</script></html>"),
        ("businessplan.pdf", PNG),
        ("foto.png", JPEG),
        ("vertrag.docx", PDF),
        ("foto.jpg", b"GIF89a......"),
    ],
)
def test_content_not_matching_its_ending_is_refused(advisor, initiative, media_root, name, content):
    response = post_upload(advisor, initiative, name=name, content=content)

    ending = Path(name).suffix
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        f"Der Inhalt der Datei passt nicht zu ihrer Endung „{ending}“."
    ]
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_file_error_is_tied_to_the_file_field(advisor, initiative):
    response = post_upload(advisor, initiative, name="seite.html")

    page = response.content.decode()
    assert 'id="id_file_error"' in page
    assert 'aria-describedby="id_file_helptext id_file_error"' in page
    assert 'aria-invalid="true"' in page


def test_upload_without_title_and_kind_is_refused(advisor, initiative, media_root):
    response = post_upload(advisor, initiative, title="", kind="")

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "kind"}
    assert stored_files(media_root) == []


def test_upload_refuses_other_methods(advisor, initiative):
    assert client_for(advisor).put(upload_url(initiative)).status_code == 405


def test_evaluator_may_not_upload(evaluator, initiative, media_root):
    response = post_upload(evaluator, initiative)

    assert response.status_code == 403
    assert stored_files(media_root) == []


def test_advisor_of_another_neighbourhood_may_not_upload(agency, neighbourhoods, initiative):
    from kiezwerk.accounts.enums import Role
    from tests.factories import member

    colleague = member(agency, Role.ADVISOR, neighbourhoods=neighbourhoods[1:])

    assert post_upload(colleague, initiative).status_code == 404
    assert not Document.objects.exists()


def test_service_refuses_a_bad_file_by_field(initiative, media_root):
    with pytest.raises(ValidationError) as caught:
        store_document(initiative, name="seite.pdf", content=b"<html>")

    assert list(caught.value.message_dict) == ["file"]
    assert stored_files(media_root) == []


def test_service_leaves_no_file_behind_when_saving_fails(initiative, media_root):
    with pytest.raises(IntegrityError):
        store_document(initiative, title=None)

    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_upload_form_needs_constant_queries(advisor, initiative):
    url = upload_url(initiative)
    store_document(initiative)
    one = count_queries(lambda: client_for(advisor).get(url))
    for _ in range(5):
        store_document(initiative)

    assert count_queries(lambda: client_for(advisor).get(url)) == one


# --- download -------------------------------------------------------------------------------


def test_staff_download_is_an_attachment_with_the_stored_type(advisor, initiative):
    document = store_document(initiative, actor=advisor)

    response = client_for(advisor).get(download_url(document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Businessplan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(PDF))
    assert "no-store" in response["Cache-Control"]


def test_download_keeps_a_non_ascii_original_name(advisor, initiative):
    document = store_document(initiative, name="Satzung Bürgerladen.pdf")

    response = client_for(advisor).get(download_url(document))

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Satzung%20B%C3%BCrgerladen.pdf"
    )


def test_download_is_written_to_the_activity_log(evaluator, initiative):
    document = store_document(initiative)

    client_for(evaluator).get(download_url(document))

    entry = ActivityLogEntry.objects.get(verb="initiatives.document_downloaded")
    assert (entry.actor, entry.object_id) == (evaluator, str(initiative.pk))
    assert entry.data == {"document": "Businessplan 2003", "id": document.pk}


def test_founder_downloads_a_shared_document(founder, founder_contact, initiative):
    document = store_document(initiative, shared_with_founders=True)

    response = client_for(founder).get(download_url(document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_founder_gets_404_for_a_document_not_shared(founder, founder_contact, initiative):
    document = store_document(initiative, shared_with_founders=False)

    response = client_for(founder).get(download_url(document))

    assert response.status_code == 404
    assert not ActivityLogEntry.objects.filter(verb="initiatives.document_downloaded").exists()


def test_archived_document_is_not_found(advisor, initiative):
    document = store_document(initiative)
    Document.objects.filter(pk=document.pk).update(archived_at=timezone.now())

    assert client_for(advisor).get(download_url(document)).status_code == 404


def test_document_of_another_initiative_is_not_found_here(advisor, agency, neighbourhoods):
    from tests.factories import InitiativeFactory

    first, second = InitiativeFactory.create_batch(
        2, agency=agency, neighbourhood=neighbourhoods[0]
    )
    document = store_document(second)
    kwargs = {"slug": "kiez", "pk": first.pk, "document": document.pk}

    response = client_for(advisor).get(reverse("initiatives:download_document", kwargs=kwargs))

    assert response.status_code == 404


def test_document_whose_file_is_gone_is_not_found(advisor, initiative, media_root):
    document = store_document(initiative)
    (media_root / document.file.name).unlink()

    assert client_for(advisor).get(download_url(document)).status_code == 404


def test_download_refuses_other_methods(advisor, initiative):
    document = store_document(initiative)

    assert client_for(advisor).post(download_url(document)).status_code == 405


def test_download_needs_constant_queries(advisor, initiative):
    document = store_document(initiative)
    one = count_queries(lambda: client_for(advisor).get(download_url(document)))
    for _ in range(5):
        store_document(initiative)

    assert count_queries(lambda: client_for(advisor).get(download_url(document))) == one


def test_files_are_not_reachable_by_url(advisor, initiative, client):
    document = store_document(initiative)

    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(f"/static/{document.file.name}").status_code == 404


# --- what each viewer sees ------------------------------------------------------------------


def test_staff_see_every_active_document_founders_only_shared(
    advisor, founder, founder_contact, initiative
):
    shared = store_document(initiative, shared_with_founders=True)
    internal = store_document(initiative, shared_with_founders=False)

    assert set(documents.documents_for(initiative, advisor)) == {shared, internal}
    assert list(documents.documents_for(initiative, founder)) == [shared]


def _documents_section(initiative, user, *, can_change: bool) -> str:
    context = {
        "initiative": initiative,
        "documents": documents.documents_for(initiative, user),
        "can_change": can_change,
    }
    return render_to_string("initiatives/partials/documents.html", context)


def test_documents_section_lists_them_with_a_download_link(advisor, initiative):
    document = store_document(initiative, actor=advisor)

    html = _documents_section(initiative, advisor, can_change=True)

    assert '<th scope="row">Businessplan 2003</th>' in html
    assert "<td>Businessplan</td>" in html
    assert f'href="{download_url(document)}"' in html
    assert "Ayşe Demir" in html
    assert f'href="{upload_url(initiative)}"' in html


def test_documents_section_shows_the_size_readably(advisor, initiative):
    store_document(initiative, content=PDF + b"\x00" * 3000)

    html = _documents_section(initiative, advisor, can_change=True)

    assert "3,0\xa0KB" in html


def test_documents_section_has_no_upload_link_for_readers(evaluator, initiative):
    store_document(initiative)

    html = _documents_section(initiative, evaluator, can_change=False)

    assert upload_url(initiative) not in html
    assert "Businessplan 2003" in html


def test_documents_section_says_when_there_are_none(advisor, initiative):
    html = _documents_section(initiative, advisor, can_change=False)

    assert "Es wurde noch kein Dokument hochgeladen." in html
