"""Search benchmark: latency per query kind, rebuild time, index size, recall@10 and MRR.

    python benchmarks/search_bench.py --sizes 5000 50000 [--postgres-url postgresql+psycopg://postgres@127.0.0.1/bench]

For each size the demo generator fills a fresh SQLite database, the index is rebuilt and
timed, and every query runs --repeats times after one warm-up. With --postgres-url the same
offerings are also loaded into PostgreSQL full-text search (the 'finnish' configuration,
weighted tsvector, GIN index, ts_rank_cd, as Helsinki's service map does) and the same
queries run there, printed side by side with the ratio. Recall@10 and MRR come from the
judged set in tests/search/corpus.py, on the Whoosh index with and without Voikko and,
with a URL, on PostgreSQL.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from benchmarks.pg_baseline import PostgresBaseline  # noqa: E402
from tarjotin import create_app  # noqa: E402
from tarjotin.extensions import db  # noqa: E402
from tarjotin.search import get_index, hooks  # noqa: E402
from tarjotin.search.service import SearchRequest, search  # noqa: E402
from tests.search import corpus  # noqa: E402

QUERIES: dict[str, list[dict]] = {
    "word": [{"text": t} for t in ("vertaistuki", "mielenterveys", "liikunta", "ystävä", "ruoka", "velka", "muisti",
                                   "kerho", "omaishoitaja", "nuoret")],
    "inflected": [{"text": t} for t in ("masennukseen", "päihteistä", "yksinäisille", "ikäihmisille", "nuorille",
                                        "työttömille", "perheille", "maahanmuuttajille", "omaishoitajille", "kriisissä")],
    "compound": [{"text": t} for t in ("mielenterveysyhdistys", "vertaistukiryhmä", "päihdetyö", "ruoka-apu",
                                       "velkaneuvonta", "liikuntaryhmä", "kriisipuhelin", "muistisairaus",
                                       "lapsiperheet", "yhdistys")],
    "filtered": [
        {"text": "vertaistuki", "themes": ("mental-health",)},
        {"text": "ryhmä", "target_groups": ("older-people",)},
        {"text": "kerho", "free": True},
        {"text": "tuki", "languages": ("sv",)},
        {"text": "apu", "accepting_new": True, "themes": ("crisis",)},
        {"text": "", "themes": ("substances",), "target_groups": ("men",)},
        {"text": "liikunta", "municipalities": ("Kuopio",)},
        {"text": "yksinäisyys", "target_groups": ("older-people",), "free": True},
        {"text": "neuvonta", "themes": ("money-debt",)},
        {"text": "", "languages": ("en",)},
    ],
    "geo_25km": [{"text": t, "near": p, "radius_km": 25} for t, p in (
        ("vertaistuki", "Kuopio"), ("masennus", "00100"), ("liikunta", "Tampere"), ("", "Joensuu"),
        ("ystävä", "Oulu"), ("päihteet", "Turku"), ("kerho", "Jyväskylä"), ("", "70100"),
        ("nuoret", "Helsingfors"), ("muisti", "Lahti"))],
    "distance_sort": [{"text": t, "near": p, "radius_km": 25, "sort": "distance"} for t, p in (
        ("vertaistuki", "Kuopio"), ("", "Helsinki"), ("ruoka", "Vantaa"), ("liikunta", "Espoo"),
        ("", "Pori"), ("omaishoitaja", "Seinäjoki"), ("kriisi", "33100"), ("", "Vaasa"),
        ("perhe", "Kouvola"), ("mielenterveys", "Rovaniemi"))],
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timings(run, repeats: int) -> dict[str, list[float]]:
    """Milliseconds per kind; "first runs" is each query's first run (cold caches), kept out of "all"."""
    found: dict[str, list[float]] = {}
    first: list[float] = []
    for kind, queries in QUERIES.items():
        for params in queries:
            for repeat in range(repeats + 1):
                started = time.perf_counter()
                run(params)
                elapsed = (time.perf_counter() - started) * 1000
                (found.setdefault(kind, []) if repeat else first).append(elapsed)
    found["all"] = [v for values in found.values() for v in values]
    found["first runs"] = first
    return found


