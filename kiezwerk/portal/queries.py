"""What the agency's public pages read, each in one query: the page texts, the neighbourhoods,
the team members who agreed to be listed, and the funders."""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from kiezwerk.accounts.enums import STAFF_ROLES, Role
from kiezwerk.agencies.models import Agency, Membership, Neighbourhood
from kiezwerk.funding.models import CoFinancing, Grant
from kiezwerk.portal.defaults import default_page
from kiezwerk.portal.markdown import render_markdown
from kiezwerk.portal.models import PortalPage


@dataclass(frozen=True)
class ShownPage:
    """A page as the public sees it: the published text, or the default while there is none."""

    kind: str
    title: str
    html: SafeString
    is_default: bool


def served_neighbourhoods(agency: Agency) -> list[Neighbourhood]:
    return list(agency.neighbourhoods.active().select_related("district").order_by("name"))


def shown_page(agency: Agency, kind: str, neighbourhoods: list) -> ShownPage:
    page = PortalPage.objects.filter(agency=agency, kind=kind, published=True).first()
    if page is not None:
        return ShownPage(kind, page.title, render_markdown(page.body_markdown), False)
    title, body = default_page(agency, kind, neighbourhoods)
    return ShownPage(kind, title, render_markdown(body), True)


def listed_team(agency: Agency) -> list[tuple[str, list[Membership]]]:
    """[(role label, members)] of the agency's team who agreed to be shown, by role."""
    members = (
        Membership.objects.active()
        .filter(agency=agency, role__in=STAFF_ROLES, listed_publicly=True)
        .select_related("user")
        .order_by("user__name")
    )
    by_role: dict[str, list[Membership]] = {}
    for membership in members:
        by_role.setdefault(membership.role, []).append(membership)
    return [(Role(role).label, by_role[role]) for role in STAFF_ROLES if role in by_role]


def funder_names(agency: Agency) -> list[str]:
    """The funders and programmes of the agency's grants and their co-financiers, once each."""
    grants = Grant.objects.active().filter(agency=agency)
    programmes = grants.values_list("programme__funder", "programme__name").distinct()
    co_financiers = CoFinancing.objects.filter(grant__in=grants).values_list("name", flat=True)
    names = [f"{funder} ({programme})" for funder, programme in programmes]
    return sorted(set(names) | set(co_financiers))
