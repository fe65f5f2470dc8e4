from django.core.management.base import BaseCommand
from django.utils import timezone

from kiezwerk.privacy.tasks import is_queued, schedule


class Command(BaseCommand):
    help = (
        "Enqueue the nightly retention run for 02:00 Berlin time unless one is queued "
        "(run before the worker starts; running it again changes nothing)."
    )

    def handle(self, *args, **options) -> None:
        result = schedule()
        if result is not None:
            when = timezone.localtime(result.task.run_after)
            self.stdout.write(f"Retention run enqueued for {when:%Y-%m-%d %H:%M}.")
        elif is_queued():
            self.stdout.write("A retention run is already queued.")
        else:
            self.stdout.write("The task backend cannot run tasks later; nothing enqueued.")
