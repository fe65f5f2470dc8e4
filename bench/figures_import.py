"""Importing 10,000 rows of figures: it completes, in flat memory, and a bad row changes nothing.

    python bench/figures_import.py           # SQLite: var/bench/figures_import.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kiezwerk_bench_import \\
        python bench/figures_import.py --drop  # PostgreSQL: database <name>_figures, dropped after

The goal, from issue 9: an import of 10,000 rows of monthly figures completes, in flat memory
(streamed parsing, written 500 rows at a time), and a file whose row 9,999 is broken leaves
the database unchanged. Its own database gets, once, one enterprise in the founding stage with
nine business lines and a public client; files of 1,000 and 10,000 rows (CSV and XLSX, the
template's German headings, every cell filled) are written for each run in a temporary folder.

Every measurement runs in a fresh child process: it deletes the enterprise's figures, revenue
and their log entries (untimed), imports a warm-up file of 108 rows, deletes again, imports
the measured file through `economy.imports.import_file` (seconds, queries, peak resident set
size), deletes again and imports it once more under tracemalloc (the Python heap's peak).
Queries are counted by an execute_wrapper that keeps no SQL (CaptureQueriesContext would keep
the bulk inserts' statements, memory that grows with the rows); a chunk runs from its SELECT of
the saved figures to the next chunk's. The broken file is imported over two saved months: it
must be rejected naming row 9,999, and the rows of MonthFigures, Revenue and ActivityLogEntry
and the months' versions must be the same after. One line per measure (1,000, 10,000, ratio,
goal, verdict); the exit status is 1 when a goal is missed. See bench/README.md.

Flat memory is judged by the peak resident set size (what the machine must have). The Python
heap is printed for context: it grows by about 100 bytes a row for the register of the months
seen (which names the earlier row of a month given twice), and with XLSX by about 80 more that
openpyxl's read-only reader keeps per row; a few hundred kilobytes at 10,000 rows.
"""

import argparse
import gc
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.funder_report import (  # noqa: E402
    _create_postgres,
    _drop_database,
    _line,
    _peak,
    _reset_peak,
    _rss,
)

SIZES = (1_000, 10_000)
FORMATS = ("csv", "xlsx")
WARM_UP = 108  # one year of the nine lines
BROKEN_ROW = 9_999  # as the import numbers rows: the headings are row 1
BROKEN_CELL = "zwölfhundert"
FIRST_YEAR = 1991
SEED = 9
AGENCY = "zahlenimport"
MANAGER = "leitung@zahlenimport.example"
CLIENT = "Bezirksamt Lichtenberg, Jugendamt"
# The enterprise's business lines, each with the one public client.
LINES = ("Café", "Mittagstisch", "Catering", "Reparaturdienst", "Fahrradwerkstatt", "Nähstube")
LINES += ("Kinderbetreuung", "Hausmeisterdienst", "Umzugshilfe")
LOGGED = ("economy.month_saved", "economy.figures_imported")


def main() -> int:
    options = _arguments()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if options.child:
        _child(options)
        return 0
    database = _database()
    if not database["ENGINE"].endswith("sqlite3"):
        _create_postgres(database)
    with tempfile.TemporaryDirectory(prefix="kiezwerk-bench-") as folder:
        world = _run_child("seed", folder)
        results = {
            fmt: {rows: _run_child("import", folder, fmt, rows) for rows in SIZES}
            for fmt in FORMATS
        }
        broken = {fmt: _run_child("broken", folder, fmt) for fmt in FORMATS}
    failed = _report(world, results, broken)
    if options.drop:
        _drop_database(database)
    return 1 if failed else 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drop", action="store_true", help="remove the database at the end")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--format", default="csv", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, default=0, help=argparse.SUPPRESS)
    return parser.parse_args()


# ------------------------------------------------------------------------------------------
# The database


