"""Page weight and results-page server time for the resident UI.

    python benchmarks/page_weight.py [--organizations 5000] [--requests 100]

Seeds a scratch SQLite database with the demo generator, rebuilds the index, then
1. fetches the front, results and offering pages and every local asset they reference
   (stylesheets, scripts, icons, images, and fonts or images the CSS points to) and prints the
   bytes of each, uncompressed and gzip-compressed (what a server with compression sends);
2. times the results page in-process (server time, no network) over --requests requests
   cycling through typical searches, and prints p50 and p95.
Targets (issue 4): results page <= 60 KB; results-page p95 <= 30 ms at 5,000 organisations.
"""
from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from tarjotin import create_app  # noqa: E402
from tarjotin.directory.demo import seed_demo  # noqa: E402
from tarjotin.directory.reference import sync_reference_data  # noqa: E402
from tarjotin.directory.models import Organization, Service  # noqa: E402
from tarjotin.extensions import db  # noqa: E402
from tarjotin.search import get_index, hooks  # noqa: E402

ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="(/[^"]+)"')
CSS_URL = re.compile(r"url\(['\"]?(/[^'\")]+)")
RESULTS = "/haku?q=vertaistuki&near=Kuopio"
SEARCHES = [
    "/haku?q=vertaistuki&near=Kuopio", "/haku?q=masennus", "/haku?q=liikunta&near=Tampere&free=1",
    "/haku?theme=loneliness&near=00100", "/haku?q=kerho&near=Oulu&sort=distance", "/haku?q=ystävä&near=Turku",
    "/haku?q=muisti&theme=memory", "/haku?q=nuoret&near=Jyväskylä&radius=50", "/haku?target_group=older-people",
    "/haku?q=ruoka-apu&near=Lahti&accepting_new=1",
]


def page_weight(client, path: str) -> tuple[int, int, list[tuple[str, int]]]:
    """(raw bytes, gzip bytes, [(url, raw bytes)]) for a page and every local asset it loads."""
    html = client.get(path)
    assert html.status_code == 200, (path, html.status_code)
    parts = [(path, html.data)]
    pending = ASSET.findall(html.get_data(as_text=True))
    seen: set[str] = set()
    while pending:
        url = pending.pop()
        if url in seen or url.startswith("/palvelut") or url.startswith("/haku"):
            continue
        seen.add(url)
        body = client.get(url).data
        parts.append((url, body))
        if url.endswith(".css"):
            pending += CSS_URL.findall(body.decode())
    raw = sum(len(body) for _, body in parts)
    packed = sum(len(gzip.compress(body)) for _, body in parts)
    return raw, packed, [(url, len(body)) for url, body in parts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organizations", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite", "INDEX_DIR": f"{tmp}/index",
                          "SECRET_KEY": "bench", "MAIL_OUTBOX_DIR": f"{tmp}/outbox"})
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            sync_reference_data(db.session.connection())  # as `db upgrade` leaves it
            seed_demo(organizations=args.organizations, seed=1, progress=False)
            db.session.commit()
            count = hooks.rebuild(get_index())
            print(f"{args.organizations} organisations, {count} offerings indexed in {time.perf_counter() - started:.1f} s")
            service_id = db.session.scalar(
                sa.select(Service.id).join(Service.organization)
                .where(Service.status == "active", Organization.status == "published").order_by(Service.id)
            )
            db.session.remove()
        client = app.test_client()
        print("\npage weight (HTML + CSS + JS + icons + images + fonts)")
        for name, path in (("front", "/"), ("results", RESULTS), ("offering", f"/palvelut/{service_id}")):
            raw, packed, parts = page_weight(client, path)
            detail = ", ".join(f"{url.split('?')[0].rsplit('/', 1)[-1] or 'html'} {size / 1024:.1f}" for url, size in parts)
            print(f"  {name:9} {raw / 1024:6.1f} KB raw, {packed / 1024:5.1f} KB gzip   ({detail})")
        for path in SEARCHES:  # warm-up: index views, gazetteer, templates
            client.get(path)
        timings = []
        for i in range(args.requests):
            started = time.perf_counter()
            response = client.get(SEARCHES[i % len(SEARCHES)])
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        print(f"\nresults page server time over {args.requests} requests ({len(SEARCHES)} searches in turn): "
              f"p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms")


if __name__ == "__main__":
    main()
