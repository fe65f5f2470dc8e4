"""The page of logged reads for the accessibility scan (tests/browser/test_accessibility.py):
the page with reads as the manager, and with a filter error (a period ending before it
starts), as the filter form sends it."""

from tests.browser.visit import Visit

READS = "/backoffice/kiez/privacy/reads/"


def some_reads(request) -> dict:
    """Reads of a contact person and a consultation by the advisor."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from tests.factories import ConsultationFactory, ContactPersonFactory

    initiative, advisor = request.getfixturevalue("initiative"), request.getfixturevalue("advisor")
    for record in (
        ContactPersonFactory(initiative=initiative, name="Erika Muster"),
        ConsultationFactory(initiative=initiative),
    ):
        LogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(record),
            object_pk=str(record.pk),
            object_id=record.pk,
            object_repr=str(record),
            action=LogEntry.Action.ACCESS,
            actor=advisor,
            additional_data={"agency_id": initiative.agency_id},
        )
    return {}


VISITS = [
    Visit("privacy_reads", READS, "manager", setup=some_reads, shows="main #reads"),
    Visit(
        "privacy_reads_errors",
        READS + "?since=2025-05-10&until=2025-05-01",
        "manager",
        setup=some_reads,
        status=400,
        shows="main #id_until_error",
    ),
]
