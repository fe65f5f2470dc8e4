from django.urls import path

from kiezwerk.reporting import neighbourhood_views, views

app_name = "backoffice"
NEIGHBOURHOOD = "<slug:slug>/neighbourhoods/<slug:neighbourhood>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.agency_home, name="agency"),
    path(NEIGHBOURHOOD, neighbourhood_views.neighbourhood_overview, name="neighbourhood"),
    path(
        NEIGHBOURHOOD + "social-capital.svg",
        neighbourhood_views.social_capital_chart,
        name="social_capital_chart",
    ),
]
