"""The worker as a separate process: killed with SIGKILL mid-batch, restarted, nothing is lost."""
import os
import signal
import subprocess
import sys
import time

import sqlalchemy as sa

from tarjotin.outbox.models import OutboxMessage
from tarjotin.outbox.service import enqueue

MESSAGES = 40


def _start_worker(app, port: int) -> subprocess.Popen:
    env = dict(
        os.environ,
        TARJOTIN_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        TARJOTIN_SECRET_KEY="test-secret",
        TARJOTIN_MAIL_TRANSPORT="smtp",
        TARJOTIN_MAIL_SERVER="127.0.0.1",
        TARJOTIN_MAIL_PORT=str(port),
        TARJOTIN_MAIL_TIMEOUT_SECONDS="5",
        TARJOTIN_OUTBOX_BATCH_SIZE="10",
        TARJOTIN_OUTBOX_LEASE_SECONDS="2",
        TARJOTIN_OUTBOX_POLL_SECONDS="0.1",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "tarjotin", "outbox", "work"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_sigkilled_worker_is_replaced_and_everything_is_delivered(app, db, smtp):
    smtp.start()
    smtp.handler.delay_seconds = 0.05  # slow enough to be caught in the middle of a batch
    message_ids = {
        enqueue(kind="test", recipients=["org@example.org"], subject=f"Viesti {n}", body_text="Hei!\n").message_id
        for n in range(MESSAGES)
    }
    db.session.commit()

    first = _start_worker(app, smtp.port)
    try:
        assert _wait_for(lambda: len(smtp.handler.delivered) >= 5, 20), "the first worker delivered nothing"
        first.send_signal(signal.SIGKILL)
        first.wait(5)
    finally:
        first.kill()
    delivered_before_restart = len(smtp.handler.delivered)
    assert delivered_before_restart < MESSAGES
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).where(OutboxMessage.status == "sending")) > 0

    second = _start_worker(app, smtp.port)
    try:
        assert _wait_for(lambda: {mid for mid, _ in smtp.handler.delivered} >= message_ids, 30)
    finally:
        second.terminate()
        second.wait(5)

    delivered = [mid for mid, _ in smtp.handler.delivered]
    assert set(delivered) == message_ids
    # At least once: only the message in flight at the kill may arrive twice, with its Message-ID.
    assert len(delivered) - len(message_ids) <= 1
    db.session.expire_all()
    assert set(db.session.scalars(sa.select(OutboxMessage.status))) == {"sent"}
