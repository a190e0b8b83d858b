"""Configuration. The only module that reads os.environ; every setting is TARJOTIN_*."""
import os
import secrets
from datetime import timedelta
from pathlib import Path


def _env(name, default=None):
    return os.environ.get(f"TARJOTIN_{name}", default)


def _env_bool(name, default):
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance_path: Path) -> str:
    """Keep a generated key in instance/ so sessions survive restarts; never committed."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load(instance_path: str) -> dict:
    """Settings from the environment with the embedded defaults filled in."""
    instance = Path(instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    environment = _env("ENV", "development")  # "production" turns on secure cookies and doctor's exit code
    secure_cookies = _env_bool("SECURE_COOKIES", environment == "production")
    session_max_hours = int(_env("SESSION_MAX_HOURS", "12"))
    return {
        "ENVIRONMENT": environment,
        # Behind this many reverse proxies X-Forwarded-For/-Proto/-Host are trusted; 0 trusts none.
        "PROXY_COUNT": int(_env("PROXY_COUNT", "0")),
        # How many web workers run; gunicorn's own WEB_CONCURRENCY counts too. doctor warns from it.
        "WEB_WORKERS": int(_env("WEB_WORKERS") or os.environ.get("WEB_CONCURRENCY") or "1"),
        "SECRET_KEY": _env("SECRET_KEY") or _secret_key(instance),
        "SQLALCHEMY_DATABASE_URI": _env("DATABASE_URL", f"sqlite:///{instance / 'tarjotin.sqlite'}"),
        "INDEX_DIR": _env("INDEX_DIR", str(instance / "index")),
        "VOIKKO": _env_bool("VOIKKO", True),  # Finnish morphology for search when libvoikko is installed
        "SEARCH_LOCK_TIMEOUT": float(_env("SEARCH_LOCK_TIMEOUT", "2")),  # then the index write moves off the request
        "GEOCODER": _env("GEOCODER", "offline"),  # "offline" or "nominatim" (online, opt-in)
        "NOMINATIM_USER_AGENT": _env("NOMINATIM_USER_AGENT", "tarjotin"),
        "MAIL_SERVER": _env("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(_env("MAIL_PORT", "25")),
        "MAIL_USE_TLS": _env_bool("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _env_bool("MAIL_USE_SSL", False),
        "MAIL_USERNAME": _env("MAIL_USERNAME"),
        "MAIL_PASSWORD": _env("MAIL_PASSWORD"),
        "MAIL_DEFAULT_SENDER": _env("MAIL_DEFAULT_SENDER", "tarjotin@example.org"),
        "MAIL_OUTBOX_DIR": _env("MAIL_OUTBOX_DIR", str(instance / "outbox")),
        "COUNTY_FALLBACK_EMAIL": _env("COUNTY_FALLBACK_EMAIL", "neuvonta@example.org"),
        # Where the accessibility statement sends feedback (Act 306/2019 requires a channel).
        "ACCESSIBILITY_FEEDBACK_EMAIL": _env("ACCESSIBILITY_FEEDBACK_EMAIL", "saavutettavuus@example.org"),
        # Outbox delivery: "folder" writes .eml files to MAIL_OUTBOX_DIR, "smtp" sends to MAIL_SERVER.
        "MAIL_TRANSPORT": _env("MAIL_TRANSPORT", "folder"),
        "MAIL_TIMEOUT_SECONDS": float(_env("MAIL_TIMEOUT_SECONDS", "10")),
        "OUTBOX_BATCH_SIZE": int(_env("OUTBOX_BATCH_SIZE", "20")),
        "OUTBOX_LEASE_SECONDS": int(_env("OUTBOX_LEASE_SECONDS", "300")),
        "OUTBOX_POLL_SECONDS": float(_env("OUTBOX_POLL_SECONDS", "5")),
        "OUTBOX_BACKOFF_BASE_SECONDS": float(_env("OUTBOX_BACKOFF_BASE_SECONDS", "30")),
        "OUTBOX_BACKOFF_MAX_SECONDS": float(_env("OUTBOX_BACKOFF_MAX_SECONDS", "3600")),
        "OUTBOX_MAX_ATTEMPTS": int(_env("OUTBOX_MAX_ATTEMPTS", "12")),
        "OUTBOX_RETENTION_DAYS": int(_env("OUTBOX_RETENTION_DAYS", "30")),
        "PUBLIC_URL": _env("PUBLIC_URL", "http://127.0.0.1:5000"),  # links in e-mails
        # memory:// counts per worker; several workers need a shared store such as redis://host:6379.
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URI", "memory://"),
        # While the shared store is down each worker counts on its own rather than failing requests.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        # Said outright: the one Limiter otherwise keeps "off" from the last app that turned it off.
        "RATELIMIT_ENABLED": True,
        # The open-data API: generous, per client address; the downloads are whole exports, so fewer.
        "API_RATE_LIMIT": _env("API_RATE_LIMIT", "600 per minute"),
        "EXPORT_RATE_LIMIT": _env("EXPORT_RATE_LIMIT", "30 per hour"),
        # X-RateLimit-Limit/-Remaining/-Reset (and Retry-After on a 429) on every rate-limited answer.
        "RATELIMIT_HEADERS_ENABLED": True,
        # Anonymous results pages and API searches are kept this long (0: never), and always renewed
        # when the index changes; what the index does not hold (open calls, the date) is at most this old.
        "RESULTS_CACHE_SECONDS": int(_env("RESULTS_CACHE_SECONDS", "300")),
        # Empty: each worker keeps its own answers in memory; redis://host:6380/0 (a Redis of the
        # cache's own: docs/production.md) shares them.
        "CACHE_URL": _env("CACHE_URL", ""),
        "CONTACT_RATE_LIMIT_CLIENT": _env("CONTACT_RATE_LIMIT_CLIENT", "10 per minute;50 per day"),
        "CONTACT_RATE_LIMIT_RECIPIENT": _env("CONTACT_RATE_LIMIT_RECIPIENT", "30 per hour;200 per day"),
        "CONTACT_LINK_MAX_AGE_DAYS": int(_env("CONTACT_LINK_MAX_AGE_DAYS", "30")),
        # Organisation ids (comma-separated) that asked for the resident's details in the e-mail itself.
        "CONTACT_DETAILS_IN_EMAIL": frozenset(filter(None, _env("CONTACT_DETAILS_IN_EMAIL", "").split(","))),
        "CONTACT_REMINDER_WORKING_DAYS": int(_env("CONTACT_REMINDER_WORKING_DAYS", "3")),
        "CONTACT_ESCALATION_WORKING_DAYS": int(_env("CONTACT_ESCALATION_WORKING_DAYS", "7")),
        "CONTACT_RETENTION_DAYS": int(_env("CONTACT_RETENTION_DAYS", "180")),
        # Whatever the status: a request nobody closes is purged this long after its last activity.
        "CONTACT_MAX_RETENTION_DAYS": int(_env("CONTACT_MAX_RETENTION_DAYS", "365")),
        "REFERRAL_UNOPENED_WORKING_DAYS": int(_env("REFERRAL_UNOPENED_WORKING_DAYS", "5")),  # then the advisor is told
        "REFERRAL_RETENTION_DAYS": int(_env("REFERRAL_RETENTION_DAYS", "180")),  # after a referral closes
        "REFERRAL_MAX_RETENTION_DAYS": int(_env("REFERRAL_MAX_RETENTION_DAYS", "365")),  # after its last move
        "REFERRAL_LINK_MAX_AGE_DAYS": int(_env("REFERRAL_LINK_MAX_AGE_DAYS", "60")),
        "PARTICIPATION_RATE_LIMIT": _env("PARTICIPATION_RATE_LIMIT", "5 per minute;30 per day"),  # sign-ups, ideas
        "EXPERT_LINK_MAX_AGE_DAYS": int(_env("EXPERT_LINK_MAX_AGE_DAYS", "30")),
        "CALL_RETENTION_DAYS": int(_env("CALL_RETENTION_DAYS", "90")),  # a new call's default, after it closes
        "IDEA_RETENTION_DAYS": int(_env("IDEA_RETENTION_DAYS", "365")),  # the resident's own words, after answering
        "BABEL_DEFAULT_LOCALE": "fi",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Helsinki",
        "LANGUAGES": ("fi", "sv", "en"),
        "STALE_AFTER_DAYS": int(_env("STALE_AFTER_DAYS", "425")),  # about 14 months
        "LOGIN_RATE_LIMIT": _env("LOGIN_RATE_LIMIT", "5 per minute;30 per hour"),
        # Per account, on top of LOGIN_RATE_LIMIT per address: guesses at the six digits from many addresses.
        "SECOND_FACTOR_RATE_LIMIT": _env("SECOND_FACTOR_RATE_LIMIT", "5 per minute;20 per hour"),
        # A session ends after this long unused: sooner for the roles that see clients' data.
        "STAFF_IDLE_MINUTES": int(_env("STAFF_IDLE_MINUTES", "30")),
        "IDLE_MINUTES": int(_env("IDLE_MINUTES", "240")),
        # ...and this long after sign-in whatever happens; the cookie's signature expires with it.
        "SESSION_MAX_HOURS": session_max_hours,
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=session_max_hours),
        # argon2-cffi profile name: RFC_9106_LOW_MEMORY (64 MiB) fits small servers; tests use CHEAPEST.
        "PASSWORD_HASH_PROFILE": _env("PASSWORD_HASH_PROFILE", "RFC_9106_LOW_MEMORY"),
        "PASSWORD_RESET_MAX_AGE_HOURS": int(_env("PASSWORD_RESET_MAX_AGE_HOURS", "2")),
        "INVITATION_MAX_AGE_DAYS": int(_env("INVITATION_MAX_AGE_DAYS", "14")),
        # Claims (an applicant's name, e-mail, message) and invitations (an e-mail) are deleted this long
        # after their last activity: created, decided or accepted.
        "CLAIM_RETENTION_DAYS": int(_env("CLAIM_RETENTION_DAYS", "365")),
        "INVITATION_RETENTION_DAYS": int(_env("INVITATION_RETENTION_DAYS", "90")),
        "MANAGE_LINK_MAX_AGE_DAYS": int(_env("MANAGE_LINK_MAX_AGE_DAYS", "60")),  # capacity and review links
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        # __Host- makes the browser refuse the cookie unless Secure, host-only and Path=/.
        "SESSION_COOKIE_NAME": "__Host-session" if secure_cookies else "session",
        # hide_parameters: a logged database error names the statement, not the form's contents in it.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "LOG_FORMAT": _env("LOG_FORMAT", "text"),  # "json": one object per line, for a log collector
    }
