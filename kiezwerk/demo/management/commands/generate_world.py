import time

from django.core.management.base import BaseCommand, CommandError

from kiezwerk.demo.generate import FIRST_SLUG, SIZES, WorldExists, generate_world


class Command(BaseCommand):
    help = "Generate a synthetic world (agencies welt-01, welt-02, ...) of size S, M or L."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--size", required=True, help="S, M or L")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same rows.")

    def handle(self, *args, size: str, seed: int, **options) -> None:
        if size not in SIZES:
            raise CommandError(f"Unknown size {size!r}: choose one of {', '.join(SIZES)}.")
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            elapsed = time.monotonic() - started
            self.stdout.write(f"agency {done}/{total} written ({elapsed:.0f} s)")

        try:
            counts = generate_world(SIZES[size], seed=seed, progress=progress)
        except WorldExists as error:
            raise CommandError(
                f"A synthetic world is already in this database (agency {FIRST_SLUG}); "
                "nothing was changed. Use a fresh database."
            ) from error
        for table, number in counts.items():
            self.stdout.write(f"{table:>18}: {number:>12,}")
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"World {size} (seed {seed}) in {elapsed:.0f} s."))
