"""Throughput of back-office pages against a bare Django view, served by gunicorn in one run.

    python bench/run.py --size S            # 5,000 initiatives in agency "best"
    python bench/run.py --initiatives 20000 --seconds 10

Migrates the benchmark database (bench.settings), loads the demo world, tops the agency up to
the requested number of initiatives, starts gunicorn (sync, 2 workers) on a free port of
127.0.0.1, logs the manager in through a session made in the database, and loads each page
with a fixed number of client threads for a fixed time. One line per page: requests per
second and the ratio to the bare view of the same run; back-office pages PASS at >= 0.10.
The exit status is 1 when a page fails. Only 127.0.0.1 is contacted.
"""

import argparse
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
AGENCY = "best"
MANAGER = "leitung@best.example"
GOAL = 0.10
# Public directory pages against the bare start page (3 small queries, no list), both
# without login (bench/README.md).
PUBLIC_GOAL = 0.25
SIZES = {"S": 5_000, "M": 20_000, "L": 100_000}


@dataclass
class Page:
    label: str
    path: str | None  # None: the URL does not exist (yet)
    backoffice: bool
    # Public pages are loaded without login; "reference" is the bare start page they are
    # compared with, "public" a page with the PUBLIC_GOAL against it.
    role: str = ""


@dataclass
class Result:
    requests: int
    errors: int
    seconds: float
    client_cpu: float  # share of one CPU the client threads used

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def main() -> int:
    options = _arguments(__doc__)
    _setup()
    size = options.initiatives or SIZES[options.size]
    total = _prepare(size)
    pages = _pages()
    cookie = _session_cookie()  # closes the connections: gunicorn serves alone
    port = _free_port()
    server = _start_gunicorn(port)
    try:
        _wait_until_up(server, port)
        print(_header(size, total, port, options))
        return _measure_all(port, cookie, pages, options)
    finally:
        _stop(server)


def _setup() -> None:
    """Django with the benchmark settings; a TERM also stops gunicorn on the way out."""
    signal.signal(signal.SIGTERM, _interrupt)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _arguments(doc: str) -> argparse.Namespace:
    """--size, --initiatives, --seconds and --threads; `doc` is the script's docstring."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="S", help="S=5,000, M=20,000, L=100,000")
    parser.add_argument("--initiatives", type=int, help="number of initiatives (overrides --size)")
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per page")
    parser.add_argument("--threads", type=int, default=4, help="concurrent client threads")
    return parser.parse_args()


def _prepare(size: int) -> int:
    """The seeded database with the public directory; returns the agency's initiatives."""
    total = _seed(size)
    _publish_directory()
    return total


