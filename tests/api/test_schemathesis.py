"""schemathesis, in-process against the WSGI app: every operation of the document, valid and
invalid input, no server error and every answer as the document says.

The cases come from the document the code builds (tarjotin.api.openapi); test_served_document
checks that the app serves that same document.
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tarjotin.api.openapi import document

BASE_URL = "http://localhost/api/v1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
schema = schemathesis.openapi.from_dict(document(BASE_URL))


@pytest.fixture
def api(app, corpus_ids):
    app.config["API_RATE_LIMIT"] = "100000 per minute"  # the fuzzer is one client making a few thousand calls
    return app


def test_served_document(client):
    assert client.get("/api/v1/openapi.json").get_json() == document(BASE_URL)


# Function-scoped fixtures are fine here: the corpus is only read, and each example is one GET.
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(api, case):
    case.call_and_validate(app=api, checks=CHECKS)
