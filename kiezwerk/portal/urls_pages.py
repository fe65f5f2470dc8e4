"""Public URLs: pages (filled in by its views)."""

urlpatterns: list = []
