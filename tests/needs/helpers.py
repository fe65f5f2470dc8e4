"""Records the needs tests share: needs with links from forums, consultations, initiatives."""

from kiezwerk.forums.models import ForumNeed
from kiezwerk.initiatives.models import ConsultationNeed, InitiativeNeed
from tests.factories import ConsultationFactory, ForumFactory, InitiativeFactory


def raise_at_forum(need, **fields):
    forum = ForumFactory(agency=need.agency, neighbourhood=need.neighbourhood, **fields)
    ForumNeed.objects.create(agency=need.agency, forum=forum, need=need)
    return forum


def address_by_initiative(need, initiative=None, **fields):
    if initiative is None:
        initiative = InitiativeFactory(
            agency=need.agency, neighbourhood=need.neighbourhood, **fields
        )
    InitiativeNeed.objects.create(agency=need.agency, initiative=initiative, need=need)
    return initiative


def raise_in_consultation(need, initiative=None, **fields):
    if initiative is None:
        initiative = InitiativeFactory(agency=need.agency, neighbourhood=need.neighbourhood)
    consultation = ConsultationFactory(initiative=initiative, agency=need.agency, **fields)
    ConsultationNeed.objects.create(agency=need.agency, consultation=consultation, need=need)
    return consultation
