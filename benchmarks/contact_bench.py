"""Contact-request throughput: 1,000 submissions over HTTP by 20 concurrent clients, then delivery.

    python benchmarks/contact_bench.py [--requests 1000] [--clients 20]

Starts the app (`flask run`, threaded) on loopback against a fresh SQLite file (or
TARJOTIN_DATABASE_URL), submits real forms with their CSRF tokens, checks every request was
stored, then delivers the outbox to a local aiosmtpd server and prints both rates.
"""
import argparse
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Counter:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def prepare(env: dict, offerings: int) -> list[str]:
    os.environ.update(env)
    from tarjotin import create_app
    from tarjotin.extensions import db
    from tests.factories import OrganizationFactory, ServiceFactory

    app = create_app()
    with app.app_context():
        db.drop_all()
        db.create_all()
        if db.engine.dialect.name == "sqlite":
            # Persistent in the file: readers no longer block the writer's commit (see the report).
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        services = [ServiceFactory(organization=OrganizationFactory()) for _ in range(offerings)]
        db.session.commit()
        return [s.id for s in services]


def client_run(base: str, service_ids: list[str], count: int, offset: int) -> int:
    errors = 0
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    for n in range(count):
        service_id = service_ids[(offset + n) % len(service_ids)]
        url = f"{base}/palvelut/{service_id}/yhteydenotto"
        token = CSRF.search(opener.open(url).read().decode()).group(1)
        form = {
            "csrf_token": token, "service_ids": service_id, "name": f"Testi {offset}-{n}", "phone": "040 123 4567",
            "email": f"asukas{offset}.{n}@example.net", "preferred_channel": "phone", "preferred_time": "any",
            "language": "fi", "consent": "y",
        }
        request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode())
        response = opener.open(request)
        errors += not response.geturl().endswith("/yhteydenotto/kiitos")
    return errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="contact-bench-"))
    http_port, smtp_port = free_port(), free_port()
    env = {
        "TARJOTIN_DATABASE_URL": os.environ.get("TARJOTIN_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite'}"),
        "TARJOTIN_SECRET_KEY": "bench",
        "TARJOTIN_INDEX_DIR": str(workdir / "index"),
        "TARJOTIN_CONTACT_RATE_LIMIT_CLIENT": "100000 per minute",
        "TARJOTIN_CONTACT_RATE_LIMIT_RECIPIENT": "100000 per minute",
        "TARJOTIN_MAIL_TRANSPORT": "smtp",
        "TARJOTIN_MAIL_SERVER": "127.0.0.1",
        "TARJOTIN_MAIL_PORT": str(smtp_port),
        "TARJOTIN_OUTBOX_BATCH_SIZE": "100",
    }
    service_ids = prepare(env, offerings=100)
    server = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "tarjotin", "run", "--port", str(http_port), "--with-threads"],
        env=dict(os.environ, **env), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(workdir / "server.log", "w"),
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/tarjotin")
                break
            except OSError:
                time.sleep(0.1)
        per_client = args.requests // args.clients
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            errors = sum(pool.map(lambda c: client_run(base, service_ids, per_client, c * per_client), range(args.clients)))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()

    from tarjotin import create_app
    from tarjotin.contact.models import ContactRequest
    from tarjotin.extensions import db
    from tarjotin.outbox import worker
    from tarjotin.outbox.models import OutboxMessage

    app = create_app()
    with app.app_context():
        stored = db.session.query(ContactRequest).count()
        queued = db.session.query(OutboxMessage).count()
        print(f"submissions: {per_client * args.clients} by {args.clients} clients, stored {stored}, errors {errors}, "
              f"{elapsed:.1f} s, {per_client * args.clients / elapsed:.0f} submissions/s")
        counter = Counter()
        controller = Controller(counter, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        started = time.perf_counter()
        while worker.send_due("bench"):
            pass
        elapsed = time.perf_counter() - started
        controller.stop()
        sent = db.session.query(OutboxMessage).filter_by(status="sent").count()
        print(f"delivery: {queued} queued, {sent} sent, {counter.count} received, {elapsed:.1f} s, "
              f"{sent / elapsed:.0f} messages/s")


if __name__ == "__main__":
    main()
