from django.urls import path

from kiezwerk.economy.views import entry, imports, mix, scopes

app_name = "economy"
ENTERPRISE = "<slug:slug>/initiatives/<int:pk>/economy/"
LINE = ENTERPRISE + "lines/<int:line>/"
# the mixes of a neighbourhood and of the whole agency (beside the reporting app's pages)
NEIGHBOURHOOD = "<slug:slug>/neighbourhoods/<slug:neighbourhood>/economy/"
AGENCY = "<slug:slug>/economy/"
urlpatterns = [
    # the enterprise's economics: financing mix over the years, warnings, lines, distributions
    path(ENTERPRISE, mix.enterprise, name="enterprise"),
    path(ENTERPRISE + "mix.svg", mix.mix_chart, name="mix_chart"),
    # business lines and their figures
    path(ENTERPRISE + "lines/new/", entry.line_create, name="line_create"),
    path(LINE + "edit/", entry.line_edit, name="line_edit"),
    path(LINE + "archive/", entry.line_archive, name="line_archive"),
    path(LINE + "<int:year>/", entry.year_table, name="year"),
    path(ENTERPRISE + "<int:year>/<int:month>/close/", entry.close_month, name="close_month"),
    path(ENTERPRISE + "distributions/new/", entry.distribution_create, name="distribution_create"),
    # importing figures from a file, and the file's template
    path(ENTERPRISE + "import/", imports.import_figures, name="import"),
    path(ENTERPRISE + "import/template.<str:fmt>", imports.import_template, name="import_template"),
    # the financing mix of a neighbourhood and of the agency, with their enterprises
    path(NEIGHBOURHOOD, scopes.neighbourhood, name="neighbourhood"),
    path(NEIGHBOURHOOD + "mix.svg", scopes.neighbourhood_chart, name="neighbourhood_chart"),
    path(AGENCY, scopes.agency, name="agency"),
    path(AGENCY + "mix.svg", scopes.agency_chart, name="agency_chart"),
]
