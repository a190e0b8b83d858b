"""`flask doctor` on the embedded default and on production-like configurations."""
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tarjotin import create_app

UNREACHABLE_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:1/x"


def _app(tmp_path: Path, monkeypatch, environment: str, **config):
    monkeypatch.setenv("TARJOTIN_ENV", environment)
    monkeypatch.delenv("TARJOTIN_SECURE_COOKIES", raising=False)
    return create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'doctor.sqlite'}",
        "INDEX_DIR": str(tmp_path / "index"),
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        **config,
    })


def _doctor(app):
    result = app.test_cli_runner().invoke(args=["doctor"])
    sections, heading = {}, None
    for line in result.output.splitlines()[1:]:
        if line and not line.startswith(" "):
            heading = line
        elif line:
            topic, detail = line[2:18].strip(), line[18:]
            sections.setdefault(heading, {}).setdefault(topic, []).append(detail)
    return result, sections


def test_embedded_default_is_advice_only(tmp_path, monkeypatch):
    """The defaults `make run` uses: a generated key, SQLite not created yet, mail to a folder."""
    monkeypatch.delenv("TARJOTIN_SECRET_KEY", raising=False)
    app = _app(tmp_path, monkeypatch, "development")
    result, sections = _doctor(app)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Tarjotin doctor: development configuration")
    missing = sections["missing"]
    assert "does not exist; run: flask db upgrade" in missing["database"][0]
    assert not (tmp_path / "doctor.sqlite").exists()  # doctor reports, never creates
    assert "MAIL_TRANSPORT=folder" in missing["mail"][0]
    assert "search index" in missing and "rebuild" in missing["search index"][0]
    assert "memory://" in sections["configured"]["rate limits"][0]
    assert "in memory (one process)" in sections["configured"]["search cache"][0]
    assert "unsafe" not in sections


def test_production_with_demo_settings_fails_with_every_reason(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, "production", SECRET_KEY="short", WEB_WORKERS=4,
               PUBLIC_URL="http://tarjotin.example.fi")
    monkeypatch.setenv("FLASK_DEBUG", "1")  # what `flask --debug` sets
    result, sections = _doctor(app)
    assert result.exit_code == 1, result.output
    unsafe = " | ".join(f"{topic}: {' '.join(details)}" for topic, details in sections["unsafe"].items())
    for reason in ("debug mode is on", "shorter than 32", "SQLite with 4 web workers", "MAIL_TRANSPORT=folder",
                   "memory:// with 4 workers", "not https"):
        assert reason in unsafe, reason
    assert "__Host-session" in sections["configured"]["cookies"][0]  # production turns Secure cookies on
    assert "each of 4 workers' memory" in sections["missing"]["search cache"][0]


def test_production_ready_configuration_passes(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, "production", SECRET_KEY="k" * 64, PUBLIC_URL="https://tarjotin.example.fi",
               PROXY_COUNT=1, MAIL_TRANSPORT="smtp", MAIL_SERVER="smtp.example.fi", MAIL_USE_TLS=True)
    upgrade = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert upgrade.exit_code == 0, upgrade.output
    result, sections = _doctor(app)
    assert result.exit_code == 0, result.output
    configured = sections["configured"]
    assert "reachable, migration" in configured["database"][0] and "(head)" in configured["database"][0]
    assert "smtp smtp.example.fi:25 (STARTTLS)" in configured["mail"][0]
    assert "Secure" in configured["cookies"][0]
    assert "unsafe" not in sections
    assert "SQLite in production" in sections["missing"]["database"][0]  # advice, not a failure