def _database() -> dict:
    """The benchmark's database: a SQLite file under var/bench/, or on PostgreSQL the database
    of DATABASE_URL with "_figures" appended to its name."""
    import bench.settings

    database = dict(bench.settings.DATABASES["default"])
    if database["ENGINE"].endswith("sqlite3"):
        bench.settings.BENCH_DIR.mkdir(parents=True, exist_ok=True)
        database["NAME"] = str(bench.settings.BENCH_DIR / "figures_import.sqlite3")
    else:
        database["NAME"] = f"{database['NAME']}_figures"
    return database


# ------------------------------------------------------------------------------------------
# Children: one process per measurement


def _run_child(what: str, folder: str, fmt: str = "csv", rows: int = 0) -> dict:
    """Run this script as a child for one step; its last line of output is a JSON object."""
    command = [sys.executable, __file__, "--child", what, "--folder", folder, "--format", fmt]
    command += ["--rows", str(rows)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603 - this script, fixed arguments
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"The step {what!r} ({fmt}, {rows:,} rows) failed.")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(options: argparse.Namespace) -> None:
    import bench.settings

    # Django reads the settings module imported here: the benchmark's database name sticks.
    bench.settings.DATABASES["default"]["NAME"] = _database()["NAME"]
    import django

    django.setup()
    from django.utils import translation

    steps = {"seed": _seed, "import": _measure, "broken": _broken}
    with translation.override("de"):
        result = steps[options.child](Path(options.folder), options.format, options.rows)
    print(json.dumps(result), flush=True)


def _seed(folder: Path, fmt: str, rows: int) -> dict:
    """Migrate, create the enterprise once, and write the files of this run."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    enterprise, _actor = _world()
    _write_files(enterprise, folder)
    sizes = {path.name: path.stat().st_size for path in folder.iterdir()}
    return {"vendor": connection.vendor, "database": connection.settings_dict["NAME"], **sizes}


def _world():
    """(enterprise, manager) of the benchmark's agency, created the first time."""
    from django.db import transaction

    from kiezwerk.accounts.models import User
    from kiezwerk.initiatives.models import Initiative

    enterprise = Initiative.objects.filter(agency__slug=AGENCY).first()
    if enterprise is None:
        with transaction.atomic():
            enterprise = _create_world()
    return enterprise, User.objects.get(email=MANAGER)


def _create_world():
    from kiezwerk.accounts.enums import Role
    from kiezwerk.accounts.models import User
    from kiezwerk.agencies.models import Agency, District, Membership, Neighbourhood
    from kiezwerk.economy import services
    from kiezwerk.initiatives.enums import Stage
    from kiezwerk.initiatives.models import Initiative
    from kiezwerk.needs.models import NeedCategory
    from kiezwerk.network.enums import PartnerKind
    from kiezwerk.network.models import Partner

    agency = Agency.objects.create(
        slug=AGENCY, name="Benchmark Zahlenimport", short_name="Zahlenimport"
    )
    district, _ = District.objects.get_or_create(name="Lichtenberg")
    hood = Neighbourhood.objects.create(
        agency=agency, district=district, name="Weitlingkiez", slug="weitlingkiez"
    )
    manager = User.objects.create_user(MANAGER, name="Leitung Zahlenimport")
    Membership.objects.create(agency=agency, user=manager, role=Role.MANAGER)
    client = Partner.objects.create(agency=agency, name=CLIENT, kind=PartnerKind.PUBLIC)
    enterprise = Initiative.objects.create(
        agency=agency, neighbourhood=hood, name="Kiezküche Weitling eG", stage=Stage.FOUNDING
    )
    service, _ = NeedCategory.objects.get_or_create(name="Nahversorgung und Alltagsbedarf")
    for name in LINES:
        services.add_line(enterprise, actor=manager, name=name, service=service, clients=[client])
    return enterprise


# ------------------------------------------------------------------------------------------
# The files


