"""Configuration. The only module that reads os.environ; every setting is TARJOTIN_*."""
import os
import secrets
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
    return {
        "SECRET_KEY": _env("SECRET_KEY") or _secret_key(instance),
        "SQLALCHEMY_DATABASE_URI": _env("DATABASE_URL", f"sqlite:///{instance / 'tarjotin.sqlite'}"),
        "INDEX_DIR": _env("INDEX_DIR", str(instance / "index")),
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
        "BABEL_DEFAULT_LOCALE": "fi",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Helsinki",
        "LANGUAGES": ("fi", "sv", "en"),
        "STALE_AFTER_DAYS": int(_env("STALE_AFTER_DAYS", "425")),  # about 14 months
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    }
