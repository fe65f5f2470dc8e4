"""URLs of the data-protection pages: the request register and the access export."""

from django.urls import path

from kiezwerk.privacy import views_requests as views

app_name = "privacy_requests"
REQUESTS = "<slug:slug>/privacy/requests/"
ONE = REQUESTS + "<int:pk>/"
urlpatterns = [
    path(REQUESTS, views.request_list, name="list"),
    path(REQUESTS + "new/", views.request_new, name="new"),
    path(ONE, views.request_detail, name="detail"),
    path(ONE + "records/", views.request_records, name="records"),
    path(ONE + "close/", views.request_close, name="close"),
    path(ONE + "export.json", views.export_json, name="export_json"),
    path(ONE + "export.pdf", views.export_pdf, name="export_pdf"),
]
