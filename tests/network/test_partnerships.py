from django.urls import reverse

from kiezwerk.network.models import Partnership
from tests.conftest import client_for, count_queries
from tests.factories import InitiativeFactory, PartnerFactory, PartnershipFactory

LIST = reverse("network:partnerships", kwargs={"slug": "kiez"})
CREATE = reverse("network:partnership_create", kwargs={"slug": "kiez"})


def _url(name: str, pk: int) -> str:
    return reverse(f"network:{name}", kwargs={"slug": "kiez", "pk": pk})


def _form(neighbourhood, **extra) -> dict:
    return {
        "neighbourhood": neighbourhood.pk,
        "title": "Bündnis Kiezladen",
        "purpose": "Gemeinsam einen Nachbarschaftsladen tragen",
        "agreed_on": "2004-05-01",
        "ends_on": "2006-04-30",
        "status": "active",
        **extra,
    }


def test_advisor_records_a_partnership_with_partners_public_bodies_and_initiatives(
    advisor, neighbourhoods, partner_org, other_partner_org, initiative
):
    data = _form(
        neighbourhoods[0],
        partners=[partner_org.pk, other_partner_org.pk],
        initiatives=[initiative.pk],
    )

    response = client_for(advisor).post(CREATE, data)

    partnership = Partnership.objects.get()
    assert response["Location"] == _url("partnership_detail", partnership.pk)
    assert set(partnership.partners.all()) == {partner_org, other_partner_org}
    assert list(partnership.initiatives.all()) == [initiative]
    detail = client_for(advisor).get(response["Location"]).context
    assert (detail["organisations"], detail["public_bodies"]) == (
        [partner_org],
        [other_partner_org],
    )


def test_an_end_before_the_agreement_is_refused_at_the_field(manager, neighbourhoods):
    response = client_for(manager).post(CREATE, _form(neighbourhoods[0], ends_on="2004-04-30"))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["ends_on"]
    assert not Partnership.objects.exists()


def test_advisor_works_only_on_partnerships_of_the_own_neighbourhoods(
    advisor, agency, neighbourhoods
):
    elsewhere = PartnershipFactory(agency=agency, neighbourhood=neighbourhoods[1])
    client = client_for(advisor)

    created = client.post(CREATE, _form(neighbourhoods[1]))

    assert created.status_code == 400
    assert Partnership.objects.count() == 1
    assert client.get(_url("partnership_detail", elsewhere.pk)).status_code == 200
    assert client.get(_url("partnership_edit", elsewhere.pk)).status_code == 403


def test_edit_keeps_parties_the_advisor_cannot_see(advisor, agency, neighbourhoods, partner_org):
    partnership = PartnershipFactory(agency=agency, neighbourhood=neighbourhoods[0])
    hidden = InitiativeFactory(agency=agency, neighbourhood=neighbourhoods[1], name="Anderswo")
    partnership.initiatives.add(hidden, through_defaults={"agency": agency})
    data = _form(neighbourhoods[0], initiatives=[hidden.pk], partners=[partner_org.pk])

    response = client_for(advisor).post(_url("partnership_edit", partnership.pk), data)

    assert response.status_code == 302
    assert list(partnership.initiatives.all()) == [hidden]
    assert list(partnership.partners.all()) == [partner_org]


def test_list_filters_by_status_and_counts_parties(manager, agency, neighbourhoods, initiative):
    active = PartnershipFactory(agency=agency, neighbourhood=neighbourhoods[0], status="active")
    PartnershipFactory(agency=agency, neighbourhood=neighbourhoods[1], status="planned")
    active.partners.add(
        PartnerFactory(agency=agency),
        PartnerFactory(agency=agency),
        through_defaults={"agency": agency},
    )
    active.initiatives.add(initiative, through_defaults={"agency": agency})

    rows = client_for(manager).get(LIST, {"status": "active"}).context["page"].object_list

    assert [(p.pk, p.partner_count, p.initiative_count) for p in rows] == [(active.pk, 2, 1)]


def test_list_needs_the_same_queries_for_few_and_many_partnerships(manager, agency, neighbourhoods):
    def add(count: int) -> None:
        for _ in range(count):
            partnership = PartnershipFactory(agency=agency, neighbourhood=neighbourhoods[0])
            partnership.partners.add(
                PartnerFactory(agency=agency), through_defaults={"agency": agency}
            )

    add(2)
    client = client_for(manager)
    few = count_queries(lambda: client.get(LIST))
    add(10)

    assert count_queries(lambda: client.get(LIST)) == few
