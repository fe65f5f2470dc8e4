"""Funder report of a Berlin-sized agency: bounded queries, and XLSX and CSV in flat memory.

    python bench/funder_report.py            # SQLite: var/bench/funder_report_<size>.sqlite3
    python bench/funder_report.py --fresh    # seed the databases again first
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kiezwerk_bench_report \\
        python bench/funder_report.py --drop # PostgreSQL: databases <name>_375 and <name>_1500

The goal, from the funder-report issue: for 30 neighbourhoods and 10 years, the report's content
is built in a number of queries that does not depend on the number of enterprises, and the
XLSX and CSV files are written in flat memory. Two sizes, each in its own database, seeded once
by bench/report_seed.py: small (375 enterprises) and large (1,500, four times as many).

Every measurement runs in a fresh child process, so that its peak memory is that of one
generation. Per size: building the content (German, as the task does) for the whole grant
period (2010 to 2019) and for 2015, each after one untimed build of the same period: seconds
and the number of queries (CaptureQueriesContext). Then each writer (PDF, XLSX, CSV) on the
whole period's content: seconds, file size and memory. The content is built, and each writer has
written a copy of it without the annex once (loading WeasyPrint, its fonts, the template),
before the measured writing. Memory, three ways:

- the peak resident set size of the child (VmHWM): what the machine must have;
- the peak of the Python heap while writing once more (tracemalloc): exact, and blind to the
  database driver's C memory;
- the peak resident set size while writing minus the resident set size right before (VmHWM
  reset through /proc/self/clear_refs): context only. It is a few hundred kilobytes and
  includes SQLite's page cache, which fills (up to its 2 MB default) as more rows are read.

One line per measure: small, large, their ratio, the goal and the verdict. Queries must be
equal at both sizes (ratio 1.00); for XLSX and CSV the peak resident set size and the Python
heap may grow by at most 1.2 at four times the enterprises: the annex is read from the database
in chunks while the file is written (reporting.funder_report.content.Annex). Times are printed
for context only: the annex lists every supported enterprise, so writing grows about linearly
with them, and so does the PDF's memory (WeasyPrint lays the whole document out at once). The
exit status is 1 when a goal is missed.
"""

import argparse
import dataclasses
import gc
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"small": 375, "large": 1_500}
ONE_YEAR = 2015
MEMORY_GOAL = 1.2
WRITERS = ("pdf", "xlsx", "csv")
STREAMED = ("xlsx", "csv")  # the formats with the memory goal
COMMENTARY = {
    "summary": "Die Gründungsberatung lief in allen 30 Kiezen wie geplant.",
    "progress": "Die Ziele wurden überwiegend erreicht.",
    "deviations": "Keine wesentlichen Abweichungen.",
    "outlook": "Die Förderung endet planmäßig.",
}
MB = 1024 * 1024


def main() -> int:
    options = _arguments()
    if options.child:
        _child(options.child, options.enterprises)
        return 0
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    results = {}
    for label, enterprises in SIZES.items():
        _prepare(enterprises, fresh=options.fresh)
        results[label] = _measure(enterprises)
    failed = _report(results)
    if options.drop:
        for enterprises in SIZES.values():
            _drop(enterprises)
    return 1 if failed else 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh", action="store_true", help="seed the databases again first")
    parser.add_argument("--drop", action="store_true", help="remove the databases at the end")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--enterprises", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


# ------------------------------------------------------------------------------------------
# One database per size


def _database(enterprises: int) -> dict:
    """The settings of the size's database: a SQLite file under var/bench/, or on PostgreSQL
    the database of DATABASE_URL with the size appended to its name."""
    import bench.settings

    database = dict(bench.settings.DATABASES["default"])
    if database["ENGINE"].endswith("sqlite3"):
        name = str(bench.settings.BENCH_DIR / f"funder_report_{enterprises}.sqlite3")
    else:
        name = f"{database['NAME']}_{enterprises}"
    database["NAME"] = name
    return database


def _prepare(enterprises: int, *, fresh: bool) -> None:
    database = _database(enterprises)
    if fresh:
        _drop(enterprises)
    if not database["ENGINE"].endswith("sqlite3"):
        _create_postgres(database)
    _run_child("seed", enterprises)


