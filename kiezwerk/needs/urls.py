from django.urls import path

from kiezwerk.needs import views, views_demand

app_name = "needs"
ONE = "<slug:slug>/needs/<int:pk>/"
urlpatterns = [
    # Before the agency's pages: "network-overview" would pass for an agency's slug.
    path("network-overview/demand/", views_demand.demand_all, name="demand_all"),
    path("demand/<int:pk>/", views_demand.demand_detail, name="demand_detail"),
    path("demand/<int:pk>/change/", views_demand.demand_change, name="demand_change"),
    path("<slug:slug>/demand/", views_demand.demand, name="demand"),
    path("<slug:slug>/needs/", views.register, name="register"),
    path("<slug:slug>/needs/new/", views.create, name="create"),
    path(ONE, views.detail, name="detail"),
    path(ONE + "edit/", views.edit, name="edit"),
    path(ONE + "status/", views.change_status, name="change_status"),
    path(ONE + "merge/", views.merge, name="merge"),
    path(ONE + "publish/", views.publish, name="publish"),
]
