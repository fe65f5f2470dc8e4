"""Public URLs: needs (filled in by its views)."""

urlpatterns: list = []
