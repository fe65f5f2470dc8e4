"""URLs of the data-protection pages: requests."""

app_name = "privacy_requests"
urlpatterns: list = []
