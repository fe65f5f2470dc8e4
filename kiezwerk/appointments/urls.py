"""Back-office URLs of the consultation hours (filled in by its views)."""

app_name = "appointments"
urlpatterns: list = []