def make_app(workdir: Path, voikko: bool):
    return create_app({
        "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.sqlite'}",
        "INDEX_DIR": str(workdir / "index"), "VOIKKO": voikko,
    })


def seed(size: int, demo_max: int) -> tuple[int, int, int]:
    """(organisations, offerings, places) of a demo corpus of `size` organisations.

    The demo generator makes 50,000 organisations in one go (checked; past its own names a big
    town's associations get local chapters and clubs); a size above `demo_max` is built from
    copies of one generated corpus: fresh ids, the copy number appended to the organisation names.
    """
    from tarjotin.directory.demo import seed_demo
    from tarjotin.directory.reference import sync_reference_data

    copies = next(c for c in range(1, size + 1) if size % c == 0 and size // c <= demo_max)
    sync_reference_data(db.session.connection())  # as `db upgrade` leaves it
    summary = seed_demo(organizations=size // copies, seed=1)
    for copy in range(1, copies):
        _copy_demo(copy)
    db.session.commit()
    if copies > 1:
        print(f"\n(corpus: the demo generator's {size // copies} organisations and {copies - 1} copies of them)")
    return summary.organizations * copies, summary.offerings * copies, summary.places * copies


def _copy_demo(copy: int) -> None:
    from tarjotin.directory.demo import DEMO_ID_PREFIX
    from tarjotin.directory.models import Location, Organization, Schedule, Service, ServiceAtLocation, service_taxonomy_term

    prefix = f"{DEMO_ID_PREFIX[:-2]}{copy:02x}"  # same length, so ids stay 36 characters
    keys = {"id", "organization_id", "service_id", "location_id"}
    for table in (Organization.__table__, Location.__table__, Service.__table__, Schedule.__table__,
                  ServiceAtLocation.__table__, service_taxonomy_term):
        columns = list(table.c)
        values = []
        for column in columns:
            if column.name in keys:
                values.append(sa.literal(prefix) + sa.func.substr(column, len(DEMO_ID_PREFIX) + 1))
            elif table is Organization.__table__ and column.name == "name":
                values.append(column + sa.literal(f" {copy + 1}"))
            elif table is Organization.__table__ and column.name == "business_id":
                values.append(sa.null())
            else:
                values.append(column)
        owner = table.c.id if "id" in table.c else table.c.service_id
        source = sa.select(*values).where(owner.like(f"{DEMO_ID_PREFIX}%"))
        db.session.execute(sa.insert(table).from_select([c.name for c in columns], source))


def bench_size(size: int, args) -> None:
    workdir = Path(tempfile.mkdtemp(prefix=f"search-bench-{size}-"))
    app = make_app(workdir, voikko=not args.no_voikko)
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        organizations, offerings, places = seed(size, args.demo_max)
        seed_s = time.perf_counter() - started
        started = time.perf_counter()
        hooks.rebuild(get_index())
        rebuild_s = time.perf_counter() - started
        status = get_index().status()
        today = date.today()
        stale = app.config["STALE_AFTER_DAYS"]

        def run(params: dict) -> float:
            started = time.perf_counter()
            search(get_index(), SearchRequest(per_page=20, **params), today, stale)
            return (time.perf_counter() - started) * 1000

        first_ms = run({"text": "vertaistuki"})
        whoosh = timings(run, args.repeats)
        commit_ms, after_commit = after_one_commit(run)
        pg = pg_load_s = None
        if args.postgres_url:
            baseline = PostgresBaseline(args.postgres_url)
            started = time.perf_counter()
            baseline.load_from(db.session)
            pg_load_s = time.perf_counter() - started
            pg = timings(baseline.run, args.repeats)
    print(f"\n== {organizations} organisations: {offerings} offerings, {places} places (seeded in {seed_s:.0f} s); "
          f"analysis {status['analysis']}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} ==")
    print(f"rebuild {rebuild_s:.1f} s, {status['documents']} documents, index {status['bytes'] / 1e6:.1f} MB"
          + (f"; PostgreSQL load + GIN {pg_load_s:.1f} s" if pg_load_s is not None else ""))
    print(f"first query after the rebuild (reads the arrays) {first_ms:.0f} ms; after a one-offering commit"
          f" ({commit_ms:.0f} ms): next query {after_commit[0]:.1f} ms, then {' '.join(f'{v:.1f}' for v in after_commit[1:])} ms")
    header = f"{'kind':14} {'n':>4} {'whoosh p50/p95/p99 ms':>24}"
    print(header + (f" {'postgres p50/p95/p99 ms':>26} {'p95 ratio pg/whoosh':>20}" if pg else ""))
    for kind, values in whoosh.items():
        line = f"{kind:14} {len(values):4} {_triple(values):>24}"
        if pg:
            line += f" {_triple(pg[kind]):>26} {percentile(pg[kind], 95) / percentile(values, 95):>20.2f}"
        print(line)


def after_one_commit(run) -> tuple[float, list[float]]:
    """Rename one offering (the commit syncs the index), then time the same query six times."""
    from tarjotin.directory.models import Service

    service = db.session.scalars(sa.select(Service).where(Service.status == "active").limit(1)).one()
    service.name = f"{service.name} (muutettu)"
    started = time.perf_counter()
    db.session.commit()
    commit_ms = (time.perf_counter() - started) * 1000
    return commit_ms, [run({"text": "vertaistuki", "near": "Kuopio"}) for _ in range(6)]


def _triple(values: list[float]) -> str:
    return "/".join(f"{percentile(values, p):.2f}" for p in (50, 95, 99))


def relevance(args) -> None:
    today = date.today()
    reports = {}
    for voikko in (True, False):
        workdir = Path(tempfile.mkdtemp(prefix="search-bench-judged-"))
        app = make_app(workdir, voikko)
        with app.app_context():
            db.create_all()
            ids = corpus.load(db.session, today)
            db.session.commit()
            hooks.rebuild(get_index())
            name = f"whoosh+{get_index().status()['analysis']}"
            reports[name] = corpus.evaluate(corpus.whoosh_runner(get_index(), today, app.config["STALE_AFTER_DAYS"]), ids)
            if args.postgres_url and voikko:
                baseline = PostgresBaseline(args.postgres_url)
                baseline.load_from(db.session)
                reports["postgres-fts"] = corpus.evaluate(baseline.run, ids)
    print("\n== judged set: recall@10 / MRR per kind ==")
    kinds = list(next(iter(reports.values())))
    print(f"{'kind':12} {'n':>3} " + " ".join(f"{name:>22}" for name in reports))
    for kind in kinds:
        cells = " ".join(f"{r[kind]['recall']:>12.3f} / {r[kind]['mrr']:.3f}" for r in reports.values())
        print(f"{kind:12} {reports[next(iter(reports))][kind]['queries']:>3} {cells}")
    for name, report in reports.items():
        for kind, values in report.items():
            for miss in values["misses"] if kind != "all" else ():
                print(f"  miss [{name}] {kind}: {miss}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--postgres-url", help="an empty scratch database; its search_bench_* tables are replaced")
    parser.add_argument("--no-voikko", action="store_true", help="time the fallback analysis instead")
    parser.add_argument("--demo-max", type=int, default=50000,
                        help="largest corpus the demo generator makes in one go; larger sizes are copies")
    args = parser.parse_args()
    relevance(args)
    for size in args.sizes:
        bench_size(size, args)


if __name__ == "__main__":
    main()
