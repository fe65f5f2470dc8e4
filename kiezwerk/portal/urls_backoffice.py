"""Back-office URLs of the portal: pages, accessibility feedback and the public team listing
(under backoffice/<agency>/portal/)."""

from django.urls import path, re_path

from kiezwerk.portal import views_backoffice as views
from kiezwerk.portal.urls_pages import KINDS

app_name = "portal_admin"
PORTAL = "<slug:slug>/portal/"
urlpatterns = [
    path(PORTAL, views.pages, name="pages"),
    re_path(rf"^(?P<slug>[-\w]+)/portal/pages/(?P<kind>{KINDS})/$", views.page_edit, name="page"),
    path(PORTAL + "feedback/", views.feedback_list, name="feedback"),
    path(PORTAL + "feedback/<int:pk>/", views.feedback_answer, name="feedback_answer"),
    path(PORTAL + "team/", views.team, name="team"),
    path(PORTAL + "team/<int:pk>/", views.team_listing, name="team_listing"),
    path(PORTAL + "my-listing/", views.my_listing, name="my_listing"),
]
