"""URLs of the evaluation pages (filled in by its views)."""

app_name = "evaluation"
urlpatterns: list = []
