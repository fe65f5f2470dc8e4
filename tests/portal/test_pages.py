"""The agency's public page, its editable pages (generated defaults, sanitised Markdown), the
back office that edits them and the consent-based team listing."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kiezwerk.accounts.enums import Role
from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.portal.markdown import render_markdown
from kiezwerk.portal.models import PortalPage
from tests.conftest import client_for, count_queries
from tests.factories import NeighbourhoodFactory, member
from tests.funding.grants import DISTRICT, co_finance, plain_grant

AGENCY_PAGE = "/agencies/kiez/"


def english(user=None) -> Client:
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def edit_url(kind: str) -> str:
    return reverse("portal_admin:page", kwargs={"slug": "kiez", "kind": kind})


def page_url(kind: str) -> str:
    return reverse("portal:page", kwargs={"slug": "kiez", "kind": kind})


# rendering


def test_markdown_keeps_the_small_tag_set_and_drops_everything_else():
    html = render_markdown(
        "## Wer wir sind\n\n**fett** <script>alert(1)</script> <img src=x onerror=alert(1)> "
        "[gut](https://kiez.example) [böse](javascript:alert(1)) <span style='x'>s</span>"
    )

    assert html == (
        "<h2>Wer wir sind</h2>\n<p><strong>fett</strong>   "
        '<a href="https://kiez.example" rel="noopener">gut</a> <a rel="noopener">böse</a> s</p>'
    )


# the public pages


def test_agency_page_shows_what_a_resident_needs(anonymous, agency, neighbourhoods, manager):
    agency.email, agency.street, agency.postcode = "info@kiez.test", "Wiesenstr. 29", "13357"
    agency.save()
    co_finance(plain_grant(agency), (DISTRICT, "10"))

    page = english().get(AGENCY_PAGE).content.decode()

    assert "Boxhagener Platz" in page and "Helmholtzplatz" in page
    assert "What is a social enterprise?" in page
    assert "Europäische Kommission (ESF Artikel 6)" in page
    assert DISTRICT in page
    assert 'href="mailto:info@kiez.test"' in page and "Wiesenstr. 29" in page
    assert reverse("portal:page", kwargs={"slug": "kiez", "kind": "imprint"}) in page


def test_agency_page_names_only_team_members_who_agreed(anonymous, agency, manager, advisor):
    advisor.memberships.update(listed_publicly=True, title="Beratung Boxhagener Platz")

    page = english().get(AGENCY_PAGE).content.decode()

    assert "Ayşe Demir" in page and "Beratung Boxhagener Platz" in page
    assert "Karin Albers" not in page


def test_agency_page_is_publicly_cacheable(anonymous, agency):
    response = anonymous.get(AGENCY_PAGE)

    assert response["Cache-Control"] == "public, max-age=300"
    # The language switch carries a CSRF token: shared caches must key the page by cookie.
    assert "Cookie" in response["Vary"]


def test_archived_or_unknown_agency_has_no_public_page(anonymous, agency):
    assert anonymous.get("/agencies/nirgends/").status_code == 404
    assert anonymous.get("/agencies/kiez/secret/").status_code == 404


def test_agency_page_needs_constant_queries(anonymous, agency, neighbourhoods, manager, advisor):
    co_finance(plain_grant(agency), (DISTRICT, "10"))
    few = count_queries(lambda: anonymous.get(AGENCY_PAGE))
    for index in range(8):
        NeighbourhoodFactory(agency=agency, name=f"Kiez {index}", slug=f"kiez-{index}")
        co_finance(plain_grant(agency, title=f"Förderung {index}"), (f"Stiftung {index}", "5"))
    agency.memberships.update(listed_publicly=True)

    assert count_queries(lambda: anonymous.get(AGENCY_PAGE)) == few


@pytest.mark.parametrize("kind", ["imprint", "privacy"])
def test_unwritten_legal_page_names_the_legal_entity(anonymous, agency, kind):
    agency.legal_entity = "Kiez e.V."
    agency.save()

    page = english().get(page_url(kind)).content.decode()

    assert "Kiez e.V." in page and "030 123 45 67" in page


def test_unwritten_accessibility_statement_promises_an_answer_and_links_the_form(agency):
    page = english().get(page_url("accessibility")).content.decode()

    assert "We answer within one month." in page
    assert reverse("portal:accessibility_feedback", kwargs={"slug": "kiez"}) in page


def test_plain_language_default_says_one_thing_per_line(agency, neighbourhoods):
    page = english().get(page_url("plain_language")).content.decode()

    assert "<p>Please call us.</p>" in page
    assert "<p>Our phone number is: 030 123 45 67</p>" in page
    assert "<li>Boxhagener Platz</li>" in page


def test_published_page_replaces_the_default_and_unpublished_does_not(anonymous, agency, manager):
    PortalPage.objects.create(
        agency=agency, kind="imprint", title="Impressum", body_markdown="Eigener **Text**"
    )
    assert "Eigener <strong>Text</strong>" in anonymous.get(page_url("imprint")).content.decode()

    PortalPage.objects.filter(kind="imprint").update(published=False)

    assert "Eigener" not in anonymous.get(page_url("imprint")).content.decode()


# the back office


def test_unwritten_page_opens_with_the_default_marked_as_default(manager, agency):
    page = english(manager).get(edit_url("privacy")).content.decode()

    assert 'id="default-note"' in page
    assert "What our forms collect and why" in page


def test_manager_saves_a_page_logged_without_its_text(manager, agency):
    data = {"title": "Impressum", "body_markdown": "Geheim-Text", "published": "on", "version": 0}

    response = english(manager).post(edit_url("imprint"), data)

    assert response.status_code == 302
    page = PortalPage.objects.get(agency=agency, kind="imprint")
    assert (page.version, page.updated_by) == (1, manager)
    entry = ActivityLogEntry.objects.get(verb="portal.page_changed")
    assert entry.data["kind"] == "imprint"
    assert "Geheim-Text" not in str(entry.data)


def test_stale_save_is_refused_and_changes_nothing(manager, agency):
    PortalPage.objects.create(
        agency=agency, kind="about", title="Über uns", body_markdown="Neu", version=2
    )
    data = {"title": "Über uns", "body_markdown": "Alt", "published": "on", "version": 1}

    response = english(manager).post(edit_url("about"), data)

    assert response.status_code == 400
    assert "Someone else saved this page meanwhile" in response.content.decode()
    assert PortalPage.objects.get(kind="about").body_markdown == "Neu"


def test_first_save_over_a_page_written_meanwhile_is_refused(manager, agency):
    PortalPage.objects.create(agency=agency, kind="about", title="Über uns", body_markdown="Neu")
    data = {"title": "Über uns", "body_markdown": "Alt", "published": "on", "version": 0}

    response = english(manager).post(edit_url("about"), data)

    assert response.status_code == 400
    assert PortalPage.objects.get(kind="about").body_markdown == "Neu"


def test_page_without_a_title_gets_a_field_error(manager, agency):
    data = {"title": "", "body_markdown": "Text", "version": 0}

    response = english(manager).post(edit_url("about"), data)

    assert response.status_code == 400
    assert 'id="id_title_error"' in response.content.decode()
    assert not PortalPage.objects.exists()


def test_pages_overview_tells_default_from_written(manager, agency):
    PortalPage.objects.create(agency=agency, kind="about", title="Über uns", body_markdown="x")

    page = english(manager).get(reverse("portal_admin:pages", kwargs={"slug": "kiez"}))

    assert page.content.decode().count("Default text (generated from the agency") == 5


# the team listing


def test_member_lists_themselves_and_the_change_is_logged(advisor, agency):
    url = reverse("portal_admin:my_listing", kwargs={"slug": "kiez"})

    response = english(advisor).post(url, {"listed_publicly": "on"})

    assert response.status_code == 302
    assert advisor.memberships.get().listed_publicly is True
    assert ActivityLogEntry.objects.get(verb="portal.listing_changed").actor == advisor


def test_manager_lists_a_member_only_with_a_note_of_consent(manager, advisor, agency):
    membership = advisor.memberships.get()
    url = reverse("portal_admin:team_listing", kwargs={"slug": "kiez", "pk": membership.pk})

    refused = english(manager).post(url, {"listed_publicly": "on", "listing_consent": ""})
    membership.refresh_from_db()
    assert (refused.status_code, membership.listed_publicly) == (400, False)
    assert 'id="id_listing_consent_error"' in refused.content.decode()

    english(manager).post(url, {"listed_publicly": "on", "listing_consent": "E-Mail vom 3.5."})
    membership.refresh_from_db()
    assert (membership.listed_publicly, membership.listing_consent) == (True, "E-Mail vom 3.5.")


def test_manager_cannot_list_a_member_of_another_agency(manager, outsider):
    membership = outsider.memberships.get()
    url = reverse("portal_admin:team_listing", kwargs={"slug": "kiez", "pk": membership.pk})

    response = english(manager).post(url, {"listed_publicly": "on", "listing_consent": "ja"})

    assert response.status_code == 404
    assert outsider.memberships.get().listed_publicly is False


@pytest.mark.parametrize("name", ["portal_admin:team", "portal_admin:pages"])
def test_back_office_lists_need_constant_queries(manager, advisor, agency, name):
    client = client_for(manager)
    url = reverse(name, kwargs={"slug": "kiez"})
    PortalPage.objects.create(agency=agency, kind="about", title="Über", body_markdown="x")
    one = count_queries(lambda: client.get(url))
    for index in range(6):
        member(agency, Role.EVALUATOR, name=f"Person {index}")
    for kind in ("imprint", "privacy", "accessibility"):
        PortalPage.objects.create(
            agency=agency, kind=kind, title=kind, body_markdown="x", updated_by=manager
        )

    assert count_queries(lambda: client.get(url)) == one
