"""Throughput of the API's initiative list against a bare JSON endpoint, served by gunicorn in
one run (issue 9).

    python bench/api.py --size S            # 5,000 initiatives in agency "best"
    python bench/api.py --initiatives 20000 --seconds 10

Prepares the benchmark database with bench/run.py's functions (migrate, demo world, seeding),
issues a read-only API token for the manager and counts, in-process, the queries of the list's
first page and of its last full page: they must be equal. Then it starts gunicorn (sync, 2
workers) on a free port of 127.0.0.1 and loads, each for a fixed time and with
`Authorization: Bearer <token>`, the bare JSON endpoint, both list pages and one initiative.
One line each: requests per second, the ratio to the bare JSON endpoint and the goal; list
pages PASS at >= 0.10. The exit status is 1 when a goal is missed. Only 127.0.0.1 is contacted.
"""

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # only now: the repository root is on the path above

BARE = "/bench/bare.json"
NAME = "Benchmark"  # of the API token each run issues anew


@dataclass
class Endpoint:
    label: str
    path: str
    goal: float | None  # None: measured only


def main() -> int:
    options = run._arguments(__doc__)
    run._setup()
    from django.db import connections

    size = options.initiatives or run.SIZES[options.size]
    total = run._seed(size)
    headers = {"Authorization": f"Bearer {_token()}"}
    endpoints = _endpoints(headers)
    queries = [_queries(headers, endpoint.path) for endpoint in endpoints[1:]]
    connections.close_all()  # the run itself holds no connection while gunicorn serves
    port = run._free_port()
    server = run._start_gunicorn(port)
    try:
        run._wait_until_up(server, port)
        print(_header(size, total, port, options))
        failed = _print_queries(endpoints[1:], queries)
        failed = _measure_all(port, headers, endpoints, options) or failed
        return 1 if failed else 0
    finally:
        run._stop(server)


def _token() -> str:
    """A fresh read-only token of the manager (the previous run's is deleted)."""
    from kiezwerk.accounts.models import User
    from kiezwerk.api.enums import Scope
    from kiezwerk.api.models import ApiToken

    user = User.objects.get(email=run.MANAGER)
    ApiToken.objects.filter(user=user, name=NAME).delete()
    _issued, text = ApiToken.issue(user=user, name=NAME, scope=Scope.READ)
    return text


def _client(headers: dict[str, str]):
    """Django's test client, in-process against the benchmark database, with the token."""
    from django.test import Client

    return Client(headers=headers, HTTP_HOST=run.HOST)


def _endpoints(headers: dict[str, str]) -> list[Endpoint]:
    """The baseline, the list's first and last full page, and the first listed initiative,
    as the API itself reports them."""
    from django.urls import reverse

    url = reverse("api:list_initiatives", kwargs={"slug": run.AGENCY})
    first = _client(headers).get(url).json()
    deep = max(1, first["pages"] - 1)
    one = reverse(
        "api:get_initiative",
        kwargs={"slug": run.AGENCY, "initiative_id": first["results"][0]["id"]},
    )
    return [
        Endpoint("bare JSON (baseline)", BARE, None),
        Endpoint("initiative list, page 1", f"{url}?page=1", run.GOAL),
        Endpoint(f"initiative list, page {deep}", f"{url}?page={deep}", run.GOAL),
        Endpoint("one initiative", one, None),
    ]


def _queries(headers: dict[str, str], path: str) -> int:
    """The queries of one request after a first one (which may record the token's use)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(headers)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    if status != 200:
        raise SystemExit(f"{path} answers HTTP {status} in-process")
    return len(captured)


def _header(size: int, total: int, port: int, options) -> str:
    from django.db import connection

    return (
        f"\nKiezwerk API benchmark: {total:,} initiatives in agency {run.AGENCY!r} "
        f"({size:,} generated, the rest demo data)\n"
        f"database: {connection.vendor} {connection.settings_dict['NAME']}\n"
        f"gunicorn sync, 2 workers on {run.HOST}:{port}; {options.threads} client threads, "
        f"{options.seconds:g} s per endpoint; goal for list pages: ratio >= {run.GOAL:.2f}\n"
    )


def _print_queries(endpoints: list[Endpoint], queries: list[int]) -> bool:
    """Queries per request; True when the two list pages differ."""
    (page_1, deep, one), (q_1, q_deep, q_one) = endpoints, queries
    verdict = "PASS (equal)" if q_1 == q_deep else "FAIL (must be equal)"
    print(f"queries per request: {page_1.label}: {q_1}, {deep.label}: {q_deep}  {verdict}")
    print(f"queries per request: {one.label}: {q_one}\n")
    return q_1 != q_deep


def _measure_all(port: int, headers: dict[str, str], endpoints: list[Endpoint], options) -> bool:
    """Loads every endpoint, prints its line; True when a goal is missed."""
    print(f"{'endpoint':<28} {'path':<44} {'req/s':>8} {'ms':>7} {'ratio':>6}  {'goal':<7} verdict")
    baseline, failed = None, False
    for endpoint in endpoints:
        problem = run._check(port, headers, endpoint.path)
        if problem:
            raise SystemExit(f"{endpoint.path} does not answer: {problem}")
        result = run._load(port, endpoint.path, headers, options.seconds, options.threads)
        baseline = baseline or result.per_second
        ratio = result.per_second / baseline
        verdict, goal = "", "–"
        if endpoint.goal is not None:
            verdict = "PASS" if ratio >= endpoint.goal and not result.errors else "FAIL"
            goal = f">= {endpoint.goal:.2f}"
            failed = failed or verdict == "FAIL"
        print(_line(endpoint, result, ratio, goal, verdict, options.threads), flush=True)
    return failed


def _line(
    endpoint: Endpoint, result: run.Result, ratio: float, goal: str, verdict: str, threads: int
) -> str:
    latency = 1000 * threads / result.per_second if result.per_second else 0
    notes = f" ({result.errors} errors)" if result.errors else ""
    notes += f" [client used {result.client_cpu:.0%} of a CPU]"
    return (
        f"{endpoint.label:<28} {endpoint.path:<44} {result.per_second:8.1f} {latency:7.1f} "
        f"{ratio:6.3f}  {goal:<7} {verdict}{notes}"
    )


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted.")
        sys.exit(130)
