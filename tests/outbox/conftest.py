import pytest

from tests.outbox.smtp import SMTPServer, free_port


@pytest.fixture
def smtp(app):
    """A stopped server; the test starts it. The app is pointed at its port with short timeouts."""
    server = SMTPServer(free_port())
    app.config.update(
        MAIL_TRANSPORT="smtp",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=server.port,
        MAIL_TIMEOUT_SECONDS=0.5,
        OUTBOX_BACKOFF_BASE_SECONDS=0.01,
        OUTBOX_BACKOFF_MAX_SECONDS=0.01,
    )
    yield server
    server.stop()
