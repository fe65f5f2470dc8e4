"""Tagged PDF/UA-1 documents from HTML (WeasyPrint), shared by the reports and the
data-protection documents. Nothing outside the document is fetched: the URL fetcher allows
data: URLs only, so a document never reads a file or the network whatever its HTML says."""

import re
from typing import BinaryIO

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def write_pdf(html: str, out: BinaryIO) -> None:
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher())
    document.write_pdf(out, pdf_variant="pdf/ua-1")


def fetcher():
    """WeasyPrint's fetcher limited to data: URLs: no file, no network, whatever the HTML."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",))


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
    return mark_safe(" ".join(tokens))  # noqa: S308 - each character escaped above  # nosec B308


def _css_string(text: str) -> str:
    escaped = "".join(
        char if char.isalnum() or char == " " else f"\\{ord(char):06x}" for char in text
    )
    return f'"{escaped}"'
