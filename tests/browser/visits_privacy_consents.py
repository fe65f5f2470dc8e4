"""The consents pages for the accessibility scan (tests/browser/test_accessibility.py): the
agency's consents as management, one in force (with its withdrawal form) and one withdrawn,
and the founder's own consents."""

from tests.browser.visit import Visit


def consents(request) -> dict:
    """A founder's consent in force and another person's withdrawn consent."""
    from django.utils import timezone

    from tests.privacy.consent_helpers import contact_with_consent

    initiative, founder = request.getfixturevalue("initiative"), request.getfixturevalue("founder")
    contact_with_consent(initiative, user=founder, name=founder.name)
    _contact, withdrawn = contact_with_consent(initiative, name="Jana Kurz")
    withdrawn.withdrawn_at, withdrawn.withdrawal_channel = timezone.now(), "phone"
    withdrawn.save()
    return {}


VISITS = [
    Visit(
        "privacy_consents_list",
        "/backoffice/kiez/privacy/consents/",
        "manager",
        setup=consents,
        shows="main table#consents",
    ),
    Visit(
        "privacy_consents_mine",
        "/backoffice/my-data/consents/",
        "founder",
        setup=consents,
        shows="main #my-consents",
    ),
]
