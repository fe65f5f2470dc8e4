"""URLs of the data-protection pages: consents."""

app_name = "consents"
urlpatterns: list = []
