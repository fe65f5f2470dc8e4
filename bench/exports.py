"""Peak memory of the largest CSV and the largest XLSX export, each in a fresh child process.

    DATABASE_URL=... python bench/exports.py [--json]

Works on any migrated and filled database (SQLite or PostgreSQL, `bench.settings`); the
subject is the agency with the most revenue rows:

- **CSV**: the evaluation export (`reporting.pseudonymised.archive.write_archive`, what its
  view sends): a ZIP with one CSV per table, the largest of them the revenue of every business
  line per month and source (one line per `economy.Revenue` row of the agency), so it grows
  with the data more than any other file of the app.
- **XLSX**: the funder report of the agency's grant with the most targets, over the grant's
  whole period (`reporting.funder_report.build` and `write_xlsx`, what the report task
  writes): its annex has a row per enterprise, the other sheets are bounded by the catalogue.

Each child loads the code with a small export first (untimed), resets its peak resident set
size (`VmHWM`, bench.funder_report._reset_peak), then runs the export and copies every byte
to /dev/null. It prints the rows written, the peak RSS and, from a second run under
tracemalloc, the peak of the Python heap (context: blind to C memory, but exact). The
orchestrator compares the peaks at sizes S and M (goal: ratio <= 1.2); this script measures
one database.
"""

import argparse
import gc
import json
import os
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.funder_report import _peak, _reset_peak, _rss  # noqa: E402

KINDS = ("csv", "xlsx")
MB = 1024 * 1024
CHUNK = 64 * 1024
COMMENTARY = {"summary": "Benchmark.", "progress": "", "deviations": "", "outlook": ""}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        print(json.dumps(_child(options.child)), flush=True)
        return 0
    results = measure(os.environ.get("DATABASE_URL"))
    if options.json:
        print(json.dumps(results))
    else:
        for result in results:
            print(_shown(result), flush=True)
    return 0


def measure(database_url: str | None) -> list[dict]:
    """The largest CSV and XLSX export of `database_url` (None: bench.settings' own
    database), each measured in its own child process."""
    environment = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings")
    if database_url:
        environment["DATABASE_URL"] = database_url
    return [_run_child(kind, environment) for kind in KINDS]


def _run_child(kind: str, environment: dict) -> dict:
    command = [sys.executable, __file__, "--child", kind]
    done = subprocess.run(  # noqa: S603 - this script, fixed arguments
        command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"The {kind} export failed.")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _shown(result: dict) -> str:
    return (
        f"{result['kind'].upper():<5} {result['export']:<44} rows {result['rows']:>10,}"
        f"  peak RSS {result['peak_rss'] / MB:7.1f} MB"
        f"  (+{result['grown'] / MB:.1f} MB while exporting)"
        f"  Python heap {result['heap_peak'] / 1024:,.0f} KB"
        f"  {result['bytes'] / 1024:,.0f} KB  {result['seconds']:.2f} s"
    )


# ------------------------------------------------------------------------------------------
# The child


class _Sink:
    """A write-only stream that counts the bytes and passes them to /dev/null."""

    def __init__(self, out) -> None:
        self.out = out
        self.written = 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


def _child(kind: str) -> dict:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.utils import translation

    agency = _largest_agency()
    export, rows, warm_up, name = _csv(agency) if kind == "csv" else _xlsx(agency)
    with translation.override("de"):
        warm_up()
        gc.collect()
        before, exact = _rss(), _reset_peak()
        started = time.perf_counter()
        with open(os.devnull, "wb") as null:
            sink = _Sink(null)
            found = export(sink)
        seconds = time.perf_counter() - started
        peak = _peak()
        heap = _traced(export)
    return {
        "kind": kind,
        "export": name,
        "agency": agency.slug,
        "rows": rows(found),
        "bytes": sink.written,
        "seconds": seconds,
        "peak_rss": peak,
        "grown": peak - before,
        "exact": exact,
        "heap_peak": heap,
    }


def _traced(export: Callable) -> int:
    """The peak of the Python heap during a second export (tracemalloc; slower, not timed)."""
    gc.collect()
    tracemalloc.start()
    try:
        with open(os.devnull, "wb") as null:
            export(_Sink(null))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _largest_agency():
    from django.db.models import Count

    from kiezwerk.agencies.models import Agency
    from kiezwerk.economy.models import Revenue

    biggest = (
        Revenue.objects.values("agency_id").annotate(rows=Count("pk")).order_by("-rows").first()
    )
    if biggest is None:
        raise SystemExit("No revenue rows in the database.")
    return Agency.objects.get(pk=biggest["agency_id"])


def _csv(agency) -> tuple[Callable, Callable, Callable, str]:
    """The evaluation export: write the ZIP (to a temporary file, as the view does), then
    send it on in chunks, as FileResponse does. Rows: the lines of its CSV files."""
    from kiezwerk.reporting.pseudonymised.archive import write_archive
    from kiezwerk.reporting.pseudonymised.span import Span

    def export(sink: _Sink):
        with write_archive(agency, Span()) as handle:
            while chunk := handle.read(CHUNK):
                sink.write(chunk)
        return None

    def rows(_found) -> int:
        with write_archive(agency, Span()) as handle, zipfile.ZipFile(handle) as zipped:
            counted = 0
            for name in zipped.namelist():
                if name.endswith(".csv") and not name.startswith("codebook"):
                    with zipped.open(name) as member:
                        counted += sum(1 for _line in member) - 1  # without the header
            return counted

    first_year = _first_year(agency)
    warm_up = lambda: write_archive(agency, Span(first_year, first_year)).close()  # noqa: E731
    return export, rows, warm_up, "evaluation export (ZIP of CSV files)"


def _first_year(agency) -> int:
    from django.db.models import Min

    from kiezwerk.economy.models import Revenue

    return Revenue.objects.filter(agency=agency).aggregate(first=Min("year"))["first"]


def _xlsx(agency) -> tuple[Callable, Callable, Callable, str]:
    """The funder report of the agency's grant with the most targets, whole period."""
    from django.db.models import Count

    from kiezwerk.funding.models import Grant
    from kiezwerk.reporting.funder_report import build, write_xlsx

    grants = Grant.objects.filter(agency=agency).annotate(count=Count("targets"))
    grant = grants.order_by("-count", "pk").first()
    if grant is None:
        raise SystemExit(f"Agency {agency.slug} has no grant.")

    def export(sink: _Sink):
        content = build(grant, grant.start_date, grant.end_date, COMMENTARY)
        write_xlsx(content, sink)
        return content

    def warm_up() -> None:
        day = grant.start_date
        with open(os.devnull, "wb") as null:
            write_xlsx(build(grant, day, day, COMMENTARY), _Sink(null))

    rows = lambda content: len(content.enterprises)  # noqa: E731
    return export, rows, warm_up, f"funder report XLSX, grant {grant.pk} (annex rows)"


if __name__ == "__main__":
    sys.exit(main())
