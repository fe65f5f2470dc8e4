from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from kiezwerk.agencies.models import Agency, Membership
from kiezwerk.core.exporters import Exporter


class TeamExporter(Exporter):
    """The agency's active members with role and neighbourhood teams; members whose processing
    is restricted (Art. 18 GDPR) are left out."""

    filename = "team"
    columns = [
        ("name", _("Name")),
        ("email", _("E-mail")),
        ("role", _("Role")),
        ("title", _("Job title")),
        ("neighbourhoods", _("Neighbourhoods")),
    ]

    def __init__(self, agency: Agency) -> None:
        self.agency = agency

    def rows(self) -> Iterator[dict]:
        memberships = (
            Membership.objects.active()
            .filter(agency=self.agency, user__restricted_at__isnull=True)
            .select_related("user")
            .prefetch_related("neighbourhoods")
            .order_by("role", "user__name")
        )
        for membership in memberships.iterator(chunk_size=500):
            yield {
                "name": membership.user.name,
                "email": membership.user.email,
                "role": membership.get_role_display(),
                "title": membership.title,
                "neighbourhoods": ", ".join(n.name for n in membership.neighbourhoods.all()),
            }
