"""`flask doctor`: what is configured, what is missing and what is unsafe for a production run.

Each check reads the app's settings or asks a dependency one cheap question; nothing is written,
so it can run on a live server (a missing SQLite file is reported, not created)."""
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Flask

Level = Literal["ok", "missing", "unsafe"]
LEVELS: tuple[Level, ...] = ("ok", "missing", "unsafe")
HEADINGS = {"ok": "configured", "missing": "missing", "unsafe": "unsafe"}
OUTBOX_LAG_WARNING_SECONDS = 15 * 60


@dataclass(frozen=True)
class Finding:
    level: Level
    topic: str
    detail: str


def outbox_lag_seconds(now: datetime | None = None) -> float:
    """How long the oldest due message has waited; grows when no outbox worker is running."""
    from tarjotin.db import utcnow
    from tarjotin.extensions import db
    from tarjotin.outbox.models import OutboxMessage

    now = now or utcnow()
    oldest = db.session.scalar(
        sa.select(sa.func.min(OutboxMessage.next_attempt_at)).where(
            OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now
        )
    )
    if oldest is None:
        return 0.0
    if oldest.tzinfo is None:  # min() bypasses the column type, so SQLite hands back a naive UTC value
        oldest = oldest.replace(tzinfo=now.tzinfo)
    return round((now - oldest).total_seconds(), 1)


def index_status() -> tuple[dict | None, str]:
    """The live index generation's status, or None and why it cannot be read."""
    from tarjotin.search import get_index
    from tarjotin.search.engine import IndexUnavailable

    try:
        return get_index().status(), ""
    except (IndexUnavailable, OSError) as error:
        return None, str(error)


def diagnose(app: Flask) -> list[Finding]:
    """Every finding, in the order a reader would fix them; call inside an app context."""
    production = app.config["ENVIRONMENT"] == "production"
    return [
        Finding("ok", "environment", f"{app.config['ENVIRONMENT']}, {app.config['WEB_WORKERS']} web worker(s)"),
        *_secrets(app, production),
        *_web(app, production),
        *_database(app, production),
        *_mail(app, production),
        *_rate_limits(app, production),
        *_search_cache(app, production),
        *_search(app),
    ]


def _secrets(app: Flask, production: bool) -> list[Finding]:
    findings = []
    if app.debug:
        findings.append(Finding("unsafe", "debug", "debug mode is on: tracebacks and the debugger reach the browser"))
    key = app.config["SECRET_KEY"]
    key_file = Path(app.instance_path) / "secret_key"
    if key_file.exists() and key_file.read_text().strip() == key:
        level: Level = "unsafe" if production else "missing"
        findings.append(Finding(level, "secret key", f"generated into {key_file}; set TARJOTIN_SECRET_KEY so "
                                "every server signs sessions and e-mail links with the same key"))
    elif len(key) < 32:
        findings.append(Finding("unsafe", "secret key", "TARJOTIN_SECRET_KEY is shorter than 32 characters"))
    else:
        findings.append(Finding("ok", "secret key", "set in the environment"))
    return findings


def _web(app: Flask, production: bool) -> list[Finding]:
    config = app.config
    findings = []
    cookie = f"{config['SESSION_COOKIE_NAME']}, HttpOnly, SameSite={config['SESSION_COOKIE_SAMESITE']}"
    if config["SESSION_COOKIE_SECURE"]:
        findings.append(Finding("ok", "cookies", f"{cookie}, Secure"))
    else:
        level: Level = "unsafe" if production else "ok"
        findings.append(Finding(level, "cookies", f"{cookie}, not Secure (TARJOTIN_SECURE_COOKIES)"))
    scheme = urlsplit(config["PUBLIC_URL"]).scheme
    if production and scheme != "https":
        findings.append(Finding("unsafe", "public URL", f"{config['PUBLIC_URL']} is not https; e-mail links go out in clear"))
    else:
        findings.append(Finding("ok", "public URL", config["PUBLIC_URL"]))
    if config["PROXY_COUNT"]:
        findings.append(Finding("ok", "reverse proxy", f"X-Forwarded-* trusted from {config['PROXY_COUNT']} proxy hop(s)"))
    elif production:
        findings.append(Finding("missing", "reverse proxy", "TARJOTIN_PROXY_COUNT=0: behind a proxy every client "
                                "shares its address in rate limits, and HTTPS (HSTS) goes unnoticed"))
    return findings


