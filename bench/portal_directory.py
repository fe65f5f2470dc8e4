"""The public directory at benchmark size: 2,000 enterprises listed, and their query plans.

`bench/run.py` calls `publish` after seeding, then measures the directory's pages against the
public start page (see bench/README.md). Run alone, this prints the query plans of the
directory's queries on the benchmark database (EXPLAIN on SQLite or PostgreSQL):

    .venv/bin/python bench/portal_directory.py
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTED = 2_000
CATEGORIES = ("Nahversorgung und Alltagsbedarf", "Reparatur- und Haushaltsdienste", "Bildung")


def publish(agency_slug: str, count: int = LISTED) -> int:
    """List `count` of the agency's benchmark enterprises (founding stage on) in the directory,
    with a public profile and a category; returns how many are listed. A second run changes
    only what is missing."""
    from bench.seed import MARK
    from kiezwerk.initiatives.enums import ENTERPRISE_STAGES
    from kiezwerk.initiatives.models import Initiative
    from kiezwerk.needs.models import NeedCategory

    categories = [NeedCategory.objects.get_or_create(name=name)[0] for name in CATEGORIES]
    enterprises = Initiative.objects.filter(
        agency__slug=agency_slug, idea=MARK, stage__in=ENTERPRISE_STAGES
    )
    missing = count - enterprises.filter(is_public=True).count()
    ids = list(enterprises.filter(is_public=False).order_by("pk").values_list("pk", flat=True))
    for number, category in enumerate(categories):
        chosen = ids[: max(missing, 0)][number :: len(categories)]
        Initiative.objects.filter(pk__in=chosen).update(
            is_public=True,
            directory_category=category,
            public_description="Ein Soziales Unternehmen im Kiez: Angebote für die Nachbarschaft.",
            opening_hours="Mo–Fr 10–18 Uhr",
            public_address="Gärtnerstraße 12, 10245 Berlin",
            public_phone="030 123 45 67",
        )
    return Initiative.objects.in_directory().count()


def explain() -> str:
    """The plans of the directory's first page, its count, and a filtered page."""
    from kiezwerk.portal.views_directory import directory_entries

    entries = directory_entries().order_by("name", "pk")
    filtered = entries.filter(
        neighbourhood__slug="helmholtzplatz", directory_category__isnull=False
    )
    plans = {
        "directory, page 1": entries[:30],
        "directory, count": entries.values("pk"),
        "directory, page 1 of a neighbourhood": filtered[:30],
    }
    return "\n".join(f"-- {label}\n{query.explain()}" for label, query in plans.items())


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(explain())


if __name__ == "__main__":
    main()
