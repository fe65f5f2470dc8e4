"""Partner accounts (who acts for a partner organisation) are kept in the admin."""

import pytest
from django.urls import reverse

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.network.models import PartnerAccount
from tests.conftest import client_for
from tests.factories import UserFactory


@pytest.fixture
def operator(db):
    return UserFactory(is_staff=True, is_superuser=True, email="admin@kiez.test")


def _post_accounts(client, organisation, user) -> object:
    """The partner's change form as shown, with one account added in the accounts inline."""
    url = reverse("admin:network_partner_change", args=[organisation.pk])
    shown = client.get(url).context
    data = {
        field.html_name: field.value() if field.value() is not None else ""
        for field in shown["adminform"].form
    }
    data["neighbourhoods"] = []
    for inline in shown["inline_admin_formsets"]:
        formset = inline.formset
        prefix = formset.prefix
        data |= {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        if formset.model is PartnerAccount:
            data[f"{prefix}-0-user"] = user.pk
    data = {key: value for key, value in data.items() if value not in (None, [])}
    return client.post(url, data)


def test_operator_links_a_partner_role_user_and_the_change_is_logged(operator, partner_org, agency):
    from tests.factories import member

    colleague = member(agency, "partner", name="Kai Berg", email="kai@urbanstrasse.test")

    response = _post_accounts(client_for(operator), partner_org, colleague)

    assert response.status_code == 302
    account = PartnerAccount.objects.get(user=colleague)
    assert (account.partner, account.agency) == (partner_org, agency)
    verbs = ActivityLogEntry.objects.for_object(partner_org).values_list("verb", flat=True)
    assert "network.accounts_changed" in verbs


def test_a_user_without_the_partner_role_cannot_act_for_a_partner(operator, partner_org, advisor):
    response = _post_accounts(client_for(operator), partner_org, advisor)

    assert response.status_code == 200
    assert not PartnerAccount.objects.filter(user=advisor).exists()
