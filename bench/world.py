"""Synthetic worlds S and M (issue 10), and every ratio of the issue measured on them.

    python bench/world.py --size M           # worlds S and M: every ratio, growth M/S
    python bench/world.py --size S           # world S only: no growth figures
    python bench/world.py --size M --no-postgres

Each world is made once by `manage.py generate_world` (migrate first) into its own database:
`var/bench/world-<size>.sqlite3`, and `kiezwerk_world_<size>` on the PostgreSQL server of
BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432) when it answers. A stamp beside
it (the generator's and the migrations' checksum) makes a changed generator rebuild it.
Loading M has a goal of 5 minutes on each engine.

Then, on SQLite (`--engine postgres` for PostgreSQL), for each size in a child process of its
own: gunicorn (sync, 2 workers) serves the pages of agency welt-01 and a bare view, loaded by
client threads for `--seconds` each (bench/run.py's load generator), and the queries of each
page are counted in process. Lines: throughput as a ratio of the bare view (goal at M: 0.10
back office, 0.25 public cached pages), queries at S and M side by side (goal: equal), and
growth = time per request at M / at S, each relative to the bare view of its own run (goal:
1.3 paginated pages, 2 dashboards and reports). Then bench/aggregates.py (ORM / SQL <= 1.1) at
the largest size on both engines, bench/exports.py at each size (peak RSS M / S <= 1.2), and on
PostgreSQL the plans (EXPLAIN) of the slowest queries of the list pages. Exit status 1 when a
goal is missed.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import run  # noqa: E402 - after the path

BENCH = ROOT / "var" / "bench"
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
AGENCY = "welt-01"
MANAGER = f"leitung@{AGENCY}.example"
LOAD_GOAL = 300.0  # seconds to load M
GOALS = {"backoffice": 0.10, "public": 0.25}
GROWTH = {"paginated": 1.3, "report": 2.0}
MEMORY_GOAL = 1.2
MB = 1024 * 1024
# (label, url name, kwargs, query string, kind, growth class); kwargs are filled per world.
PAGES = (
    ("pipeline board", "initiatives:board", {}, "", "backoffice", "paginated"),
    ("initiative list", "initiatives:list", {}, "", "backoffice", "paginated"),
    ("initiative list, page 20", "initiatives:list", {}, "?page=20", "backoffice", "paginated"),
    ("neighbourhood overview", "backoffice:neighbourhood", {"hood": 1}, "", "backoffice", "report"),
    ("financing mix, agency", "economy:agency", {}, "", "backoffice", "report"),
    (
        "financing mix, neighbourhood",
        "economy:neighbourhood",
        {"hood": 1},
        "",
        "backoffice",
        "report",
    ),
    # Not among the pages: measured for its growth only (a report over all years).
    ("evaluation dashboard", "evaluation:dashboard", {}, "", "report", "report"),
    ("public directory", "portal:directory", None, "", "public", "paginated"),
    ("public directory, page 5", "portal:directory", None, "?page=5", "public", "paginated"),
)


def main() -> int:
    options = _arguments()
    sizes = ["S"] if options.size == "S" else ["S", options.size]
    engines = ["sqlite"] + ([] if options.no_postgres or not _postgres_up() else ["postgres"])
    if options.size == "L":  # nationwide is for PostgreSQL only
        if "postgres" not in engines:
            raise SystemExit("Size L needs PostgreSQL (BENCH_POSTGRES).")
        engines, options.engine = ["postgres"], "postgres"
    missed = False
    print(f"\nKiezwerk issue-10 benchmark: worlds {', '.join(sizes)} on {', '.join(engines)}\n")
    urls = {}
    for engine in engines:
        for size in sizes:
            urls[engine, size], seconds = _world(engine, size)
            goal = LOAD_GOAL if size != "L" else None  # L is for PostgreSQL, no time goal
            missed |= _goal_line(f"load world {size} ({engine})", seconds, "s", goal)
    if options.worlds_only:
        return 1 if missed else 0
    engine = options.engine if options.engine in engines else "sqlite"
    steps = set(options.only or ("pages", "aggregates", "exports", "plans"))
    if "pages" in steps:
        arguments = ["pages", "--seconds", str(options.seconds)]
        pages = {size: _child(arguments, urls[engine, size]) for size in sizes}
        missed |= _report_pages(pages, sizes, engine)
    for found in engines if "aggregates" in steps else ():
        missed |= _aggregates(urls[found, sizes[-1]], found, sizes[-1])
    if "exports" in steps:
        missed |= _exports(urls, engine, sizes)
    if "plans" in steps and "postgres" in engines:
        print(_child(["explain"], urls["postgres", sizes[-1]])["text"])
    print("\nSome goals were missed (see MISS above)." if missed else "\nEvery goal met.")
    return 1 if missed else 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=("S", "M", "L"), default="S")
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=8.0, help="load time per page")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--worlds-only", action="store_true", help="make the worlds, measure nothing"
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=("pages", "aggregates", "exports", "plans"),
        help="measure only these (default: all)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


# ------------------------------------------------------------------------------------------
# The worlds


def _postgres_up() -> bool:
    import psycopg

    try:
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def _stamp() -> str:
    digest = hashlib.sha256()
    sources = sorted((ROOT / "kiezwerk").glob("*/migrations/*.py"))
    sources += sorted((ROOT / "kiezwerk" / "demo" / "generate").glob("*.py"))
    sources += [
        ROOT / "kiezwerk" / "core" / "bulk.py",
        ROOT / "kiezwerk" / "economy" / "summaries.py",
    ]
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _world(engine: str, size: str) -> tuple[str, float]:
    """The world's DATABASE_URL, generated unless its stamp is current, and the seconds the
    generation took (now, or when it was made: the stamp file keeps them with the load)."""
    BENCH.mkdir(parents=True, exist_ok=True)
    if engine == "sqlite":
        path = BENCH / f"world-{size}.sqlite3"
        url = f"sqlite:///{path}"
    else:
        url = f"{POSTGRES}/kiezwerk_world_{size.lower()}"
    stamp_file = BENCH / f"world-{engine}-{size}.json"
    made = json.loads(stamp_file.read_text()) if stamp_file.exists() else {}
    if made.get("stamp") == _stamp():
        print(f"world {size} ({engine}): generated before, at load average {made['load']}")
        return url, made["seconds"]
    _empty_database(engine, url)
    environment = {**os.environ, "DATABASE_URL": url}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=environment, check=True, cwd=ROOT)  # noqa: S603 - our manage.py, fixed arguments
    print(f"world {size} ({engine}): generating …", flush=True)
    load, started = os.getloadavg()[0], time.perf_counter()
    generate = [*manage, "generate_world", "--size", size]
    subprocess.run(generate, env=environment, check=True, cwd=ROOT)  # noqa: S603 - our manage.py, fixed arguments
    seconds = time.perf_counter() - started
    made = {"stamp": _stamp(), "seconds": round(seconds, 1), "load": round(load, 2)}
    stamp_file.write_text(json.dumps(made))
    return url, seconds


def _empty_database(engine: str, url: str) -> None:
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _child(arguments: list[str], url: str) -> dict:
    """Run this script's child step against one world; its JSON answer."""
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    command = [sys.executable, __file__, "--child", *arguments]
    done = subprocess.run(command, env=environment, cwd=ROOT, capture_output=True, text=True)  # noqa: S603 - our manage.py, fixed arguments
    if done.returncode:
        raise SystemExit(f"bench/world.py {arguments[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _script(name: str, url: str, *extra: str) -> list[dict] | dict:
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    command = [sys.executable, str(ROOT / "bench" / name), "--json", *extra]
    done = subprocess.run(command, env=environment, cwd=ROOT, capture_output=True, text=True)  # noqa: S603 - our manage.py, fixed arguments
    if not done.stdout.strip():
        raise SystemExit(f"bench/{name} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------
# Reports of the parent


def _goal_line(label: str, value: float, unit: str, goal: float | None) -> bool:
    """One judged line (`value` at most `goal`); True when the goal is missed."""
    if goal is None:
        print(f"{label:<44} {value:10.2f} {unit:<3} (no goal)")
        return False
    met = value <= goal
    print(f"{label:<44} {value:10.2f} {unit:<3} (goal <= {goal:g})  {'OK' if met else 'MISS'}")
    return not met


def _report_pages(pages: dict, sizes: list[str], engine: str) -> bool:
    last = sizes[-1]
    print(
        f"\nPages on {engine}, gunicorn sync, 2 workers, agency {AGENCY} (ratios of the bare view)"
    )
    print(
        f"{'page':<30} "
        + " ".join(f"{'req/s ' + s:>10} {'ratio ' + s:>9} {'q ' + s:>5}" for s in sizes)
        + "  verdicts"
    )
    missed = False
    for label, *_rest, kind, growth_class in PAGES:
        cells, verdicts = [], []
        found = {size: pages[size]["pages"].get(label) for size in sizes}
        if any(value is None for value in found.values()):
            print(f"{label:<30} not measured")
            continue
        for size in sizes:
            page = found[size]
            cells.append(f"{page['per_second']:10.1f} {page['ratio']:9.3f} {page['queries']:5d}")
        if kind in GOALS:
            ratio = found[last]["ratio"]
            ok = ratio >= GOALS[kind] and not found[last]["errors"]
            goal = f"goal >= {GOALS[kind]:.2f}"
            verdicts.append(f"ratio {ratio:.3f} ({goal}) {'OK' if ok else 'MISS'}")
            missed |= not ok
        if len(sizes) > 1:
            same = found["S"]["queries"] == found[last]["queries"]
            verdicts.append(f"queries {'equal' if same else 'DIFFER'}")
            growth = found["S"]["ratio"] / found[last]["ratio"]
            limit = GROWTH[growth_class]
            verdicts.append(
                f"growth {growth:.2f} (goal <= {limit:g}) {'OK' if growth <= limit else 'MISS'}"
            )
            missed |= not same or growth > limit
        print(f"{label:<30} {' '.join(cells)}  {'; '.join(verdicts)}")
    for size in sizes:
        bare, start = pages[size]["bare"], pages[size]["start"]
        print(f"  at {size}: bare view {bare:.1f} req/s, start page without login {start:.1f}")
    return missed


def _aggregates(url: str, engine: str, size: str) -> bool:
    print(f"\nAggregates at {size} on {engine}: ORM time / hand-written SQL on the same connection")
    missed = False
    for line in _script("aggregates.py", url):
        ok = line["ratio"] <= line.get("goal", 1.1)
        times = f"ORM {line['orm_ms']:8.1f} ms  SQL {line['sql_ms']:8.1f} ms"
        verdict = f"(goal <= {line.get('goal', 1.1)})  {'OK' if ok else 'MISS'}"
        print(f"  {line['name']:<46} {times}  ratio {line['ratio']:.2f} {verdict}")
        missed |= not ok
    return missed


def _export_cell(size: str, row: dict) -> str:
    heap = row["heap_peak"] / MB
    return f"{size}: {row['rows']:,} rows, {row['peak_rss'] / MB:.0f} MB (Python heap {heap:.1f})"


def _exports(urls: dict, engine: str, sizes: list[str]) -> bool:
    print(f"\nExports on {engine}: peak RSS of the largest CSV and XLSX export, own processes")
    measured = {
        size: {row["kind"]: row for row in _script("exports.py", urls[engine, size])}
        for size in sizes
    }
    missed = False
    for kind, first in measured["S"].items():
        cells = "  ".join(_export_cell(size, measured[size][kind]) for size in sizes)
        print(f"  {first['export']}\n    {cells}")
        if len(sizes) > 1:
            ratio = measured[sizes[-1]][kind]["peak_rss"] / first["peak_rss"]
            verdict = "OK" if ratio <= MEMORY_GOAL else "MISS"
            print(f"    peak RSS {sizes[-1]} / S {ratio:.2f} (goal <= {MEMORY_GOAL})  {verdict}")
            missed |= ratio > MEMORY_GOAL
    return missed


# ------------------------------------------------------------------------------------------
# Child steps (Django set up against one world)


def _setup_django() -> None:
    import django

    django.setup()


def _urls() -> dict[str, str]:
    from django.urls import reverse

    from kiezwerk.agencies.models import Neighbourhood

    hood = Neighbourhood.objects.filter(agency__slug=AGENCY).order_by("pk").first()
    found = {}
    for label, name, kwargs, query, _kind, _growth in PAGES:
        if kwargs is None:
            found[label] = reverse(name) + query
            continue
        arguments = {"slug": AGENCY} | ({"neighbourhood": hood.slug} if kwargs else {})
        found[label] = reverse(name, kwargs=arguments) + query
    return found


def _queries(urls: dict[str, str]) -> dict[str, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kiezwerk.accounts.models import User

    staff = Client()
    staff.force_login(User.objects.get(email=MANAGER))
    counts = {}
    for label, kind in ((label, kind) for label, _n, _k, _q, kind, _g in PAGES):
        client = Client() if kind == "public" else staff
        client.get(urls[label], HTTP_HOST="127.0.0.1")  # stores what a first visit stores
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(urls[label], HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, f"{label}: HTTP {response.status_code}"
        counts[label] = len(captured)
    return counts


def _pages_child(seconds: float) -> dict:
    """Throughput of every page and of the bare view under gunicorn, and queries per page."""
    _setup_django()
    urls = _urls()
    counts = _queries(urls)
    run.MANAGER = MANAGER
    cookie = run._session_cookie()
    port = run._free_port()
    server = run._start_gunicorn(port)
    results = {}
    try:
        run._wait_until_up(server, port)
        bare = _throughput(port, "/bench/bare/", {}, seconds)
        start = _throughput(port, "/", {}, seconds)
        for label, _n, _k, _q, kind, _g in PAGES:
            headers = {} if kind == "public" else {"Cookie": cookie}
            problem = run._check(port, headers, urls[label])
            if problem:
                raise SystemExit(f"{label}: {problem}")
            result = run._load(port, urls[label], headers, seconds, 4)
            results[label] = {
                "path": urls[label],
                "per_second": result.per_second,
                "ratio": result.per_second / bare,
                "public_ratio": result.per_second / start,
                "errors": result.errors,
                "queries": counts[label],
            }
    finally:
        run._stop(server)
    return {"bare": bare, "start": start, "pages": results}


def _throughput(port: int, path: str, headers: dict, seconds: float) -> float:
    run._check(port, headers, path)
    return run._load(port, path, headers, seconds, 4).per_second


def _explain_child() -> dict:
    """The plans of the two slowest queries of each list page, on PostgreSQL."""
    _setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kiezwerk.accounts.models import User

    urls = _urls()
    staff = Client()
    staff.force_login(User.objects.get(email=MANAGER))
    lines = ["\nQuery plans on PostgreSQL (the two slowest queries of each page, EXPLAIN ANALYZE)"]
    for label, _n, _k, _q, kind, _g in PAGES:
        client = Client() if kind == "public" else staff
        client.get(urls[label], HTTP_HOST="127.0.0.1")  # warm
        with CaptureQueriesContext(connection) as captured:
            client.get(urls[label], HTTP_HOST="127.0.0.1")
        slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:2]
        for query in slowest:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + query["sql"])
                plan = "\n".join("      " + row[0] for row in cursor.fetchall())
            lines.append(
                f"  {label}: {float(query['time']) * 1000:.1f} ms\n    {query['sql'][:300]}\n{plan}"
            )
    return {"text": "\n".join(lines)}


def _child_main(step: list[str]) -> None:
    answer = _pages_child(float(step[2])) if step[0] == "pages" else _explain_child()
    print(json.dumps(answer))


if __name__ == "__main__":
    if "--child" in sys.argv:
        _child_main(sys.argv[sys.argv.index("--child") + 1 :])
        sys.exit(0)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted.")
        sys.exit(130)
