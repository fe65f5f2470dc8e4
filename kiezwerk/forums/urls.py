"""Forums and events. Included at the site root: the back-office pages live under
backoffice/<agency>/forums/, the public calendar feeds under calendar/."""

from django.urls import path

from kiezwerk.forums.views import feeds, forum, overview

app_name = "forums"
AGENCY = "backoffice/<slug:slug>/forums/"
ONE = AGENCY + "<int:pk>/"
urlpatterns = [
    path(AGENCY, overview.forum_list, name="list"),
    path(AGENCY + "new/", overview.create, name="create"),
    path(ONE, forum.detail, name="detail"),
    path(ONE + "edit/", forum.edit, name="edit"),
    path(ONE + "attendees/new/", forum.add_attendee, name="add_attendee"),
    path(ONE + "needs/new/", forum.raise_need, name="raise_need"),
    path(ONE + "outcomes/", forum.outcomes, name="outcomes"),
    path(ONE + "event.ics", forum.event_ics, name="ics"),
    path("calendar/<slug:slug>.ics", feeds.agency_feed, name="agency_feed"),
    path(
        "calendar/<slug:slug>/<slug:neighbourhood>.ics",
        feeds.neighbourhood_feed,
        name="neighbourhood_feed",
    ),
]
