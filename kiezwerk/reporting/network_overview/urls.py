"""URLs of the network_overview pages (filled in by its views)."""

app_name = "network_overview"
urlpatterns: list = []