def _postgres(database: dict):
    """A connection to the server's maintenance database, for CREATE and DROP DATABASE."""
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        autocommit=True,
    )


def _create_postgres(database: dict) -> None:
    from psycopg import sql

    with _postgres(database) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]
        ).fetchone()
        if not found:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"]))
            )


def _drop(enterprises: int) -> None:
    _drop_database(_database(enterprises))


def _drop_database(database: dict) -> None:
    """The SQLite file (with its journal files), or the PostgreSQL database."""
    if database["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(database["NAME"] + suffix).unlink(missing_ok=True)
        return
    from psycopg import sql

    with _postgres(database) as connection:
        name = sql.Identifier(database["NAME"])
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


# ------------------------------------------------------------------------------------------
# Children: one process per measurement


def _run_child(what: str, enterprises: int) -> dict:
    """Run this script as a child for one step; its last line of output is a JSON object."""
    command = [sys.executable, __file__, "--child", what, "--enterprises", str(enterprises)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603 - this script, fixed arguments
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"The step {what!r} for {enterprises:,} enterprises failed.")
    for line in done.stdout.splitlines():
        if not line.startswith("{"):
            print(line, flush=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _measure(enterprises: int) -> dict:
    results = {}
    for what in ("build_whole", "build_year", *WRITERS):
        results[what] = _run_child(what, enterprises)
    return results


def _child(what: str, enterprises: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import bench.settings

    # Django reads the settings module imported here: the size's database name sticks.
    bench.settings.DATABASES["default"]["NAME"] = _database(enterprises)["NAME"]
    import django

    django.setup()
    steps = {"seed": _seed, "build_whole": _build_whole, "build_year": _build_year}
    step = steps.get(what) or (lambda count: _write(what, count))
    print(json.dumps(step(enterprises)), flush=True)


def _seed(enterprises: int) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from bench import report_seed
    from bench.run import _analyze

    call_command("migrate", verbosity=0, interactive=False)
    if not report_seed.seeded():
        print(f"Seeding {enterprises:,} enterprises in {connection.vendor} …", flush=True)
        started = time.perf_counter()
        report_seed.seed(enterprises)
        print(f"  seeded in {time.perf_counter() - started:.1f} s", flush=True)
    _analyze()  # fresh planner statistics, as autovacuum keeps them (see bench/run.py)
    return {}


def _grant():
    from bench.report_seed import AGENCY
    from kiezwerk.funding.models import Grant

    return Grant.objects.get(agency__slug=AGENCY)


def _build(start, end) -> dict:
    """Build once untimed, then once timed while counting the queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from kiezwerk.reporting.funder_report import build

    grant = _grant()
    with translation.override("de"):
        build(grant, start, end, COMMENTARY)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            content = build(grant, start, end, COMMENTARY)
            seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "queries": len(queries),
        "annex": len(content.enterprises),
        "vendor": connection.vendor,
        "database": connection.settings_dict["NAME"],
    }


def _build_whole(enterprises: int) -> dict:
    from bench.report_seed import FIRST, LAST

    return _build(FIRST, LAST)


def _build_year(enterprises: int) -> dict:
    import datetime as dt

    return _build(dt.date(ONE_YEAR, 1, 1), dt.date(ONE_YEAR, 12, 31))


def _write(fmt: str, enterprises: int) -> dict:
    """Write the whole period's report in `fmt`; the memory writing needs (see the module
    docstring) and its time and file size."""
    from django.utils import translation

    from bench.report_seed import FIRST, LAST
    from kiezwerk.reporting import funder_report

    write = getattr(funder_report, f"write_{fmt}")
    with translation.override("de"):
        content = funder_report.build(_grant(), FIRST, LAST, COMMENTARY)
        write(dataclasses.replace(content, enterprises=[]), io.BytesIO())  # load what it needs
        gc.collect()
        with tempfile.TemporaryDirectory(prefix="kiezwerk-bench-") as folder:
            path = Path(folder) / f"report.{fmt}"
            before, exact = _rss(), _reset_peak()
            started = time.perf_counter()
            with path.open("wb") as out:
                write(content, out)
            seconds = time.perf_counter() - started
            peak = _peak()
            size = path.stat().st_size
            traced = _traced(write, content, path) if fmt in STREAMED else 0
    return {
        "seconds": seconds,
        "grown": peak - before,
        "peak": peak,
        "exact": exact,
        "traced": traced,
        "bytes": size,
        "annex": len(content.enterprises),
    }


def _traced(write, content, path: Path) -> int:
    """The peak of the Python objects allocated while writing once more (tracemalloc): exact
    where the resident set size hides reused memory, but slower, so not timed."""
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        with path.open("wb") as out:
            write(content, out)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _status(field: str) -> int | None:
    """A field of /proc/self/status in bytes (Linux), or None."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _rss() -> int:
    return _status("VmRSS") or 0


def _reset_peak() -> bool:
    """Reset the peak resident set size to the current one (Linux 4.0 and later)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak() -> int:
    """The peak resident set size: VmHWM, or ru_maxrss (kilobytes on Linux) without /proc."""
    return _status("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# ------------------------------------------------------------------------------------------
# The report


def _report(results: dict) -> bool:
    small, large = results["small"], results["large"]
    whole, year = small["build_whole"], small["build_year"]
    print(
        f"\nFunder report: 30 neighbourhoods, 2010–2019; small {SIZES['small']:,}, large "
        f"{SIZES['large']:,} enterprises\ndatabase: {whole['vendor']} {whole['database']} "
        f"(and the large one beside it)\nannex rows (small / large): whole period "
        f"{whole['annex']:,} / {large['build_whole']['annex']:,}, {ONE_YEAR} {year['annex']:,}"
        f" / {large['build_year']['annex']:,}\n"
    )
    width = shutil.get_terminal_size((110, 20)).columns
    print(f"{'measure':<40} {'small':>9} {'large':>9} {'ratio':>6}  {'goal':<10} verdict"[:width])
    failed = False
    for label, key, field, goal in _lines():
        a, b = small[key][field], large[key][field]
        failed = _line(label, a, b, goal, field) or failed
    if not small["xlsx"]["exact"]:
        print("(the peak could not be reset: the memory lines include the build's peak)")
    return failed


def _lines() -> list[tuple[str, str, str, str]]:
    """(label, measurement, field, goal): goal "=" for equal, "<=" for the memory goal, "" for
    context only."""
    return [
        ("queries, build whole period", "build_whole", "queries", "="),
        (f"queries, build {ONE_YEAR}", "build_year", "queries", "="),
        ("seconds, build whole period", "build_whole", "seconds", ""),
        (f"seconds, build {ONE_YEAR}", "build_year", "seconds", ""),
        *((f"seconds, write {fmt.upper()}", fmt, "seconds", "") for fmt in WRITERS),
        *((f"MB peak RSS, {fmt.upper()} child", fmt, "peak", "<=") for fmt in STREAMED),
        *(
            (f"KB Python heap, {fmt.upper()} (tracemalloc)", fmt, "traced", "<=")
            for fmt in STREAMED
        ),
        ("MB peak RSS, PDF child", "pdf", "peak", ""),
        *((f"MB while writing {fmt.upper()} (peak - before)", fmt, "grown", "") for fmt in WRITERS),
        *((f"KB file size, {fmt.upper()}", fmt, "bytes", "") for fmt in WRITERS),
    ]


def _line(label: str, small: float, large: float, goal: str, field: str) -> bool:
    """Print one measure; True when it misses its goal."""
    ratio = large / small if small else float("inf")
    if goal == "=":
        passed, wanted = small == large, "= 1.00"
    elif goal == "<=":
        passed, wanted = ratio <= MEMORY_GOAL, f"<= {MEMORY_GOAL:.2f}"
    else:
        passed, wanted = True, "(context)"
    verdict = ("PASS" if passed else "FAIL") if goal else ""
    a, b = _shown(small, field), _shown(large, field)
    print(f"{label:<40} {a:>9} {b:>9} {ratio:6.2f}  {wanted:<10} {verdict}", flush=True)
    return not passed


def _shown(value: float, field: str) -> str:
    if field in ("grown", "peak"):
        return f"{value / MB:.1f}"
    if field in ("bytes", "traced"):
        return f"{value / 1024:,.0f}"
    if field == "seconds":
        return f"{value:.3f}"
    return f"{value:,}"


if __name__ == "__main__":
    sys.exit(main())