def _write_files(enterprise, folder: Path) -> None:
    """rows_<n>.csv and .xlsx for the warm-up and both sizes, and broken_<n> of the largest."""
    from kiezwerk.economy.imports import template_columns

    columns, lines = template_columns(enterprise)
    headings = [column.heading for column in columns]
    keys = [column.key for column in columns]
    rows = list(_rows(keys, [line.name for line in lines], max(SIZES)))
    broken = [list(row) for row in rows]
    broken[BROKEN_ROW - 2][keys.index("market")] = BROKEN_CELL
    files = {f"rows_{size}": rows[:size] for size in (WARM_UP, *SIZES)}
    files[f"broken_{max(SIZES)}"] = broken
    for name, content in files.items():
        _write_csv(folder / f"{name}.csv", headings, content)
        _write_xlsx(folder / f"{name}.xlsx", headings, content)


def _rows(keys: list[str], lines: list[str], count: int):
    """`count` rows of the template's columns, year by year, line by line, month by month."""
    rng = random.Random(SEED)
    periods = itertools.product(range(FIRST_YEAR, 2100), lines, range(1, 13))
    for year, line, month in itertools.islice(periods, count):
        values = _month(rng) | {"line": line, "year": year, "month": month}
        yield [values.get(key, values["public"]) for key in keys]  # "public:<id>": the client


def _month(rng: random.Random) -> dict:
    """A month of a small enterprise's line: amounts in euros with cents, quarter hours."""

    def euros(low: int, high: int) -> Decimal:
        return Decimal(rng.randrange(low * 100, high * 100)).scaleb(-2)

    return {
        "public": euros(300, 4_000),  # the one public client's column
        "market": euros(200, 6_000),
        "grants": euros(100, 2_500),
        "donations": euros(5, 400),
        "costs": euros(1_000, 9_000),
        "volunteer_hours": Decimal(rng.randrange(4, 480)) / 4,
        "volunteers": rng.randrange(1, 16),
        "reciprocal": rng.random() < 0.3,
    }


def _write_csv(path: Path, headings: list[str], rows: list[list]) -> None:
    """CSV as German spreadsheets save it: UTF-8 with BOM, semicolons, "1.234,50", ja/nein."""
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(headings)
        writer.writerows([_csv_cell(cell) for cell in row] for row in rows)


def _csv_cell(value) -> str:
    from django.utils import formats
    from django.utils.translation import gettext as _

    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return formats.number_format(value, 2, force_grouping=True)
    return str(value)


def _write_xlsx(path: Path, headings: list[str], rows: list[list]) -> None:
    """XLSX with numbers as numbers and ja/nein as text."""
    import xlsxwriter

    with xlsxwriter.Workbook(str(path), {"constant_memory": True}) as workbook:
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, headings)
        for number, row in enumerate(rows, start=1):
            sheet.write_row(number, 0, [_xlsx_cell(cell) for cell in row])


def _xlsx_cell(value):
    from django.utils.translation import gettext as _

    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return float(value) if isinstance(value, Decimal) else value


# ------------------------------------------------------------------------------------------
# The measurements


