"""Snapshots of rendered e-mails: a message is compared with its stored text, subject and HTML
included. Refresh with UPDATE_SNAPSHOTS=1 after a deliberate change, and read the diff."""
import os
from pathlib import Path

from tarjotin.outbox.service import render


def rendered_mail(template: str, lang: str, context: dict) -> str:
    subject, text, html = render(template, lang, context)
    return f"Subject: {subject}\n\n{text}\n----- html -----\n{html}"


def assert_matches_snapshot(rendered: str, snapshot: Path) -> None:
    if os.environ.get("UPDATE_SNAPSHOTS") or not snapshot.exists():
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(rendered)
    assert rendered == snapshot.read_text()
