from django.urls import path

from kiezwerk.initiatives import urls_imports
from kiezwerk.initiatives.views import assessments, case, documents, pipeline

app_name = "initiatives"
ONE = "<slug:slug>/initiatives/<int:pk>/"
urlpatterns = [
    path("<slug:slug>/initiatives/", pipeline.initiative_list, name="list"),
    path("<slug:slug>/initiatives/board/", pipeline.board, name="board"),
    path("<slug:slug>/initiatives/new/", pipeline.create, name="create"),
    path("<slug:slug>/initiatives/stages/", pipeline.stage_report, name="stage_report"),
    path(ONE, case.detail, name="detail"),
    path(ONE + "edit/", case.edit, name="edit"),
    path(ONE + "stage/", case.change_stage, name="change_stage"),
    path(ONE + "advisor/", case.reassign, name="reassign"),
    path(ONE + "contacts/new/", case.add_contact, name="add_contact"),
    path(ONE + "consultations/new/", case.add_consultation, name="add_consultation"),
    path(ONE + "milestones/new/", case.add_milestone, name="add_milestone"),
    path(ONE + "milestones/<int:milestone>/done/", case.toggle_milestone, name="toggle_milestone"),
]

urlpatterns += [
    # documents and assessments
    path(ONE + "documents/new/", documents.upload_document, name="upload_document"),
    path(ONE + "documents/<int:document>/", documents.download_document, name="download_document"),
    path(ONE + "criteria/new/", assessments.assess_criteria, name="assess_criteria"),
    path(ONE + "emes/new/", assessments.record_emes, name="record_emes"),
    path(ONE + "emes/chart.svg", assessments.emes_chart, name="emes_chart"),
]
urlpatterns += urls_imports.urlpatterns
