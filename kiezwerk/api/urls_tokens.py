"""The user's API tokens (under backoffice/)."""

from django.urls import path

from kiezwerk.api import views_tokens as views

app_name = "api_tokens"
urlpatterns = [
    path("my-data/api-tokens/", views.token_list, name="list"),
    path("my-data/api-tokens/new/", views.token_create, name="create"),
    path("my-data/api-tokens/<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
