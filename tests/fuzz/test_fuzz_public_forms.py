"""Fuzzing the public forms through the test client: whatever a visitor or a bot sends, the
answer is the form with its field errors (400) or a redirect after saving one valid row (with
its consent), never a server error, never a row half-written."""

import re

import pytest
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from kiezwerk.appointments.models import AppointmentRequest
from kiezwerk.core.models import Consent
from kiezwerk.needs.models import DemandRequest, Need, NeedSupport
from kiezwerk.portal.models import AccessibilityFeedback
from tests.appointments.world import next_opening, weekly_slot
from tests.factories import DistrictFactory, NeedCategoryFactory, NeedFactory, NeighbourhoodFactory
from tests.fuzz.strategies import FUZZ, fill, form_data, plain_words, rolled_back, texts

# Placeholders for rows the fixtures create (see strategies.fill).
HOOD, OTHER_HOOD, CATEGORY, DISTRICT, OPENING = "HOOD", "OTHER_HOOD", "CAT", "DISTRICT", "OPENING"
BAD_PKS = ["0", "-1", "1e3", "1.0", "999999999999999999999", " 1 "]

CONSENT = st.just("on")
BAD_CONSENT = st.sampled_from(["", "off", "0", "false"])
EMAIL = st.sampled_from(["", "anna@example.org", "a.b+c@example.test"])
BAD_EMAIL = st.sampled_from(["anna@", "@example.org", "anna@example", "a" * 250 + "@x.de"])
PHONE = st.sampled_from(["030 123 45 67", "+49 (30) 123-456"])
HONEYPOT = st.just("")
DEMAND = {
    "district": DISTRICT,
    "neighbourhood_name": "",
    "postcode": "10245",
    "category": CATEGORY,
    "description": "Es fehlt eine Kita.",
    "requester_kind": "resident",
    "name": "Jana Fiktiv",
    "email": "jana@example.test",
    "phone": "",
    "consent": "on",
    "website": "",
}
NEIGHBOURHOOD = st.just(HOOD)
BAD_NEIGHBOURHOOD = st.sampled_from([OTHER_HOOD, *BAD_PKS])


@pytest.fixture
def places(agency, neighbourhoods, other_agency) -> dict:
    """The values of the placeholders: the agency's first neighbourhood (with a consultation
    hour), one of another agency, a need category, a district and a free consultation time."""
    weekly_slot(agency, neighbourhoods[0])
    other = NeighbourhoodFactory(agency=other_agency, name="Falkplatz", slug="falkplatz")
    return {
        HOOD: str(neighbourhoods[0].pk),
        OTHER_HOOD: str(other.pk),
        CATEGORY: str(NeedCategoryFactory(name="Kinderbetreuung").pk),
        DISTRICT: str(DistrictFactory(name="Neukölln").pk),
        OPENING: next_opening(agency).value,
    }


def _send(anonymous, url: str, data: dict, model, valid=lambda row: True) -> None:
    """Post `data` (in a savepoint undone afterwards): either one valid row is saved (`valid`
    checks what full_clean does not), with its consent where the form asks for one, or none
    and the form names the errors."""
    with rolled_back():
        before = set(model.objects.values_list("pk", flat=True))

        response = anonymous.post(url, data)

        new = list(model.objects.exclude(pk__in=before))
        event(f"status {response.status_code}")
        if response.status_code == 302:
            assert len(new) == 1
            new[0].full_clean()
            assert valid(new[0])
            consents = Consent.objects.for_record(new[0]).count()
            assert consents == (0 if model is Need else 1)
        else:
            assert (response.status_code, new) == (400, [])
            assert response.context["form"].errors


