"""Importing initiatives from a file (included by urls.py, namespace "initiatives")."""

from django.urls import path

from kiezwerk.initiatives.views import imports

urlpatterns = [
    path("<slug:slug>/initiatives/import/", imports.import_file, name="import"),
    path(
        "<slug:slug>/initiatives/import/template.<str:fmt>",
        imports.import_template,
        name="import_template",
    ),
]