def _database(app: Flask, production: bool) -> list[Finding]:
    from tarjotin.extensions import db

    url = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    shown = url.render_as_string(hide_password=True)
    findings = []
    if url.get_backend_name() == "sqlite":
        if app.config["WEB_WORKERS"] > 1:
            findings.append(Finding("unsafe", "database", f"SQLite with {app.config['WEB_WORKERS']} web workers: "
                                    "writers queue on one file lock; use PostgreSQL"))
        elif production:
            findings.append(Finding("missing", "database", "SQLite in production: PostgreSQL is the supported choice"))
        if url.database not in (None, "", ":memory:") and not Path(url.database).exists():
            return [*findings, Finding("missing", "database", f"{shown} does not exist; run: flask db upgrade")]
    try:
        with db.engine.connect() as connection:
            current = _migration_heads(app, connection)
        lag = outbox_lag_seconds() if current[0] else 0.0
    except sa.exc.SQLAlchemyError as error:
        cause = type(getattr(error, "orig", None) or error).__name__
        return [*findings, Finding("unsafe", "database", f"{shown} is not reachable ({cause})")]
    finally:
        db.session.remove()
    at, heads = current
    if at != heads:
        state = ", ".join(sorted(at)) or "empty"
        level: Level = "unsafe" if production else "missing"
        findings.append(Finding(level, "database", f"{shown} is at {state}, not at {', '.join(sorted(heads))}; "
                                "run: flask db upgrade"))
    else:
        findings.append(Finding("ok", "database", f"{shown}, reachable, migration {', '.join(sorted(at))} (head)"))
    if lag > OUTBOX_LAG_WARNING_SECONDS:
        findings.append(Finding("missing", "outbox worker", f"the oldest due e-mail has waited {lag / 60:.0f} min; "
                                "is `flask outbox work` running?"))
    return findings


def _migration_heads(app: Flask, connection: sa.Connection) -> tuple[set[str], set[str]]:
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", app.extensions["migrate"].directory)
    heads = set(ScriptDirectory.from_config(config).get_heads())
    return set(MigrationContext.configure(connection).get_current_heads()), heads


def _mail(app: Flask, production: bool) -> list[Finding]:
    config = app.config
    if config["MAIL_TRANSPORT"] == "folder":
        level: Level = "unsafe" if production else "missing"
        return [Finding(level, "mail", f"MAIL_TRANSPORT=folder: e-mail is written to {config['MAIL_OUTBOX_DIR']}, "
                        "never sent; set TARJOTIN_MAIL_TRANSPORT=smtp and TARJOTIN_MAIL_SERVER")]
    security = "SSL" if config["MAIL_USE_SSL"] else "STARTTLS" if config["MAIL_USE_TLS"] else "no TLS"
    server = f"smtp {config['MAIL_SERVER']}:{config['MAIL_PORT']} ({security}), from {config['MAIL_DEFAULT_SENDER']}"
    if security == "no TLS" and config["MAIL_SERVER"] not in ("localhost", "127.0.0.1", "::1"):
        return [Finding("missing", "mail", f"{server}: mail crosses the network unencrypted")]
    return [Finding("ok", "mail", server)]


def _rate_limits(app: Flask, production: bool) -> list[Finding]:
    from limits.storage import storage_from_string

    uri = app.config["RATELIMIT_STORAGE_URI"]
    workers = app.config["WEB_WORKERS"]
    if uri.startswith("memory://"):
        if workers > 1:
            return [Finding("unsafe", "rate limits", f"memory:// with {workers} workers: each counts on its own, "
                            f"so limits are {workers}× looser; set TARJOTIN_RATELIMIT_STORAGE_URI=redis://...")]
        level: Level = "missing" if production else "ok"
        return [Finding(level, "rate limits", "memory:// (one process only)")]
    shown = _without_password(uri)
    try:
        reachable = storage_from_string(uri).check()
    except Exception as error:  # a missing client library or a bad URL; limits raises several kinds
        return [Finding("unsafe", "rate limits", f"{shown}: {type(error).__name__}: {error}")]
    if not reachable:
        level = "unsafe" if production else "missing"
        return [Finding(level, "rate limits", f"{shown} is not reachable; each worker falls back to its own count")]
    return [Finding("ok", "rate limits", f"{shown}, reachable, shared by all workers")]


