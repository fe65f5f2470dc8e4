"""URLs of the social_report pages (filled in by its views)."""

app_name = "social_report"
urlpatterns: list = []
