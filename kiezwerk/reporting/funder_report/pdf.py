"""The report as a tagged PDF/UA-1 (WeasyPrint) from reporting/funder_report_pdf.html: German
when German is active (`<html lang>`, numbers, labels), real table headers, page numbers in
the footer. Nothing outside the document is fetched: the URL fetcher allows data: URLs only."""

import re
from typing import BinaryIO

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kiezwerk.reporting.funder_report.content import ReportContent, language
from kiezwerk.reporting.funder_report.tables import sections

TEMPLATE = "reporting/funder_report_pdf.html"


def write_pdf(content: ReportContent, out: BinaryIO) -> None:
    import weasyprint

    html = render_html(content)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher())
    document.write_pdf(out, pdf_variant="pdf/ua-1")


def fetcher():
    """WeasyPrint's fetcher limited to data: URLs: no file, no network, whatever the HTML."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",))


def render_html(content: ReportContent) -> str:
    tables = sections(content)
    context = {
        "content": content,
        "language": language(),
        "cover": tables[0],
        "tables": tables[1:],
        "page_counter": page_counter(),
    }
    return render_to_string(TEMPLATE, context)


def page_counter() -> SafeString:
    """The CSS `content` of the footer, "Seite 1 von 3" in German: the translated words as CSS
    strings (every character but letters, digits and spaces escaped) around the counters."""
    text = _("Page %(number)s of %(total)s")
    tokens = []
    for part in re.split(r"(%\((?:number|total)\)s)", text):
        if part == "%(number)s":
            tokens.append("counter(page)")
        elif part == "%(total)s":
            tokens.append("counter(pages)")
        elif part:
            tokens.append(_css_string(part))
    return mark_safe(" ".join(tokens))  # noqa: S308 - every character is escaped above


def _css_string(text: str) -> str:
    escaped = "".join(
        char if char.isalnum() or char == " " else f"\\{ord(char):06x}" for char in text
    )
    return f'"{escaped}"'
