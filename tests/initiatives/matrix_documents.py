"""Who gets what from the document views: rows for tests/test_permission_matrix.py.

The founder is the initiative's own founder (`founder_contact`); the document in the download
row is shared with the founders, so that they may download it. Staff-only views answer the
own founder 403 (the initiative is visible to them, the permission is missing) and everyone
who may not see the initiative 404.
"""

from tests.initiatives.test_documents import store_document

LOGIN = "login"
HIDDEN = {"funder": 404, "partner": 404, "outsider": 404, "other_founder": 404}


def _initiative_kwargs(request) -> dict:
    request.getfixturevalue("founder_contact")
    initiative = request.getfixturevalue("initiative")
    return {"slug": initiative.agency.slug, "pk": initiative.pk}


def _shared_document_kwargs(request) -> dict:
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = request.getfixturevalue("tmp_path") / "media"
    kwargs = _initiative_kwargs(request)
    initiative = request.getfixturevalue("initiative")
    document = store_document(initiative, shared_with_founders=True)
    return kwargs | {"document": document.pk}


ROWS = {
    "initiatives:upload_document": (
        _initiative_kwargs,
        {
            "manager": 200,
            "advisor": 200,
            "evaluator": 403,
            "founder": 403,
            **HIDDEN,
            "anonymous": LOGIN,
        },
    ),
    "initiatives:download_document": (
        _shared_document_kwargs,
        {
            "manager": 200,
            "advisor": 200,
            "evaluator": 200,
            "founder": 200,
            **HIDDEN,
            "anonymous": LOGIN,
        },
    ),
}
