"""The delivery worker: claim due rows under a lease, hand them to the transport, record the outcome.

Several workers may run at once. A claim takes a write lock only long enough to mark rows as
`sending` with a lease; a worker that dies (even by SIGKILL) leaves rows whose lease runs out,
and the next pass claims them again. Delivery is therefore at least once, and the Message-ID fixed
at enqueue time lets receiving systems recognise a repeat.
"""
import logging
import os
import smtplib
import socket
import threading
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from tarjotin.db import hold_write_lock, utcnow
from tarjotin.extensions import db
from tarjotin.outbox.models import OutboxMessage
from tarjotin.outbox.policy import is_temporary, retry_delay
from tarjotin.outbox.service import build_message
from tarjotin.outbox.transport import Transport, open_transport

log = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(worker: str, batch_size: int, lease_seconds: int) -> list[int]:
    """Ids of up to `batch_size` due rows, now leased to `worker`; committed before returning."""
    now = utcnow()
    due = sa.or_(
        sa.and_(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now),
        sa.and_(OutboxMessage.status == "sending", OutboxMessage.lease_until < now),
    )
    query = sa.select(OutboxMessage.id).where(due).order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            # SQLite has no row locks: take the database write lock before reading, so two workers
            # cannot both read the same due rows and then both mark them.
            hold_write_lock(conn)
        elif conn.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        ids = list(conn.scalars(query.limit(batch_size)))
        if ids:
            conn.execute(
                sa.update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids))
                .values(
                    status="sending",
                    lease_until=now + timedelta(seconds=lease_seconds),
                    claimed_by=worker,
                    attempts=OutboxMessage.attempts + 1,
                )
            )
        conn.commit()
    return ids


def send_due(worker: str | None = None) -> int:
    """One pass: deliver what is due now. Returns how many rows were claimed."""
    config = current_app.config
    worker = worker or worker_name()
    ids = claim(worker, config["OUTBOX_BATCH_SIZE"], config["OUTBOX_LEASE_SECONDS"])
    if not ids:
        return 0
    # populate_existing: the claim was written on another connection, past this session's identity map.
    query = sa.select(OutboxMessage).where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)
    rows = db.session.scalars(query.execution_options(populate_existing=True)).all()
    try:
        with open_transport(config) as transport:
            for row in rows:
                if row.claimed_by == worker and row.lease_until > utcnow():
                    _deliver(transport, row)
                    db.session.commit()
    except OSError as exc:  # smtplib's errors are OSErrors too: the server is unreachable or hung
        log.warning("outbox: mail server unavailable (%s); deferring the rest of the batch", type(exc).__name__)
        for row in rows:
            if row.status == "sending" and row.claimed_by == worker:
                _defer(row, type(exc).__name__)
        db.session.commit()
    return len(ids)


def _deliver(transport: Transport, row: OutboxMessage) -> None:
    try:
        message = build_message(row)
    except ValueError as exc:
        _bury(row, f"invalid message: {exc}")
        return
    pending = row.pending_recipients
    try:
        refused = transport.send(message, row.sender, pending)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients
    except smtplib.SMTPResponseException as exc:
        reason = f"{exc.smtp_code} {type(exc).__name__}"
        if is_temporary(exc.smtp_code):
            _defer(row, reason)
        else:
            _bury(row, reason)
        return
    row.delivered_to = row.delivered_to + [r for r in pending if r not in refused]
    row.refused = row.refused | {r: code for r, (code, _) in refused.items() if not is_temporary(code)}
    temporary = sorted({code for code, _ in refused.values() if is_temporary(code)})
    if temporary:
        _defer(row, f"{temporary[0]} for some recipients")
    elif row.delivered_to:
        row.status, row.sent_at, row.lease_until = "sent", utcnow(), None
        row.last_error = f"refused by {len(row.refused)} recipient(s)" if row.refused else None
        log.info("outbox %s sent as %s", row.id, row.message_id)
    else:
        _bury(row, f"{min(row.refused.values())} all recipients refused")


def _defer(row: OutboxMessage, reason: str) -> None:
    config = current_app.config
    if row.attempts >= config["OUTBOX_MAX_ATTEMPTS"]:
        _bury(row, f"{reason}; gave up after {row.attempts} attempts")
        return
    delay = retry_delay(row.attempts, config["OUTBOX_BACKOFF_BASE_SECONDS"], config["OUTBOX_BACKOFF_MAX_SECONDS"])
    row.status, row.lease_until, row.claimed_by = "pending", None, None
    row.next_attempt_at = utcnow() + timedelta(seconds=delay)
    row.last_error = reason[:200]
    log.info("outbox %s deferred %.0f s after attempt %d: %s", row.id, delay, row.attempts, reason)


def _bury(row: OutboxMessage, reason: str) -> None:
    row.status, row.lease_until, row.claimed_by, row.last_error = "dead", None, None, reason[:200]
    log.warning("outbox %s dead-lettered: %s", row.id, reason)


def run(stop: threading.Event) -> None:
    """Deliver until `stop` is set, sleeping between passes that found nothing to do."""
    poll = current_app.config["OUTBOX_POLL_SECONDS"]
    worker = worker_name()
    while not stop.is_set():
        try:
            busy = send_due(worker)
        except SQLAlchemyError:
            # A database restart should not end the worker; leased rows come back after the lease.
            log.exception("outbox: database error")
            db.session.rollback()
            busy = 0
        if not busy:
            stop.wait(poll)
