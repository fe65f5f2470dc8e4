"""The social report as files: a tagged PDF/UA-1 (WeasyPrint) and a standalone HTML file that
any word processor opens for editing. Both come from the one template
reporting/social_report/document.html, in the active language (`<html lang>`), with real
headings (h1 to h3) and table headers. The PDF fetches nothing outside the document (the
`core.pdf` allows data: URLs only); the HTML file needs nothing outside itself."""

import io

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kiezwerk.core import pdf
from kiezwerk.reporting.funder_report.content import language
from kiezwerk.reporting.models import SocialReport
from kiezwerk.reporting.social_report.content import SocialReportContent

TEMPLATE = "reporting/social_report/document.html"
UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def render_html(content: SocialReportContent, *, printed: bool = False) -> str:
    """The document; `printed` adds the page rules (header, page numbers) for the PDF."""
    context = {
        "content": content,
        "language": language(),
        "printed": printed,
        "page_counter": pdf.page_counter() if printed else "",
    }
    return render_to_string(TEMPLATE, context)


def pdf_bytes(content: SocialReportContent) -> bytes:
    out = io.BytesIO()
    pdf.write_pdf(render_html(content, printed=True), out)
    return out.getvalue()


def file_name(report: SocialReport, ending: str) -> str:
    """sozialbericht-<title>-<start>-<end>.<ending>, German whatever the language (umlauts
    spelled out)."""
    with translation.override("de"):
        stem = slugify(_("social-report").translate(UMLAUTS))
    title = slugify(report.title.translate(UMLAUTS))
    return f"{stem}-{title}-{report.start:%Y-%m-%d}-{report.end:%Y-%m-%d}.{ending}"
