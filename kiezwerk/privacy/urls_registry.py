"""URLs of the data-protection pages: registry."""

app_name = "privacy_registry"
urlpatterns: list = []
