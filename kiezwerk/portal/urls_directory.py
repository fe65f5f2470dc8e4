"""Public URLs: directory (filled in by its views)."""

urlpatterns: list = []
