"""URLs of the data-protection pages: consents (under backoffice/)."""

from django.urls import path

from kiezwerk.privacy import views_consents as views

app_name = "consents"
urlpatterns = [
    path("<slug:slug>/privacy/consents/", views.consent_list, name="list"),
    path("<slug:slug>/privacy/consents/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("my-data/consents/", views.mine, name="mine"),
    path("my-data/consents/<int:pk>/withdraw/", views.withdraw_mine, name="withdraw_mine"),
]
