from django.urls import path

from kiezwerk.network.views import offers, partners, partnerships, referrals

app_name = "network"
AGENCY = "<slug:slug>/"
urlpatterns = [
    # partners and their offers
    path(AGENCY + "partners/", partners.partner_list, name="partners"),
    path(AGENCY + "partners/new/", partners.partner_create, name="partner_create"),
    path(AGENCY + "partners/<int:pk>/", partners.partner_detail, name="partner_detail"),
    path(AGENCY + "partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path(AGENCY + "partners/<int:pk>/offers/new/", offers.offer_create, name="offer_create"),
    path(AGENCY + "offers/<int:pk>/edit/", offers.offer_edit, name="offer_edit"),
    path(AGENCY + "offers/<int:pk>/archive/", offers.offer_archive, name="offer_archive"),
    # referrals and deliveries
    path(AGENCY + "initiatives/<int:pk>/referrals/new/", referrals.refer, name="refer"),
    path(AGENCY + "referrals/", referrals.referral_list, name="referrals"),
    path(AGENCY + "referrals/<int:pk>/", referrals.referral_detail, name="referral_detail"),
    path(
        AGENCY + "referrals/<int:pk>/deliveries/new/",
        referrals.record_delivery,
        name="record_delivery",
    ),
    path(
        AGENCY + "referrals/<int:pk>/decline/", referrals.decline_referral, name="decline_referral"
    ),
    # local partnerships
    path(AGENCY + "partnerships/", partnerships.partnership_list, name="partnerships"),
    path(AGENCY + "partnerships/new/", partnerships.partnership_create, name="partnership_create"),
    path(
        AGENCY + "partnerships/<int:pk>/",
        partnerships.partnership_detail,
        name="partnership_detail",
    ),
    path(
        AGENCY + "partnerships/<int:pk>/edit/",
        partnerships.partnership_edit,
        name="partnership_edit",
    ),
]
