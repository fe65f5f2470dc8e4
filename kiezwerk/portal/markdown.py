"""Markdown written by managers, turned into HTML that is safe to show to the public.

`markdown` (the reference Python implementation) writes the HTML, `nh3` (the maintained,
Rust-backed sanitiser) keeps only a small set of tags: whatever a manager types, a public page
gets no script, style, image, form or foreign attribute.
"""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    """The sanitised HTML of `text`: links only to http(s) and mailto, each rel="noopener"."""
    html = markdown.markdown(text, output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above  # nosec B308
