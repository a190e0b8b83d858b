"""Request lists for benchmarks/load.sh: one file per scenario, read by load.lua.

    python benchmarks/load_targets.py BASE_URL OUT_DIR

Run with the same TARJOTIN_* environment as the server under test: offering ids and place
names come from its database, and the contact scenario's session cookie and CSRF token come
from a form the server itself rendered, so every POST is one a browser could have sent.
"""
from __future__ import annotations

import random
import re
import sys
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from tarjotin import create_app  # noqa: E402
from tarjotin.directory.models import Municipality, Service  # noqa: E402
from tarjotin.directory.visibility import visible_service_clause  # noqa: E402
from tarjotin.extensions import db  # noqa: E402

QUERIES = ["vertaistuki", "yksinäisyys", "mielenterveys", "omaishoitaja", "velkaneuvonta", "ruoka-apu",
           "nuoret", "perheet", "kriisiapu", "liikunta", "maahanmuuttajat", "ikäihmiset"]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SAMPLE = 200
CONTACT_EVERY = 10  # in the mix, one request in ten is a contact submission


def _targets() -> tuple[list[str], list[str]]:
    """Published offering ids and place names, sampled deterministically."""
    published = sa.select(Service.id).join(Service.organization).where(visible_service_clause())
    ids = sorted(db.session.scalars(published.order_by(Service.id)).all())
    places = sorted(db.session.scalars(sa.select(Municipality.name)).all())
    rng = random.Random(1)
    return rng.sample(ids, min(SAMPLE, len(ids))), rng.sample(places, min(40, len(places)))


def _session(base_url: str, service_id: str) -> tuple[str, str]:
    """A session cookie and its CSRF token, as a browser gets them from the contact form."""
    with urllib.request.urlopen(f"{base_url}/palvelut/{service_id}/yhteydenotto") as response:
        page = response.read().decode()
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
    return cookie, CSRF.search(page).group(1)


def _contact_body(token: str, service_id: str) -> str:
    return urlencode({
        "csrf_token": token, "service_ids": service_id, "name": "Kuormitus Testaaja", "phone": "040 123 4567",
        "email": "kuormitus@example.net", "preferred_channel": "phone", "preferred_time": "evening",
        "language": "fi", "message": "Kuormitustesti.", "consent": "y",
    })


def main(base_url: str, out_dir: Path) -> None:
    with create_app().app_context():
        ids, places = _targets()
    rng = random.Random(2)
    search = [f"GET /haku?q={quote(rng.choice(QUERIES))}&paikka={quote(rng.choice(places))}" for _ in range(SAMPLE)]
    offering = [f"GET /palvelut/{service_id}" for service_id in ids]
    api = [f"GET /api/v1/services?search={quote(rng.choice(QUERIES))}" for _ in range(SAMPLE)]
    cookie, token = _session(base_url, ids[0])
    mix = []
    for n in range(SAMPLE):
        if n % CONTACT_EVERY == 0:
            mix.append(f"POST /palvelut/{ids[n]}/yhteydenotto {_contact_body(token, ids[n])}")
        else:
            mix.append(rng.choice(search) if n % 2 else rng.choice(offering))
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, lines in {"healthz": ["GET /healthz"], "search": search, "offering": offering, "api": api,
                        "mix": mix}.items():
        (out_dir / f"{name}.txt").write_text("\n".join(lines) + "\n")
    (out_dir / "cookie.txt").write_text(cookie + "\n")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), Path(sys.argv[2]))
