"""The consent given with a request from another neighbourhood (the demand register's public
form): the agencies and the city's department store it to answer and to plan the rollout.

When it is withdrawn, name, e-mail, phone and the description go and the record is marked
anonymised. The request keeps its district, neighbourhood, need category and quarter, so the
register's figures (demand by place, need and quarter) stay as they were; it can still be
handed to an agency that takes up its neighbourhood, but nobody can be contacted. The table
insists on a way to reach the person, so the phone becomes a dash."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.consent import Purpose
from kiezwerk.needs.models import DemandRequest

DEMAND = "needs.demand_request"
TEXT = _(
    "I agree that my request and contact details are stored so that the agencies and "
    "the city's department for the neighbourhood economy can answer me and plan where "
    "a new agency is needed. They are passed on only to the agency that takes up my "
    "neighbourhood. I can withdraw my consent at any time."
)
NO_CONTACT = "–"


def stop_demand(demand: DemandRequest, actor) -> None:
    now = timezone.now()
    DemandRequest.objects.filter(pk=demand.pk).update(
        name=gettext("consent withdrawn"),
        email="",
        phone=NO_CONTACT,
        description="",
        anonymised_at=now,
        updated_at=now,
    )
    demand.refresh_from_db()


def _url(demand: DemandRequest, slug: str) -> str:
    return reverse("needs:demand_detail", kwargs={"pk": demand.pk})


PURPOSES = (
    Purpose(
        key=DEMAND,
        label=_("request for an agency in another neighbourhood"),
        text=TEXT,
        text_version="2026-01",
        model="needs.DemandRequest",
        on_withdraw=stop_demand,
        person=lambda demand: demand.name,
        url=_url,
    ),
)
