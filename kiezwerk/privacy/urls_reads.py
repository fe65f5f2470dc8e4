"""URLs of the data-protection pages: reads."""

app_name = "privacy_reads"
urlpatterns: list = []
