"""API benchmark: the time to serve /api/v1/services?per_page=100 (and a few neighbours), in process.

    TARJOTIN_DATABASE_URL=sqlite:////tmp/api_bench/db.sqlite TARJOTIN_INDEX_DIR=/tmp/api_bench/index \
        flask --app tarjotin seed demo --organizations 5000
    TARJOTIN_DATABASE_URL=sqlite:////tmp/api_bench/db.sqlite TARJOTIN_INDEX_DIR=/tmp/api_bench/index \
        python benchmarks/api_bench.py [--calls 100] [--profile]

Each URL is fetched once to warm up, then --calls times through the WSGI test client; the table
gives p50/p95/max in milliseconds, the answer's size and the SQL statements per call.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from tarjotin import create_app  # noqa: E402
from tarjotin.directory.models import Organization  # noqa: E402
from tarjotin.extensions import db  # noqa: E402

URLS = (
    "/api/v1/services?per_page=100",
    "/api/v1/services?per_page=100&page=5",
    "/api/v1/services?search=vertaistuki&near=Kuopio&per_page=100",
    "/api/v1/services?per_page=100&minimal=true",
    "/api/v1/organizations?per_page=100",
    "/api/v1/service_at_locations?postcode=70100&proximity=10000&per_page=100",
)


def measure(client, url: str, calls: int) -> tuple[list[float], int, float]:
    statements = []
    sa.event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(1))
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:200])
    size = len(response.data)
    statements.clear()
    timings = []
    for _ in range(calls):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return timings, size, len(statements) / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="cProfile the first URL and print the top 25")
    args = parser.parse_args()
    app = create_app({"API_RATE_LIMIT": "1000000 per minute"})
    with app.app_context():
        organizations = db.session.scalar(sa.select(sa.func.count()).select_from(Organization))
        print(f"{organizations} organisations, {args.calls} calls per URL, {app.config['SQLALCHEMY_DATABASE_URI']}")
        client = app.test_client()
        print(f"{'url':<78} {'p50':>7} {'p95':>7} {'max':>7} {'kB':>6} {'sql':>5}")
        for url in URLS:
            timings, size, statements = measure(client, url, args.calls)
            p95 = statistics.quantiles(timings, n=100)[94]
            print(f"{url:<78} {statistics.median(timings):7.1f} {p95:7.1f} {max(timings):7.1f} "
                  f"{size / 1024:6.0f} {statements:5.0f}")
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(lambda: [client.get(URLS[0]) for _ in range(20)])
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
