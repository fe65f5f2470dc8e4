"""The access export as a tagged PDF/UA-1 for the person (German), from the template
privacy/access_document.html and `access.build`'s content."""

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from kiezwerk.core import pdf

TEMPLATE = "privacy/access_document.html"


def render_html(content: dict) -> str:
    context = {
        "content": content,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "page_counter": pdf.page_counter(),
    }
    return render_to_string(TEMPLATE, context)


def pdf_bytes(content: dict) -> bytes:
    out = io.BytesIO()
    pdf.write_pdf(render_html(content), out)
    return out.getvalue()
