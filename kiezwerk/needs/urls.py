from django.urls import path

from kiezwerk.needs import views

app_name = "needs"
ONE = "<slug:slug>/needs/<int:pk>/"
urlpatterns = [
    path("<slug:slug>/needs/", views.register, name="register"),
    path("<slug:slug>/needs/new/", views.create, name="create"),
    path(ONE, views.detail, name="detail"),
    path(ONE + "edit/", views.edit, name="edit"),
    path(ONE + "status/", views.change_status, name="change_status"),
    path(ONE + "merge/", views.merge, name="merge"),
]
