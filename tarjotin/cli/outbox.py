"""`outbox work|send-due|dead|retry`: delivering queued e-mail."""
import signal
import threading

import click
from flask.cli import AppGroup

from tarjotin.db import utcnow
from tarjotin.extensions import db
from tarjotin.outbox import worker
from tarjotin.outbox.service import dead_letters, retry as retry_dead_letter

command = AppGroup("outbox", help="Deliver queued e-mail.")


@command.command("send-due")
def send_due() -> None:
    """Deliver what is due now, once (for cron)."""
    total = 0
    while claimed := worker.send_due():
        total += claimed
    click.echo(f"handled {total} message(s)")


@command.command("work")
def work() -> None:
    """Deliver continuously until SIGTERM or Ctrl-C; several workers may run at once."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        worker.run(stop)
    except KeyboardInterrupt:
        pass


@command.command("dead")
def dead() -> None:
    """List dead letters (no addresses or content)."""
    for row in dead_letters():
        click.echo(f"{row.id}\t{row.created_at:%Y-%m-%d %H:%M}\t{row.kind}\t{row.attempts}\t{row.last_error}")


@command.command("retry")
@click.argument("message_id", type=int)
def retry(message_id: int) -> None:
    """Queue dead letter MESSAGE_ID again."""
    if retry_dead_letter(message_id, utcnow()) is None:
        raise click.ClickException(f"no dead letter {message_id}")
    db.session.commit()
    click.echo(f"queued {message_id} again")
