"""URLs of the pseudonymised pages (filled in by its views)."""

app_name = "evaluation_export"
urlpatterns: list = []
