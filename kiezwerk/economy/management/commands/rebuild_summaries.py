from django.core.management.base import BaseCommand, CommandError

from kiezwerk.agencies.models import Agency
from kiezwerk.economy import summaries


class Command(BaseCommand):
    help = (
        "Compute the month summaries of the figures (what the financing mix of neighbourhoods "
        "and agencies reads) again from the saved rows; --check only compares them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--agency", help="Only this agency (its slug).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare them with a recomputation and change nothing; fail on a difference.",
        )

    def handle(self, *args, agency: str | None = None, check: bool = False, **options) -> None:
        agencies = Agency.objects.order_by("pk")
        if agency is not None:
            agencies = agencies.filter(slug=agency)
            if not agencies.exists():
                raise CommandError(f"No agency with the slug {agency!r}.")
        wrong = 0
        for found in agencies:
            if check:
                differences = summaries.differences(found.pk)
                wrong += len(differences)
                for line in differences[:20]:
                    self.stdout.write(f"{found.slug}: {line}")
                self.stdout.write(f"{found.slug}: {len(differences)} differences")
            else:
                summaries.rebuild(found.pk)
                self.stdout.write(f"{found.slug}: summaries rebuilt")
        if wrong:
            raise CommandError(f"{wrong} summaries differ from their rows.")
