"""Fault tests of the outbox worker against a real SMTP server (aiosmtpd) on loopback."""
import random
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tarjotin.db import utcnow
from tarjotin.outbox import worker
from tarjotin.outbox.models import OutboxMessage
from tarjotin.outbox.policy import retry_delay
from tarjotin.outbox.service import HeaderInjectionError, enqueue


def _queue(db, count: int, recipients=("org@example.org",)) -> list[str]:
    rows = [
        enqueue(kind="test", recipients=list(recipients), subject=f"Viesti {n}", body_text="Hei!\n")
        for n in range(count)
    ]
    db.session.commit()
    return [row.message_id for row in rows]


def _drain(db, rounds: int = 50) -> None:
    """Run passes until nothing is left to send (backoff is a few milliseconds in these tests)."""
    for _ in range(rounds):
        worker.send_due("test-worker")
        if not db.session.scalar(sa.select(sa.func.count()).where(OutboxMessage.status.in_(("pending", "sending")))):
            return
        time.sleep(0.02)


def _rows(db) -> list[OutboxMessage]:
    db.session.expire_all()
    return db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_server_down_then_up_delivers_each_once_with_its_message_id(db, smtp):
    message_ids = _queue(db, 3)
    worker.send_due("test-worker")
    rows = _rows(db)
    assert {r.status for r in rows} == {"pending"}
    assert all(r.attempts == 1 and r.last_error == "ConnectionRefusedError" for r in rows)
    assert all(r.next_attempt_at > r.created_at for r in rows)

    smtp.start()
    _drain(db)
    assert sorted(mid for mid, _ in smtp.handler.delivered) == sorted(message_ids)
    assert [r.message_id for r in _rows(db)] == message_ids
    assert {r.status for r in _rows(db)} == {"sent"}


def test_451_is_retried_with_the_same_message_id(db, smtp):
    smtp.start()
    smtp.handler.temporary_failures = 2
    message_ids = _queue(db, 2)
    worker.send_due("test-worker")
    assert {r.last_error for r in _rows(db)} == {"451 SMTPDataError"}
    _drain(db)
    assert sorted(mid for mid, _ in smtp.handler.delivered) == sorted(message_ids)
    assert all(smtp.handler.attempts[mid] == 2 for mid in message_ids)
    assert all(r.status == "sent" and r.attempts == 2 for r in _rows(db))


def test_550_goes_to_dead_letter_without_the_address_in_the_error(db, smtp):
    smtp.start()
    smtp.handler.refuse["nobody@example.org"] = "550 5.1.1 <nobody@example.org>: no such user"
    _queue(db, 1, recipients=("nobody@example.org",))
    _drain(db)
    (row,) = _rows(db)
    assert row.status == "dead" and row.attempts == 1
    assert row.refused == {"nobody@example.org": 550}
    assert "nobody" not in row.last_error
    assert smtp.handler.delivered == []


def test_partially_refused_recipients_are_detected(db, smtp):
    smtp.start()
    smtp.handler.refuse["gone@example.org"] = "550 5.1.1 no such user"
    smtp.handler.refuse["full@example.org"] = "452 4.2.2 mailbox full"
    _queue(db, 1, recipients=("ok@example.org", "gone@example.org", "full@example.org"))
    worker.send_due("test-worker")
    (row,) = _rows(db)
    assert row.status == "pending"  # the 452 recipient is worth another try
    assert row.delivered_to == ["ok@example.org"] and row.refused == {"gone@example.org": 550}
    del smtp.handler.refuse["full@example.org"]
    _drain(db)
    (row,) = _rows(db)
    assert row.status == "sent" and row.is_partially_refused
    assert [rcpts for _, rcpts in smtp.handler.delivered] == [["ok@example.org"], ["full@example.org"]]


def test_hanging_server_times_out_and_the_message_is_retried(db, smtp):
    smtp.start()
    smtp.handler.hang_seconds = 3  # against a client timeout of 0.5 s
    (message_id,) = _queue(db, 1)
    worker.send_due("test-worker")
    (row,) = _rows(db)
    # Without the client timeout the worker would wait out the hang and record the server's 451.
    assert row.status == "pending" and row.last_error in {"TimeoutError", "SMTPServerDisconnected"}
    _drain(db)
    assert smtp.handler.delivered == [(message_id, ["org@example.org"])]
    assert smtp.handler.attempts[message_id] == 2


def test_a_paragraph_longer_than_an_smtp_line_is_delivered(db, smtp):
    """A moderator's decision (up to 2,000 characters) typed as one paragraph: over the 998-octet line
    limit of RFC 5321, so the body must not go out as 8bit. Flask-Mail's Message always writes 8bit
    bodies, and aiosmtpd answered it "500 Line too long": the reason it was removed (docs/production.md)."""
    smtp.start()
    paragraph = "Hylätty, koska tiedot eivät täsmää. " * 55  # 2,035 characters, 2,255 octets
    row = enqueue(kind="test", recipients=["org@example.org"], subject="Päätös", body_text=paragraph + "\n",
                  body_html=f"<p>{paragraph}</p>")
    db.session.commit()
    _drain(db)
    assert smtp.handler.delivered == [(row.message_id, ["org@example.org"])]
    (sent,) = _rows(db)
    assert sent.status == "sent"


def test_header_injection_is_rejected_when_queued(db):
    with pytest.raises(HeaderInjectionError):
        enqueue(kind="test", recipients=["org@example.org"], subject="Hei\r\nBcc: x@example.org", body_text="-")
    with pytest.raises(ValueError):
        enqueue(kind="test", recipients=["org@example.org\nBcc: x@example.org"], subject="Hei", body_text="-")


def test_header_injection_is_rejected_again_at_send(db, smtp):
    smtp.start()
    _queue(db, 1)
    db.session.execute(sa.update(OutboxMessage).values(subject="Hei\nBcc: x@example.org"))
    db.session.commit()
    _drain(db)
    (row,) = _rows(db)
    assert row.status == "dead" and row.last_error.startswith("invalid message")
    assert smtp.handler.delivered == []


def test_a_leased_row_is_not_claimed_twice_until_the_lease_runs_out(db):
    _queue(db, 3)
    assert len(worker.claim("a", 10, lease_seconds=300)) == 3
    assert worker.claim("b", 10, lease_seconds=300) == []
    db.session.execute(sa.update(OutboxMessage).values(lease_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert len(worker.claim("b", 10, lease_seconds=300)) == 3
    assert {r.claimed_by for r in _rows(db)} == {"b"}


def test_too_many_temporary_failures_end_in_dead_letter(app, db, smtp):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 3
    _queue(db, 1)
    _drain(db)
    (row,) = _rows(db)
    assert row.status == "dead" and row.attempts == 3 and "gave up" in row.last_error


def test_folder_transport_writes_readable_eml_files(app, db, tmp_path):
    app.config.update(MAIL_TRANSPORT="folder", MAIL_OUTBOX_DIR=str(tmp_path / "mail"))
    (message_id,) = _queue(db, 1)
    worker.send_due("test-worker")
    (eml,) = (tmp_path / "mail").glob("*.eml")
    assert f"Message-ID: {message_id}" in eml.read_text()
    assert _rows(db)[0].status == "sent"


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    rng = random.Random(5)
    delays = [retry_delay(attempt, base=30, cap=3600, rng=rng) for attempt in range(1, 10)]
    for attempt, delay in enumerate(delays, start=1):
        step = min(3600, 30 * 2 ** (attempt - 1))
        assert step / 2 <= delay <= step
    assert len({round(retry_delay(3, 30, 3600)) for _ in range(20)}) > 1
