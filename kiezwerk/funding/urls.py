from django.urls import path

from kiezwerk.funding import views, views_import

app_name = "funding"
GRANT = "<slug:slug>/funding/grants/<int:pk>/"
urlpatterns = [
    # the grants the user reads, and one grant's figures
    path("<slug:slug>/funding/", views.grants, name="grants"),
    path(GRANT, views.grant, name="grant"),
    # management: the financing plan, the budget, spending and drawdowns
    path(GRANT + "financing/", views.financing, name="financing"),
    path(GRANT + "budget/", views.budget, name="budget"),
    path(GRANT + "spending/", views.spending, name="spending"),
    path(GRANT + "spending/import/", views_import.spending_import, name="spending_import"),
    path(
        GRANT + "spending/import/template.<str:fmt>",
        views_import.spending_template,
        name="spending_template",
    ),
    path(GRANT + "drawdowns/new/", views.drawdown_create, name="drawdown_create"),
    path(
        GRANT + "drawdowns/<int:drawdown>/received/",
        views.drawdown_received,
        name="drawdown_received",
    ),
    # the targets per indicator and year
    path(GRANT + "targets/", views.targets, name="targets"),
]
