from django.core.management.base import BaseCommand

from kiezwerk.agencies.models import Agency
from kiezwerk.privacy.retention import RULES
from kiezwerk.privacy.tasks import apply_to


class Command(BaseCommand):
    help = (
        "Anonymise the person records whose retention period is over and that funding law "
        "does not hold, in every agency (what the nightly task does); --dry-run only counts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be anonymised; change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        for agency in Agency.objects.order_by("pk"):
            counts = apply_to(agency, dry_run=dry_run)
            self.stdout.write(f"{agency.slug}:")
            for label in RULES:
                due, held = counts["anonymised"][label], counts["held"][label]
                verb = "would anonymise" if dry_run else "anonymised"
                self.stdout.write(f"  {label}: {verb} {due}, held by funding law {held}")
            if not dry_run:
                rows = f"{counts['activity_rows']} activity-log, {counts['audit_rows']} audit"
                self.stdout.write(f"  log rows scrubbed: {rows}")
