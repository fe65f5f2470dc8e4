"""The report as a tagged PDF/UA-1 (WeasyPrint) from reporting/funder_report_pdf.html: German
when German is active (`<html lang>`, numbers, labels), real table headers, page numbers in
the footer. Nothing outside the document is fetched (`core.pdf`)."""

from typing import BinaryIO

from django.template.loader import render_to_string

from kiezwerk.core import pdf
from kiezwerk.reporting.funder_report.content import ReportContent, language
from kiezwerk.reporting.funder_report.tables import sections

TEMPLATE = "reporting/funder_report_pdf.html"


def write_pdf(content: ReportContent, out: BinaryIO) -> None:
    pdf.write_pdf(render_html(content), out)


def render_html(content: ReportContent) -> str:
    tables = sections(content)
    context = {
        "content": content,
        "language": language(),
        "cover": tables[0],
        "tables": tables[1:],
        "page_counter": pdf.page_counter(),
    }
    return render_to_string(TEMPLATE, context)
