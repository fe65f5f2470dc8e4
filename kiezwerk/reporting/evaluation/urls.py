"""URLs of the evaluation dashboard: the page, its charts and the records behind a number."""

from django.urls import path

from . import views

app_name = "evaluation"
EVALUATION = "<slug:slug>/evaluation/"
urlpatterns = [
    path(EVALUATION, views.dashboard, name="dashboard"),
    path(EVALUATION + "<str:chart>.svg", views.chart, name="chart"),
    path(EVALUATION + "records/<str:key>/", views.records_list, name="records"),
]
