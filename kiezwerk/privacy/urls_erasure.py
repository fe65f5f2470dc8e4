"""URLs of the data-protection pages: erasure."""

app_name = "erasure"
urlpatterns: list = []
