"""Documents of an initiative: what may be uploaded, who sees which, and the upload workflow.

Files are stored under MEDIA_ROOT with a random name and are served only through the
permission-checked download view, never by URL.
"""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kiezwerk.core.activity import log_action
from kiezwerk.initiatives.models import Document, Initiative

# How the content of each allowed file ending begins. ODT, DOCX and XLSX are zip files.
ZIP = (b"PK\x03\x04",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".odt": ZIP,
    ".docx": ZIP,
    ".xlsx": ZIP,
}
SNIFF_BYTES = 8
# What a ZIP of each kind holds: a member, and for ODT the content of its first member.
ZIP_MEMBERS: dict[str, tuple[str, bytes | None]] = {
    ".xlsx": ("xl/workbook.xml", None),
    ".docx": ("word/document.xml", None),
    ".odt": ("mimetype", b"application/vnd.oasis.opendocument.text"),
}


def allowed_endings() -> str:
    """The allowed kinds of file for messages: "PDF, ODT, DOCX, …"."""
    return ", ".join(dict.fromkeys(ending.lstrip(".").upper() for ending in settings.UPLOAD_TYPES))


def _head(file: UploadedFile) -> bytes:
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return head


def _zip_holds(file: UploadedFile, ending: str) -> bool:
    """Whether an office file (a ZIP) holds what its kind must; True for other kinds."""
    if ending not in ZIP_MEMBERS:
        return True
    member, content = ZIP_MEMBERS[ending]
    try:
        with zipfile.ZipFile(file) as archive:
            if member not in archive.namelist():
                return False
            if content is None:
                return True
            with archive.open(member) as opened:
                return opened.read(len(content) + 1) == content
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        return False
    finally:
        file.seek(0)


def check_upload(file: UploadedFile) -> str:
    """The file's ending if size, ending and content are acceptable, else a ValidationError."""
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(max)s are allowed.")
            % {"max": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="too_large",
        )
    ending = PurePath(file.name or "").suffix.lower()
    if ending not in settings.UPLOAD_TYPES or ending not in SIGNATURES:
        raise ValidationError(
            _("Files of this kind cannot be uploaded. Allowed are: %(kinds)s.")
            % {"kinds": allowed_endings()},
            code="wrong_type",
        )
    if not _head(file).startswith(SIGNATURES[ending]) or not _zip_holds(file, ending):
        raise ValidationError(
            _("The content of the file does not match its ending “%(ending)s”.")
            % {"ending": ending},
            code="content_mismatch",
        )
    return ending


def documents_for(initiative: Initiative, user):
    """The initiative's active documents the user may see: staff all, founders the shared ones."""
    documents = (
        Document.objects.active()
        .filter(agency_id=initiative.agency_id, initiative=initiative)
        .select_related("uploaded_by")
    )
    if not user.has_perm("initiatives.view_internal", initiative):
        documents = documents.filter(shared_with_founders=True)
    return documents


def upload_document(
    initiative: Initiative,
    *,
    actor,
    title: str,
    kind: str,
    file: UploadedFile,
    shared_with_founders: bool = False,
) -> Document:
    """Store a checked file with the initiative. Nothing stays on disk if saving fails."""
    try:
        ending = check_upload(file)
    except ValidationError as error:
        raise ValidationError({"file": error}) from error
    original_name = PurePath(file.name).name[-200:]
    document = Document(
        agency_id=initiative.agency_id,
        initiative=initiative,
        title=title,
        kind=kind,
        file=file,
        original_name=original_name,
        content_type=settings.UPLOAD_TYPES[ending],
        size=file.size,
        shared_with_founders=shared_with_founders,
        uploaded_by=actor,
    )
    try:
        with transaction.atomic():
            document.save()
            log_action(
                actor,
                "initiatives.document_uploaded",
                initiative,
                {"document": title, "kind": kind, "file": original_name, "size": file.size},
            )
    except BaseException:
        _discard_stored_file(document)
        raise
    return document


def _discard_stored_file(document: Document) -> None:
    """Remove the file if it was written already (FieldFile marks it committed then)."""
    if getattr(document.file, "_committed", False) and document.file.name:
        document.file.storage.delete(document.file.name)