class _Counter:
    """Counts the queries of a connection (as an execute_wrapper) without keeping their SQL:
    where each chunk begins (its SELECT of the saved figures) and where the chunks end (the
    release of the savepoint they are written in)."""

    def __init__(self) -> None:
        self.queries = 0
        self.chunks: list[int] = []
        self.released = 0

    def __call__(self, execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if statement.startswith("SELECT") and '"ECONOMY_MONTHFIGURES"' in statement:
            self.chunks.append(self.queries)
        elif statement.startswith("RELEASE SAVEPOINT"):
            self.released = self.queries
        self.queries += 1
        return execute(sql, params, many, context)

    def per_chunk(self) -> list[int]:
        """The queries of each chunk: from its SELECT to the next chunk's, the last one's to
        the release of the savepoint."""
        ends = [*self.chunks[1:], self.released]
        return [end - start for start, end in zip(self.chunks, ends, strict=True)]


def _measure(folder: Path, fmt: str, rows: int) -> dict:
    """Import the file of `rows` rows after a warm-up: time, queries, memory (see above)."""
    from django.db import connection

    from kiezwerk.economy.models import MonthFigures

    enterprise, actor = _world()
    _clear(enterprise)
    _import(enterprise, actor, folder / f"rows_{WARM_UP}.{fmt}")
    _clear(enterprise)
    path = folder / f"rows_{rows}.{fmt}"
    gc.collect()
    counter = _Counter()
    before, exact = _rss(), _reset_peak()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        summary = _import(enterprise, actor, path)
        seconds = time.perf_counter() - started
    peak = _peak()
    saved = MonthFigures.objects.filter(initiative=enterprise).count()
    _clear(enterprise)
    heap = _traced(enterprise, actor, path)
    _clear(enterprise)
    per_chunk = counter.per_chunk()
    chunk = per_chunk[-1]  # the first chunk also loads the agency's valuation rates
    return {
        "seconds": seconds,
        "rate": round(rows / seconds),
        "queries": counter.queries,
        "chunk": chunk,
        "uneven": set(per_chunk[1:]) != {chunk},
        "own": counter.queries - chunk * len(counter.chunks),
        "peak": peak,
        "grown": peak - before,
        "exact": exact,
        "traced": heap,
        "saved": min(saved, summary["changed"]),
    }


def _broken(folder: Path, fmt: str, rows: int) -> dict:
    """Import the 10,000 rows with row 9,999 broken over two saved months: the problems and
    the rows of the three tables (and the months' versions) before and after."""
    from kiezwerk.economy import imports, services
    from kiezwerk.economy.models import BusinessLine

    enterprise, actor = _world()
    _clear(enterprise)
    line = BusinessLine.objects.filter(initiative=enterprise).order_by("name").first()
    one_euro = services.MonthValues(revenue={("market", None): Decimal("1.00")})
    for year in (FIRST_YEAR, FIRST_YEAR + 50):  # months the file would change
        services.save_month(line, year, 1, one_euro, actor=actor, version=0)
    before = _state()
    started = time.perf_counter()
    try:
        _import(enterprise, actor, folder / f"broken_{max(SIZES)}.{fmt}")
        problems = []
    except imports.Rejected as rejected:
        problems = [(problem.row, problem.column, problem.text) for problem in rejected.problems]
    seconds = time.perf_counter() - started
    after = _state()
    _clear(enterprise)
    return {"problems": problems, "before": before, "after": after, "seconds": seconds}


def _import(enterprise, actor, path: Path) -> dict:
    """The import of a file on disk, as the import page's second step runs it (the reader
    reads an upload at once whether Django keeps it in memory or in a temporary file)."""
    from kiezwerk.economy.imports import import_file

    with path.open("rb") as file:
        return import_file(enterprise, file, actor=actor, file_name=path.name)


def _traced(enterprise, actor, path: Path) -> int:
    """The peak of the Python heap while importing the file (tracemalloc): exact where the
    resident set size hides reused memory, but slower, so not timed."""
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        _import(enterprise, actor, path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _clear(enterprise) -> None:
    """Delete the enterprise's figures and revenue and the log entries of saving them."""
    from django.db import transaction

    from kiezwerk.core.models import ActivityLogEntry
    from kiezwerk.economy.models import MonthFigures, Revenue

    with transaction.atomic():
        Revenue.objects.filter(initiative=enterprise).delete()
        MonthFigures.objects.filter(initiative=enterprise).delete()
        entries = ActivityLogEntry.objects.filter(agency_id=enterprise.agency_id)
        entries.filter(verb__in=LOGGED).delete()


def _state() -> list[int]:
    """Rows of the three tables an import writes, and the sum of the months' versions."""
    from django.db.models import Sum

    from kiezwerk.core.models import ActivityLogEntry
    from kiezwerk.economy.models import MonthFigures, Revenue

    versions = MonthFigures.objects.aggregate(sum=Sum("version"))["sum"] or 0
    counts = [model.objects.count() for model in (MonthFigures, Revenue, ActivityLogEntry)]
    return [*counts, versions]


# ------------------------------------------------------------------------------------------
# The report


def _report(world: dict, results: dict, broken: dict) -> bool:
    small, large = SIZES
    print(
        f"\nImporting figures: one enterprise, {len(LINES)} business lines, {small:,} and "
        f"{large:,} rows from {FIRST_YEAR} on, chunks of 500\n"
        f"database: {world['vendor']} {world['database']}\n"
    )
    width = shutil.get_terminal_size((110, 20)).columns
    print(f"{'measure':<40} {small:>9,} {large:>9,} {'ratio':>6}  {'goal':<10} verdict"[:width])
    failed = False
    for fmt in FORMATS:
        first, second, name = results[fmt][small], results[fmt][large], fmt.upper()
        saved = first["saved"], second["saved"]
        shown = (f"{count:,}" for count in saved)
        failed = _checked(f"{name} months saved", *shown, "= rows", saved == SIZES) or failed
        for label, field, goal in _lines():
            failed = _line(f"{name} {label}", first[field], second[field], goal, field) or failed
        _line(
            f"{name} KB file size",
            world[f"rows_{small}.{fmt}"],
            world[f"rows_{large}.{fmt}"],
            "",
            "bytes",
        )
        if first["uneven"] or second["uneven"]:
            print(f"{name} FAIL: the chunks after the first took different numbers of queries")
            failed = True
    for fmt in FORMATS:
        failed = _broken_lines(fmt, broken[fmt]) or failed
    if not results[FORMATS[0]][small]["exact"]:
        print("(the peak could not be reset: the peak includes the warm-up)")
    return failed


def _lines() -> list[tuple[str, str, str]]:
    """(label, field, goal) for funder_report's _line: "=" equal at both sizes, "<=" the
    memory goal (1.2, on the peak resident set size), "" context only."""
    return [
        ("seconds, import", "seconds", ""),
        ("rows per second", "rate", ""),
        ("queries, whole import", "queries", ""),
        ("queries per chunk of 500 rows", "chunk", "="),
        ("queries of the import's own", "own", "="),
        ("MB peak RSS, child", "peak", "<="),
        ("KB Python heap (tracemalloc)", "traced", ""),
        ("MB while importing (peak - before)", "grown", ""),
    ]


def _checked(label: str, small, large, wanted: str, passed: bool) -> bool:
    """Print a line with its own goal; True when it is missed."""
    verdict = "PASS" if passed else "FAIL"
    print(f"{label:<40} {small:>9} {large:>9} {'':>6}  {wanted:<10} {verdict}", flush=True)
    return not passed


def _broken_lines(fmt: str, result: dict) -> bool:
    """The broken file: rejected with its one problem in row 9,999, and no row changed."""
    rows = [row for row, _column, _text in result["problems"]]
    before, after = result["before"], result["after"]
    changed = sum(a != b for a, b in zip(before, after, strict=True))
    shown = ", ".join(f"{row:,}" for row in rows[:3]) or "none"
    label = f"{fmt.upper()} broken row {BROKEN_ROW:,}:"
    failed = _checked(f"{label} rejected at", "", shown, f"= {BROKEN_ROW:,}", rows == [BROKEN_ROW])
    failed = _checked(f"{label} counts changed", "", changed, "= 0", not changed) or failed
    for row, column, text in result["problems"][:3]:
        print(f"    row {row:,}, {column}: {text}")
    print(
        f"    months, revenue rows, log entries, sum of versions: before {before}, after "
        f"{after}; the import took {result['seconds']:.2f} s"
    )
    return failed


if __name__ == "__main__":
    sys.exit(main())
