"""Rate limits shared between worker processes through the configured storage.

Each "worker" is a separate Python process, as under gunicorn: in one process every app shares
the one Limiter object, which would make the test pass whatever the storage."""
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

REDIS_URL = os.environ.get("TARJOTIN_TEST_REDIS_URL", "redis://127.0.0.1:6379")
ROOT = Path(__file__).resolve().parents[2]
WORKER = """
import sys
from tarjotin import create_app
uri, prefix, count, db = sys.argv[1:]
app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "WTF_CSRF_ENABLED": False, "RATELIMIT_STORAGE_URI": uri,
                  "RATELIMIT_KEY_PREFIX": prefix, "LOGIN_RATE_LIMIT": "3 per minute", "SQLALCHEMY_DATABASE_URI": db})
client = app.test_client()
print(" ".join(str(client.post("/kirjaudu", data={}).status_code) for _ in range(int(count))))
"""


def redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except Exception:  # no client library, no server, or a server refusing us: all mean "skip"
        return False


def _worker(uri: str, prefix: str, tmp_path: Path, count: int = 2) -> list[int]:
    db = f"sqlite:///{tmp_path / 'limits.sqlite'}"
    result = subprocess.run([sys.executable, "-c", WORKER, uri, prefix, str(count), db],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return [int(code) for code in result.stdout.split()]


def test_two_workers_share_one_limit_through_redis(tmp_path):
    if not redis_available():
        pytest.skip(f"no Redis at {REDIS_URL} (set TARJOTIN_TEST_REDIS_URL); the shared-limit test needs one")
    prefix = f"tarjotin-test-{uuid.uuid4().hex}"
    first, second = _worker(REDIS_URL, prefix, tmp_path), _worker(REDIS_URL, prefix, tmp_path)
    assert 429 not in first
    assert second[-1] == 429  # 2 + 2 requests against "3 per minute", counted together


def test_memory_storage_counts_per_worker(tmp_path):
    """The control: what several gunicorn workers get with memory:// (why doctor calls it unsafe)."""
    prefix = f"tarjotin-test-{uuid.uuid4().hex}"
    assert 429 not in _worker("memory://", prefix, tmp_path) + _worker("memory://", prefix, tmp_path)


def test_unreachable_storage_falls_back_to_counting_per_worker(tmp_path):
    codes = _worker("redis://127.0.0.1:1", uuid.uuid4().hex, tmp_path, count=4)
    assert 500 not in codes and codes[-1] == 429