@FUZZ
@given(
    data=form_data(
        {
            "neighbourhood": NEIGHBOURHOOD,
            "time": st.sampled_from(["callback", OPENING]),
            "callback_note": st.just(""),
            "name": plain_words(),
            "phone": PHONE,
            "email": EMAIL,
            "description": plain_words(),
            "consent": CONSENT,
            "website": HONEYPOT,
        },
        {
            "neighbourhood": BAD_NEIGHBOURHOOD,
            "time": st.sampled_from(["", "2003-01-01T10:00", "callback\x00"]),
            "email": BAD_EMAIL,
            "consent": BAD_CONSENT,
        },
    )
)
def test_appointment_request_saves_a_valid_request_or_names_the_errors(anonymous, places, data):
    url = reverse("portal:appointment", kwargs={"slug": "kiez"})

    _send(anonymous, url, fill(data, places), AppointmentRequest)


@FUZZ
@given(
    data=form_data(
        {
            "district": st.just(DISTRICT),
            "neighbourhood_name": plain_words(),
            "postcode": st.sampled_from(["", "10245"]),
            "category": st.just(CATEGORY),
            "description": plain_words(),
            "requester_kind": st.sampled_from(["resident", "organisation"]),
            "name": plain_words(),
            "email": EMAIL,
            "phone": PHONE,
            "consent": CONSENT,
            "website": HONEYPOT,
        },
        {
            "district": st.sampled_from(BAD_PKS),
            "postcode": st.sampled_from(["1024", "102455", "١٠٢٤٥", "10 245"]),
            "category": st.sampled_from(BAD_PKS),
            "email": BAD_EMAIL,
            "consent": BAD_CONSENT,
        },
    )
)
@example(data=DEMAND | {"postcode": "١٠٢٤٥"})  # Arabic-Indic digits were taken as a postcode
def test_demand_request_saves_a_valid_request_or_names_the_errors(anonymous, places, data):
    url = reverse("portal:demand")

    _send(anonymous, url, fill(data, places), DemandRequest, valid=_german_postcode)


def _german_postcode(demand: DemandRequest) -> bool:
    return re.fullmatch(r"([0-9]{5})?", demand.postcode) is not None


@FUZZ
@given(
    data=form_data(
        {
            "neighbourhood": NEIGHBOURHOOD,
            "category": st.just(CATEGORY),
            "title": plain_words(),
            "description": st.just(""),
            "website": HONEYPOT,
        },
        {"neighbourhood": BAD_NEIGHBOURHOOD, "category": st.sampled_from(BAD_PKS)},
    )
)
def test_need_report_saves_a_valid_need_or_names_the_errors(anonymous, places, data):
    url = reverse("portal:report_need", kwargs={"slug": "kiez"})

    _send(anonymous, url, fill(data, places), Need)


@FUZZ
@given(data=form_data({"website": HONEYPOT, "other": texts()}, {}))
def test_need_support_counts_once_or_names_the_error(anonymous, agency, neighbourhoods, data):
    with rolled_back():
        need = NeedFactory(agency=agency, neighbourhood=neighbourhoods[0], is_public=True)
        url = reverse("portal:support_need", kwargs={"slug": "kiez", "pk": need.pk})

        response = anonymous.post(url, data)

        supports = NeedSupport.objects.filter(need=need).count()
        need.refresh_from_db()
        assert (response.status_code, supports) in ((302, 1), (400, 0))
        assert need.supporters == supports


@FUZZ
@given(
    data=form_data(
        {
            "message": plain_words(),
            "page_address": st.sampled_from(["", "https://kiezwerk.example/agencies/kiez/"]),
            "name": st.sampled_from(["", "Anna Fiktiv"]),
            "email": EMAIL,
            "consent": CONSENT,
            "website": HONEYPOT,
        },
        {
            "page_address": st.sampled_from(
                ["javascript:alert(1)", "http://", "ftp://x", "//evil.example", "http://[::1"]
            ),
            "email": BAD_EMAIL,
            "consent": BAD_CONSENT,
        },
    )
)
def test_accessibility_feedback_saves_valid_feedback_or_names_the_errors(anonymous, places, data):
    url = reverse("portal:accessibility_feedback", kwargs={"slug": "kiez"})

    _send(anonymous, url, data, AccessibilityFeedback)
