"""Pages of the partner network for the accessibility scan (tests/browser/test_accessibility.py)."""

import datetime as dt

from tests.browser.visit import Visit
from tests.factories import DeliveryFactory
from tests.network.records import network_world

KIEZ = "/backoffice/kiez/"


def world(request) -> dict:
    """The partner persona's organisation, an offer, a referral with one delivery, a local
    partnership; the initiative in the stage Concept, which the offer fits."""
    names = network_world(request)
    initiative = request.getfixturevalue("initiative")
    initiative.stage = "concept"
    initiative.save()
    from kiezwerk.network.models import Referral

    referral = Referral.objects.get(pk=names["referral"])
    DeliveryFactory(referral=referral, delivered_on=dt.date(2004, 4, 1), hours="2.5", value=1200)
    return names


def send_empty(page, path, user, submit_login_form):
    """Send the form as it is shown: required fields left empty come back with errors."""
    page.goto(path)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit] >> nth=0")
    return navigation.value


def send_negative_hours(page, path, user, submit_login_form):
    page.goto(path)
    page.fill("input[name=hours]", "-1")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


ERRORS = "main .field-errors >> nth=0"

VISITS = [
    Visit("network_partners", KIEZ + "partners/", "manager", setup=world),
    Visit("network_partner_detail", KIEZ + "partners/{partner}/", "manager", setup=world),
    Visit("network_partner_own", KIEZ + "partners/{partner}/", "partner", setup=world),
    Visit("network_partner_form", KIEZ + "partners/new/", "advisor"),
    Visit(
        "network_partner_form_errors",
        KIEZ + "partners/new/",
        "advisor",
        reach=send_empty,
        status=400,
        shows=ERRORS,
    ),
    Visit("network_offer_form", KIEZ + "offers/{offer}/edit/", "advisor", setup=world),
    Visit(
        "network_offer_form_errors",
        KIEZ + "partners/{partner}/offers/new/",
        "advisor",
        setup=world,
        reach=send_empty,
        status=400,
        shows=ERRORS,
    ),
    Visit(
        "network_refer",
        KIEZ + "initiatives/{initiative}/referrals/new/",
        "advisor",
        setup=world,
        shows="main .suggestions",
    ),
    Visit("network_referrals_staff", KIEZ + "referrals/", "manager", setup=world),
    Visit("network_referrals_partner", KIEZ + "referrals/", "partner", setup=world),
    Visit(
        "network_referral_detail",
        KIEZ + "referrals/{referral}/",
        "partner",
        setup=world,
        shows="main #delivery-form-title",
    ),
    Visit(
        "network_delivery_form_errors",
        KIEZ + "referrals/{referral}/deliveries/new/",
        "partner",
        setup=world,
        reach=send_negative_hours,
        status=400,
        shows=ERRORS,
    ),
    Visit("network_partnerships", KIEZ + "partnerships/", "manager", setup=world),
    Visit(
        "network_partnership_detail", KIEZ + "partnerships/{partnership}/", "manager", setup=world
    ),
    Visit(
        "network_partnership_form",
        KIEZ + "partnerships/{partnership}/edit/",
        "advisor",
        setup=world,
    ),
    Visit(
        "network_partnership_form_errors",
        KIEZ + "partnerships/new/",
        "advisor",
        reach=send_empty,
        status=400,
        shows=ERRORS,
    ),
    Visit(
        "network_case_referrals",
        KIEZ + "initiatives/{initiative}/",
        "advisor",
        setup=world,
        shows="main #referrals table",
    ),
]
