from django.core.management.base import BaseCommand

from kiezwerk.agencies.models import Agency
from kiezwerk.demo.world import DEMO_PASSWORD, load_world


class Command(BaseCommand):
    help = "Load the demo world (the seed's agencies, places, funding, network and demo accounts)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load when the database holds no agency yet (used by `make run`).",
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        if if_empty and Agency.objects.exists():
            self.stdout.write("The database already holds agencies; demo world not loaded.")
            return
        if load_world():
            self.stdout.write(self.style.SUCCESS("Demo world loaded."))
            self.stdout.write(f"Demo accounts use the password: {DEMO_PASSWORD}")
        else:
            self.stdout.write("Demo world already present; nothing to do.")
