"""Snapshots of rendered e-mails: a message is compared with its stored text, subject and HTML
included. A missing snapshot fails like a changed one, so a new or renamed case cannot pass
unseen in CI. After a deliberate change, `make snapshots` rewrites them: read the diff."""
import os
from pathlib import Path

from tarjotin.outbox.service import render


def rendered_mail(template: str, lang: str, context: dict) -> str:
    subject, text, html = render(template, lang, context)
    return f"Subject: {subject}\n\n{text}\n----- html -----\n{html}"


def assert_matches_snapshot(rendered: str, snapshot: Path) -> None:
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(rendered)
    assert snapshot.exists(), f"no snapshot {snapshot}: write it with `make snapshots` and read it"
    assert rendered == snapshot.read_text()
