from django.urls import path

from kiezwerk.jobs import views, views_agency, views_imports

app_name = "jobs"
ENTERPRISE = "<slug:slug>/initiatives/<int:pk>/jobs/"
POSITION = ENTERPRISE + "<int:position>/"
urlpatterns = [
    # an enterprise's positions and its jobs per year
    path(ENTERPRISE, views.positions, name="positions"),
    path(ENTERPRISE + "new/", views.position_create, name="position_create"),
    path(POSITION + "edit/", views.position_edit, name="position_edit"),
    path(POSITION + "archive/", views.position_archive, name="position_archive"),
    # the agency's jobs figures and additionality worksheets (aggregates only)
    path("<slug:slug>/jobs/", views_agency.figures, name="figures"),
    path("<slug:slug>/jobs/additionality/<int:year>/", views_agency.worksheet, name="worksheet"),
    # importing positions from a file (management and advisors)
    path("<slug:slug>/jobs/import/", views_imports.import_file, name="import"),
    path(
        "<slug:slug>/jobs/import/template.<str:fmt>",
        views_imports.import_template,
        name="import_template",
    ),
]