def _seed(size: int) -> int:
    """Migrate, load the demo world, seed; returns the agency's number of initiatives."""
    from django.core.management import call_command

    from bench.seed import seed
    from kiezwerk.demo.world import load_world
    from kiezwerk.initiatives.models import Initiative

    print("Preparing the benchmark database …", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    load_world()
    created = seed(AGENCY, size)
    print(f"  {created:,} initiatives created.", flush=True)
    _analyze()
    return Initiative.objects.filter(agency__slug=AGENCY).count()


def _publish_directory() -> None:
    """2,000 of the enterprises in the public directory (issue 7), and the plans of its
    queries, which must use the directory's index rather than sort every row."""
    from bench.portal_directory import explain, publish

    print(f"  {publish(AGENCY):,} enterprises in the public directory.", flush=True)
    _analyze()
    print(explain(), flush=True)


def _analyze() -> None:
    """Fresh planner statistics, as autovacuum (PostgreSQL) or a periodic ANALYZE (SQLite) keeps
    them in production; right after a bulk insert the planner would guess badly."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _session_cookie() -> str:
    """A logged-in session of the manager, made in the session store as a login would."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connections

    from kiezwerk.accounts.models import User

    user = User.objects.get(email=MANAGER)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    connections.close_all()  # the run itself holds no connection while gunicorn serves
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _pages() -> list[Page]:
    from django.urls import NoReverseMatch, reverse

    def url(name: str, suffix: str = "", **kwargs) -> str | None:
        try:
            return reverse(name, kwargs={"slug": AGENCY, **kwargs}) + suffix
        except NoReverseMatch:
            return None

    return [
        Page("bare view (baseline)", "/bench/bare/", backoffice=False),
        Page("public start page", "/", backoffice=False),
        Page("dashboard", url("backoffice:agency"), backoffice=True),
        Page("pipeline board", url("initiatives:board"), backoffice=True),
        Page("initiative list", url("initiatives:list"), backoffice=True),
        Page("initiative list, page 50", url("initiatives:list", "?page=50"), backoffice=True),
        # A report page: measured, without the list pages' goal (see bench/README.md).
        Page(
            "neighbourhood overview",
            url("backoffice:neighbourhood", neighbourhood="boxhagener-platz"),
            backoffice=False,
        ),
        *_public_pages(),
    ]


def _public_pages() -> list[Page]:
    """The directory and the calendar, without login, against the start page without login."""
    from django.urls import NoReverseMatch, reverse

    from kiezwerk.initiatives.models import Initiative

    def url(name: str, suffix: str = "", **kwargs) -> str | None:
        try:
            return reverse(name, kwargs=kwargs) + suffix
        except NoReverseMatch:
            return None

    first = Initiative.objects.in_directory().order_by("pk").values_list("pk", flat=True)[:1]
    return [
        Page("start page, no login", "/", backoffice=False, role="reference"),
        Page("directory", url("portal:directory"), backoffice=False, role="public"),
        Page("directory, page 50", url("portal:directory", "?page=50"), False, "public"),
        Page(
            "directory, neighbourhood",
            url("portal:directory", "?neighbourhood=helmholtzplatz"),
            backoffice=False,
            role="public",
        ),
        Page("enterprise page", url("portal:enterprise", pk=first[0]), False, "public"),
        Page("forum calendar", url("portal:calendar", slug=AGENCY), False, "public"),
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _start_gunicorn(port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn),
        "bench.wsgi",
        f"--bind={HOST}:{port}",
        "--workers=2",
        "--worker-class=sync",
        "--backlog=2048",
        "--log-level=warning",
        f"--chdir={ROOT}",
    ]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    return subprocess.Popen(command, env=environment, cwd=ROOT)  # noqa: S603 - our gunicorn, fixed arguments


def _wait_until_up(server: subprocess.Popen, port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if _get(port, "/bench/bare/", {})[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not start: the bare view does not answer 200")


def _stop(server: subprocess.Popen) -> None:
    """Stop gunicorn (also after Ctrl+C): a graceful TERM first, KILL after ten seconds."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _get(port: int, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _header(size: int, total: int, port: int, options) -> str:
    from django.db import connection

    database = connection.settings_dict["NAME"]
    return (
        f"\nKiezwerk benchmark: {total:,} initiatives in agency {AGENCY!r} "
        f"({size:,} generated, the rest demo data)\ndatabase: {connection.vendor} {database}\n"
        f"gunicorn sync, 2 workers on {HOST}:{port}; {options.threads} client threads, "
        f"{options.seconds:g} s per page; goal for back-office pages: ratio >= {GOAL:.2f}\n"
    )


def _measure_all(port: int, cookie: str, pages: list[Page], options) -> int:
    print(f"{'page':<28} {'path':<34} {'req/s':>8} {'ms':>7} {'ratio':>6}  verdict")
    baseline, failed, start = None, False, None
    for page in pages:
        headers = {"Cookie": "" if page.role else cookie}
        problem = _check(port, headers, page.path)
        if problem and baseline is None:
            raise SystemExit(f"The bare view does not answer: {problem}")
        if problem:
            print(f"{page.label:<28} {page.path or '–':<34} {'':>8} {'':>7} {'':>6}  {problem}")
            failed = failed or problem.startswith("FAIL")
            continue
        result = _load(port, page.path, headers, options.seconds, options.threads)
        baseline = baseline or result.per_second
        ratio, verdict = result.per_second / baseline, ""
        if page.backoffice:
            verdict = "PASS" if ratio >= GOAL and not result.errors else "FAIL"
            failed = failed or verdict == "FAIL"
        start = result.per_second if page.role == "reference" else start
        notes = ""
        if page.role == "public" and start:
            verdict = "PASS" if result.per_second >= PUBLIC_GOAL * start else "FAIL"
            verdict = verdict if not result.errors else "FAIL"
            failed = failed or verdict == "FAIL"
            notes = f" ({result.per_second / start:.2f} of the start page)"
        latency = 1000 * options.threads / result.per_second if result.per_second else 0
        notes += f" ({result.errors} errors)" if result.errors else ""
        notes += f" [client used {result.client_cpu:.0%} of a CPU]"
        print(
            f"{page.label:<28} {page.path:<34} {result.per_second:8.1f} {latency:7.1f} "
            f"{ratio:6.3f}  {verdict}{notes}",
            flush=True,
        )
    return 1 if failed else 0


def _check(port: int, headers: dict[str, str], path: str | None) -> str:
    """The page must exist and answer 200; then a few requests warm the workers up."""
    if path is None:
        return "SKIP (URL not defined yet)"
    status, body = _get(port, path, headers)
    if status != 200 or not body:
        return f"FAIL (HTTP {status})"
    for _warm_up in range(20):
        _get(port, path, headers)
    return ""


def _load(port: int, path: str, headers: dict[str, str], seconds: float, threads: int) -> Result:
    """`threads` clients send GET requests with `headers` for `seconds`, each on its own
    connection (kept alive while the server allows it; gunicorn's sync workers close it after
    each answer)."""
    counts = [(0, 0)] * threads
    deadline = time.perf_counter() + seconds

    def client(slot: int) -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        done = errors = 0
        while time.perf_counter() < deadline:
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors += 1
                connection.close()
                continue
            if response.status == 200:
                done += 1
            else:
                errors += 1
        connection.close()
        counts[slot] = (done, errors)

    started, cpu = time.perf_counter(), time.process_time()
    workers = [
        threading.Thread(target=client, args=(slot,), daemon=True) for slot in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    client_cpu = (time.process_time() - cpu) / elapsed
    return Result(sum(c[0] for c in counts), sum(c[1] for c in counts), elapsed, client_cpu)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted.")
        sys.exit(130)