def _search_cache(app: Flask, production: bool) -> list[Finding]:
    seconds, url, workers = app.config["RESULTS_CACHE_SECONDS"], app.config["CACHE_URL"], app.config["WEB_WORKERS"]
    if seconds <= 0:
        level: Level = "missing" if production else "ok"
        return [Finding(level, "search cache", "off (TARJOTIN_RESULTS_CACHE_SECONDS=0): every search is answered afresh")]
    if not url:
        if workers > 1:
            return [Finding("missing", "search cache", f"{seconds} s in each of {workers} workers' memory: each answers "
                            "a search once for itself; TARJOTIN_CACHE_URL=redis://... shares the answers")]
        return [Finding("ok", "search cache", f"{seconds} s, in memory (one process)")]
    import redis

    shown = _without_password(url)
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5, decode_responses=True)
        client.ping()
    except (redis.RedisError, ValueError) as error:
        return [Finding("missing", "search cache", f"{shown}: {type(error).__name__}: {str(error).rstrip('.')}; "
                        "every search is answered afresh until Redis is back")]
    return [Finding("ok", "search cache", f"{seconds} s, {shown}, reachable, shared by all workers"),
            *_cache_redis_settings(client, production)]


def _cache_redis_settings(client, production: bool) -> list[Finding]:
    """Kept answers hold residents' search words and places: they must not reach the disk, and
    a flood of distinct searches must push out old answers rather than fill the memory."""
    import redis

    try:
        settings = {name: value for pattern in ("save", "appendonly", "maxmemory*")
                    for name, value in client.config_get(pattern).items()}
    except redis.RedisError:  # managed Redis services often refuse CONFIG
        return [Finding("ok", "search cache", "its Redis refuses CONFIG: make sure it saves nothing to disk "
                        "(save \"\", appendonly no) and has a maxmemory with an LRU policy")]
    findings = []
    if settings.get("save") or settings.get("appendonly") == "yes":
        level: Level = "unsafe" if production else "missing"
        findings.append(Finding(level, "search cache", f"its Redis saves to disk (save \"{settings.get('save', '')}\", "
                                f"appendonly {settings.get('appendonly')}), and kept answers hold residents' search "
                                "words: give the cache an instance with save \"\" and appendonly no"))
    if settings.get("maxmemory") == "0" or settings.get("maxmemory-policy") == "noeviction":
        findings.append(Finding("missing", "search cache", f"its Redis has maxmemory {settings.get('maxmemory')} and "
                                f"policy {settings.get('maxmemory-policy')}: distinct searches fill its memory; "
                                "set maxmemory and maxmemory-policy allkeys-lru"))
    return findings


def _without_password(uri: str) -> str:
    return sa.engine.make_url(uri).render_as_string(hide_password=True) if "@" in uri else uri


def _search(app: Flask) -> list[Finding]:
    from tarjotin.search import get_index
    from tarjotin.search.engine import voikko_handle

    compatibility = get_index().compatibility
    findings = [Finding("ok" if compatibility.ok else "missing", "search engine", compatibility.describe())]
    if voikko_handle(app.config["VOIKKO"]) is None:
        why = "turned off (TARJOTIN_VOIKKO)" if not app.config["VOIKKO"] else "not installed (libvoikko1, voikko-fi)"
        findings.append(Finding("missing", "voikko", f"{why}: Finnish search uses the simpler Snowball stemmer"))
    else:
        findings.append(Finding("ok", "voikko", "Finnish base forms and compounds"))
    status, reason = index_status()
    if status is None:
        findings.append(Finding("missing", "search index", reason))
    else:
        findings.append(Finding("ok", "search index", f"{app.config['INDEX_DIR']}: generation {status['generation']}, "
                                f"{status['analysis']}, {status['documents']} offerings"))
    return findings


def render(app: Flask, findings: list[Finding]) -> str:
    lines = [f"Tarjotin doctor: {app.config['ENVIRONMENT']} configuration"]
    for level in LEVELS:
        chosen = [f for f in findings if f.level == level]
        if chosen:
            lines += ["", HEADINGS[level]]
            lines += [f"  {f.topic:<16}{f.detail}" for f in chosen]
    return "\n".join(lines)


def fails(app: Flask, findings: list[Finding]) -> bool:
    """Unsafe findings stop a production deployment; in development they are advice."""
    return app.config["ENVIRONMENT"] == "production" and any(f.level == "unsafe" for f in findings)
