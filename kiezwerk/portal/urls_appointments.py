"""Public URLs: appointments (filled in by its views)."""

urlpatterns: list = []
