"""Structured logs: a request id on every response and every record of the request, text or JSON
lines, an access line per request, and no personal data from forms or query strings."""
import io
import json
import logging
import re

import pytest

from tarjotin import logs
from tests.fixtures.contact import form_data

NAME, EMAIL, PHONE = "Ilmari Lokitestinen", "ilmari.lokitestinen@example.net", "044 987 6543"


@pytest.fixture
def output(app, monkeypatch) -> io.StringIO:
    """What the app's log handler writes, whichever stream it was given."""
    buffer = io.StringIO()
    monkeypatch.setattr(logs.root_handler(), "stream", buffer)
    return buffer


def _json_lines(output: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in output.getvalue().splitlines()]


def test_each_response_has_a_request_id_and_a_safe_incoming_one_is_kept(client):
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    assert client.get("/healthz").headers["X-Request-ID"] != generated
    assert client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.91"}).headers["X-Request-ID"] == "lb-7f3a.91"
    for unsafe in ("x" * 65, "a b", 'a"}{"level": "CRITICAL', "ä"):
        echoed = client.get("/healthz", headers={"X-Request-ID": unsafe}).headers["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", echoed)


def test_records_of_a_request_carry_its_id(client, offering, output):
    page = client.get(f"/palvelut/{offering.id}/yhteydenotto").get_data(as_text=True)
    response = client.post(f"/palvelut/{offering.id}/yhteydenotto", data=form_data(page, website="http://spam"),
                           headers={"X-Request-ID": "proxy-1234"})
    lines = [line for line in output.getvalue().splitlines() if "[proxy-1234]" in line]
    assert response.headers["X-Request-ID"] == "proxy-1234"
    assert any("honeypot field filled" in line for line in lines)  # logged by the view
    assert any("tarjotin.access" in line and "POST /palvelut/<service_id>/yhteydenotto 302" in line for line in lines)
    logging.getLogger("tarjotin").info("outside any request")
    assert output.getvalue().splitlines()[-1].endswith("[-] outside any request")


@pytest.mark.parametrize("app_config", [{"LOG_FORMAT": "json"}])
def test_json_lines_have_one_shape(client, output):
    response = client.get("/palvelut/ei-ole?q=secret", headers={"X-Request-ID": "abc"})
    assert response.status_code == 404
    [access] = [entry for entry in _json_lines(output) if entry["logger"] == "tarjotin.access"]
    assert set(access) == {"time", "level", "logger", "message", "request_id", "method", "route", "endpoint",
                           "status", "duration_ms"}
    assert access["request_id"] == "abc" and access["level"] == "INFO"
    assert access["method"] == "GET" and access["route"] == "/palvelut/<service_id>" and access["status"] == 404
    assert access["endpoint"] == "directory.show_service" and access["duration_ms"] >= 0
    assert access["time"].endswith("+00:00")
    assert "ei-ole" not in access["message"] and "secret" not in json.dumps(access)


@pytest.mark.parametrize("app_config", [{"LOG_FORMAT": "json"}, {"LOG_FORMAT": "text"}])
def test_no_personal_data_in_the_logs(app, client, db, offering, output, caplog):
    caplog.set_level(logging.DEBUG)
    path = f"/palvelut/{offering.id}/yhteydenotto"
    page = client.get(path).get_data(as_text=True)
    details = {"name": NAME, "email": EMAIL, "phone": PHONE, "message": f"Soita {PHONE}", "service_ids": [offering.id]}
    assert client.post(f"{path}?email={EMAIL}", data=form_data(page, **details)).status_code == 302
    assert client.post(path, data=form_data(page, **details, consent="")).status_code == 200  # invalid: shown again
    client.get(f"/haku?q={NAME}&near={EMAIL}")
    client.get("/api/v1/services", query_string={"search": NAME})
    written = output.getvalue() + caplog.text + "".join(repr(vars(record)) for record in caplog.records)
    assert written.count("tarjotin.access") >= 4
    for secret in (NAME, EMAIL, PHONE, "Ilmari", "lokitestinen", "987 6543"):
        assert secret.lower() not in written.lower()
