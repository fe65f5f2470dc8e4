from django.urls import path

from kiezwerk.economy.views import entry, mix

app_name = "economy"
ENTERPRISE = "<slug:slug>/initiatives/<int:pk>/economy/"
LINE = ENTERPRISE + "lines/<int:line>/"
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
]
