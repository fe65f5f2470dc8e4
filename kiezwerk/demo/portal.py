"""The demo agencies' public face: written "about" and appointment pages for both agencies (the
other pages keep their generated defaults, as on a fresh installation), a public e-mail
address, team members who agreed to be named, and accessibility feedback — one answered, one
open and one overdue, dated relative to today so the due dates mean something.

Idempotent: pages are found by (agency, kind), names are listed once, feedback is created only
for an agency that has none.
"""

import datetime as dt

from django.utils import timezone

from kiezwerk.agencies.models import Agency, Membership
from kiezwerk.demo.common import log_created
from kiezwerk.portal.enums import PageKind
from kiezwerk.portal.models import AccessibilityFeedback, PortalPage

EMAILS = {"best": "info@best.example", "best-pankow": "pankow@best.example"}
ABOUT = {
    "best": (
        "Wir sind die Entwicklungsagentur für Soziale Unternehmen und Stadtteilökonomie in "
        "Friedrichshain und Prenzlauer Berg.\n\n"
        "## Was wir tun\n\n"
        "- Wir finden mit Ihnen heraus, was im Kiez fehlt: Kinderbetreuung am Abend, ein "
        "Treffpunkt, Hilfe im Haushalt.\n"
        "- Wir beraten Gruppen, die daraus ein Soziales Unternehmen machen wollen: vom ersten "
        "Treffen bis zur Gründung.\n"
        "- Wir bringen Sie mit Partnern zusammen: Wohnungsbaugesellschaften, Vereine, "
        "Verwaltung und Betriebe im Kiez."
    ),
    "best-pankow": (
        "Wir begleiten Gründungsinitiativen im ganzen Bezirk Pankow und stärken die Sozialen "
        "Unternehmen, die schon bestehen.\n\n"
        "## Was wir tun\n\n"
        "- Beratung von Initiativen und Gründungsgruppen\n"
        "- lokale Foren, auf denen Bewohnerinnen und Bewohner sagen, was fehlt\n"
        "- eine lokale Partnerschaft aus Bezirksamt, Jobcenter, Wirtschaft und Vereinen"
    ),
}
APPOINTMENTS = (
    "Wir beraten nach Termin: am Telefon oder vor Ort in Ihrem Kiez. Rufen Sie uns an oder "
    "fragen Sie online einen Termin an. Wir melden uns innerhalb von zwei Werktagen."
)
# (agency, e-mail of the person, how they agreed)
LISTED = [
    ("best", "leitung@best.example", "Einverständnis per E-Mail"),
    ("best", "koordination@best.example", "Einverständnis per E-Mail"),
    ("best-pankow", "leitung@best-pankow.example", "Einverständnis per E-Mail"),
]
# (days ago, message, answered)
FEEDBACK = [
    (50, "Die Telefonnummer lässt sich auf meinem Handy nicht antippen.", True),
    (40, "Auf der Seite mit den Terminen ist die graue Schrift schwer zu lesen.", False),
    (6, "Mein Vorleseprogramm liest die Liste der Stadtteile doppelt vor.", False),
]


def load_portal(agencies: dict[str, Agency]) -> bool:
    """Create what is missing of the portal demo; True when anything was created."""
    created = False
    for slug, agency in agencies.items():
        _public_email(agency, EMAILS[slug])
        created |= _page(agency, PageKind.ABOUT, "Über uns", ABOUT[slug])
        created |= _page(
            agency, PageKind.APPOINTMENTS_INFO, "So bekommen Sie einen Termin", APPOINTMENTS
        )
    _listings(agencies)
    created |= _feedback(agencies["best"])
    return created


def _public_email(agency: Agency, email: str) -> None:
    if not agency.email:
        agency.email = email
        agency.save(update_fields=["email", "updated_at"])


def _page(agency: Agency, kind: str, title: str, body: str) -> bool:
    page, created = PortalPage.objects.get_or_create(
        agency=agency, kind=kind, defaults={"title": title, "body_markdown": body}
    )
    if created:
        log_created([page])
    return created


def _listings(agencies: dict[str, Agency]) -> None:
    for slug, email, consent in LISTED:
        Membership.objects.filter(
            agency=agencies[slug], user__email=email, listed_publicly=False
        ).update(listed_publicly=True, listing_consent=consent)


def _feedback(agency: Agency) -> bool:
    if AccessibilityFeedback.objects.filter(agency=agency).exists():
        return False
    now = timezone.now()
    records = [
        AccessibilityFeedback(
            agency=agency,
            message=message,
            consent_at=now - dt.timedelta(days=days),
            created_at=now - dt.timedelta(days=days),
            answered_at=now - dt.timedelta(days=days - 9) if answered else None,
            answer_note="Per E-Mail geantwortet; Links werden jetzt als Telefonlinks gesetzt."
            if answered
            else "",
        )
        for days, message, answered in FEEDBACK
    ]
    log_created(AccessibilityFeedback.objects.bulk_create(records))
    return True
