"""A directory entry as schema.org JSON-LD, for search engines and other machines.

A `<script type="application/ld+json">` element is data, not code: browsers do not run it, and
the CSP's script-src does not apply to it. It must still be escaped, since a name containing
"</script>" would end the element: `<`, `>` and `&` become \\u escapes (as Django's json_script
does; that filter writes type="application/json", which JSON-LD readers ignore).
"""

import json
import re

from django.utils.safestring import SafeString, mark_safe

from kiezwerk.initiatives.models import Initiative

ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
# "Gärtnerstraße 12, 10245 Berlin": street, postcode, town.
ADDRESS = re.compile(r"^(?P<street>.+),\s*(?P<postcode>\d{5})\s+(?P<town>.+)$")
DAYS = {"mo": "Mo", "di": "Tu", "mi": "We", "do": "Th", "fr": "Fr", "sa": "Sa", "so": "Su"}
DAY = "(" + "|".join(DAYS) + r")\.?"
TIME = r"(\d{1,2})(?:[.:](\d{2}))?"
# Days and hours joined by an en dash or a hyphen: "Di-Fr 9-18 Uhr", "Mo-Fr 11.30-14 Uhr".
OPENING = re.compile(rf"^{DAY}(?:\s*[–-]\s*{DAY})?\s+{TIME}\s*[–-]\s*{TIME}\s*(?:uhr)?$", re.I)


def script_content(initiative: Initiative, *, url: str) -> SafeString:
    """The JSON text to put between the script tags, escaped for HTML."""
    text = json.dumps(entry(initiative, url=url), ensure_ascii=False, indent=1)
    return mark_safe(text.translate(ESCAPES))  # noqa: S308 - <, > and & escaped above  # nosec B308


def entry(initiative: Initiative, *, url: str) -> dict:
    """LocalBusiness when it has a public address people can go to, else Organization; only
    public fields, and only those that are filled in."""
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness" if initiative.public_address else "Organization",
        "@id": url,
        "url": initiative.website or url,
        "name": initiative.name,
        "description": initiative.public_description,
        "address": postal_address(initiative.public_address),
        "telephone": initiative.public_phone,
        "email": initiative.public_email,
        "openingHours": opening_hours(initiative.opening_hours),
        "areaServed": {"@type": "Place", "name": initiative.neighbourhood.name},
        "foundingDate": initiative.founded_on.isoformat() if initiative.founded_on else "",
    }
    return {key: value for key, value in data.items() if value}


def postal_address(text: str) -> dict | str:
    """A PostalAddress when the text reads "street, postcode town", else the text itself."""
    match = ADDRESS.match(text.strip())
    if not match:
        return text.strip()
    return {
        "@type": "PostalAddress",
        "streetAddress": match["street"].strip(),
        "postalCode": match["postcode"],
        "addressLocality": match["town"].strip(),
        "addressCountry": "DE",
    }


def opening_hours(text: str) -> list[str]:
    """schema.org's form ("Tu-Fr 09:00-18:00") of German opening hours such as
    "Di–Fr 9–18 Uhr, Sa 10–16 Uhr"; empty when any part does not read like that, since a
    wrong time is worse than none (the page shows the text as written)."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    found = [OPENING.match(part) for part in parts]
    if not parts or not all(found):
        return []
    return [_hours(match) for match in found if match]


def _hours(match: re.Match) -> str:
    first, last, start_h, start_m, end_h, end_m = match.groups()
    days = DAYS[first.lower()] + (f"-{DAYS[last.lower()]}" if last else "")
    return f"{days} {int(start_h):02d}:{start_m or '00'}-{int(end_h):02d}:{end_m or '00'}"
