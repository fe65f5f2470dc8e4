"""Permission-matrix rows of importing a grant's spending from a file (see
tests/test_permission_matrix.py).

As the spending form: only management imports and downloads the template. The funder who
reads the grant and the evaluator may read it but not change it (403); advisors, founders and
network partners do not learn that it exists (404), nor does the outsider."""

from tests.funding.matrix_funding import CHANGE, read_grant_kwargs


def template_kwargs(request) -> dict:
    return read_grant_kwargs(request) | {"fmt": "csv"}


ROWS = {
    "funding:spending_import": (read_grant_kwargs, CHANGE),
    "funding:spending_template": (template_kwargs, CHANGE),
}

FORM_VIEWS = {"funding:spending_import"}