def test_whoosh3_other_than_the_pinned_one_is_missing_its_fast_paths(tmp_path, monkeypatch):
    from whoosh.codec import whoosh3

    from tarjotin.search.engine import version

    app = _app(tmp_path, monkeypatch, "development")
    assert f"whoosh3 {version.WRITTEN_FOR}, the version" in _doctor(app)[1]["configured"]["search engine"][0]
    monkeypatch.delattr(whoosh3.W3LeafMatcher, "_next_block")
    version.check.cache_clear()  # the check runs once per process
    try:
        result, sections = _doctor(_app(tmp_path, monkeypatch, "production", SECRET_KEY="k" * 64))
    finally:
        version.check.cache_clear()
    detail = sections["missing"]["search engine"][0]
    assert "missing W3LeafMatcher._next_block" in detail and "public API" in detail
    assert "search engine" not in sections.get("unsafe", {})  # search still answers, slower


def test_unreachable_database_is_unsafe(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, "production", SQLALCHEMY_DATABASE_URI=UNREACHABLE_POSTGRES)
    result, sections = _doctor(app)
    assert result.exit_code == 1
    assert "127.0.0.1:1/x is not reachable (OperationalError)" in sections["unsafe"]["database"][0]


@pytest.mark.parametrize("reachable", [True, False])
@pytest.mark.parametrize(("setting", "topic", "when_down"), [
    ("RATELIMIT_STORAGE_URI", "rate limits", "not reachable"),
    ("CACHE_URL", "search cache", "every search is answered afresh"),
])
def test_shared_redis_is_checked(tmp_path, monkeypatch, reachable, setting, topic, when_down):
    from tests.production.test_rate_limits import REDIS_URL, redis_available

    if reachable and not redis_available():
        pytest.skip(f"no Redis at {REDIS_URL}")
    url = REDIS_URL if reachable else "redis://127.0.0.1:1"
    app = _app(tmp_path, monkeypatch, "development", SECRET_KEY="k" * 64, WEB_WORKERS=4, **{setting: url})
    result, sections = _doctor(app)
    if reachable:
        assert "reachable, shared by all workers" in sections["configured"][topic][0]
    else:
        assert when_down in sections["missing"][topic][0]


@pytest.fixture
def own_redis(tmp_path):
    """start(*settings) runs a Redis server of this test's own with those settings and gives its URL."""
    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    servers = []

    def start(*settings: str) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        servers.append(subprocess.Popen([binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(tmp_path),
                                         *settings], stdout=subprocess.DEVNULL))
        url = f"redis://127.0.0.1:{port}/0"
        for _ in range(100):
            try:
                redis.Redis.from_url(url).ping()
                return url
            except redis.ConnectionError:
                time.sleep(0.05)
        pytest.fail("redis-server did not start")

    yield start
    for server in servers:
        server.terminate()
        server.wait(5)


def _cache_findings(tmp_path, monkeypatch, environment: str, url: str) -> dict[str, list[str]]:
    app = _app(tmp_path, monkeypatch, environment, SECRET_KEY="k" * 64, CACHE_URL=url)
    _, sections = _doctor(app)
    return {heading: found["search cache"] for heading, found in sections.items() if "search cache" in found}


def test_a_cache_redis_as_the_guide_sets_it_up_passes(tmp_path, monkeypatch, own_redis):
    url = own_redis("--save", "", "--appendonly", "no", "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru")
    findings = _cache_findings(tmp_path, monkeypatch, "production", url)
    assert list(findings) == ["configured"] and "reachable, shared by all workers" in findings["configured"][0]


def test_a_cache_redis_that_saves_to_disk_without_a_memory_cap_is_flagged(tmp_path, monkeypatch, own_redis):
    url = own_redis("--save", "3600 1", "--maxmemory", "0")
    findings = _cache_findings(tmp_path, monkeypatch, "production", url)
    assert "residents' search words" in findings["unsafe"][0]
    assert "maxmemory 0 and policy noeviction" in findings["missing"][0]
    assert "residents' search words" in _cache_findings(tmp_path, monkeypatch, "development", url)["missing"][0]


def test_a_cache_redis_refusing_config_is_left_to_the_operator(tmp_path, monkeypatch, own_redis):
    url = own_redis("--rename-command", "CONFIG", "")
    findings = _cache_findings(tmp_path, monkeypatch, "production", url)
    assert list(findings) == ["configured"] and "refuses CONFIG" in findings["configured"][1]
