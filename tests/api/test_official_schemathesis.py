"""schemathesis over the GET operations of the official HSDS 3.0 API description (not our own
document): no server error, every 200 valid against the official schemas, and any other answer one
of our two documented choices, a 400 naming the parameter or a 404 for an unknown id."""
from urllib.parse import urljoin

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.api.official import BASE, OPENAPI, contents

BASE_URL = "http://localhost/api/v1"


def _inline(node, base: str, chain: tuple[str, ...] = ()):
    """The node with every $ref to an official file written out, so nothing is fetched."""
    if isinstance(node, list):
        return [_inline(item, base, chain) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if ref and not ref.startswith("#"):
        url = urljoin(base, ref)
        if url in chain:  # a schema nesting itself: anything is accepted below that depth
            return {}
        return _inline(contents(url.removeprefix(BASE)), url, (*chain, url))
    return {key: _inline(value, base, chain) for key, value in node.items()}


def _official_document() -> dict:
    document = _inline(contents("openapi.json"), OPENAPI)
    # The document names service.json for one service_at_location, a slip (see test_official_hsds.py).
    answer = document["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]
    answer["application/json"]["schema"] = _inline(contents("service_at_location.json"), BASE + "service_at_location.json")
    document["servers"] = [{"url": BASE_URL}]
    return document


schema = schemathesis.openapi.from_dict(_official_document())


def documented_choice(ctx, response, case):
    """A 200, a 400 naming one of the parameters sent, or a 404 for an id; nothing else."""
    if case.method.upper() != "GET":
        # schemathesis also probes methods the API lacks: OPTIONS is the CORS preflight, the rest are 405.
        assert response.status_code == (200 if case.method.upper() == "OPTIONS" else 405), case.method
        return None
    if response.status_code == 200:
        return None
    body = response.json()
    if response.status_code == 400:
        sent = set(case.query or {}) | {"path"}
        assert body["error"] == "invalid_parameter" and body["field"] in sent, body
    elif response.status_code == 404:
        assert "{id}" in case.path and body["error"] == "not_found", (case.path, body)
    else:
        raise AssertionError(f"{response.status_code} is not one of the answers we document (200, 400, 404)")
    return None


@pytest.fixture
def api(app, corpus_ids):
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    return app


@schema.include(method="GET").parametrize()
@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_the_official_description(api, case):
    case.call_and_validate(app=api, checks=[not_a_server_error, documented_choice, response_schema_conformance])
