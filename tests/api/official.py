"""The official HSDS 3.0 schemas (tests/hsds_official/), resolved locally: every `$ref` names a
raw.githubusercontent.com URL, which is served from the copy here and never fetched."""
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

OFFICIAL = Path(__file__).parents[1] / "hsds_official"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = BASE + "openapi.json"


@cache
def contents(name: str) -> dict:
    """An official file by its path under schema/: 'service.json', 'compiled/service_list.json'."""
    # README: the large compiled files are the plain ones with every $ref written out.
    path = OFFICIAL / name if (OFFICIAL / name).exists() else OFFICIAL / name.removeprefix("compiled/")
    return json.loads(path.read_text())


@cache
def registry() -> Registry:
    plain = [p.name for p in OFFICIAL.glob("*.json")]
    compiled = {p.name for p in (OFFICIAL / "compiled").glob("*.json")} | set(plain)
    names = plain + ["compiled/" + name for name in sorted(compiled)]
    return Registry().with_resources(
        (BASE + name, Resource.from_contents(contents(name), default_specification=DRAFT202012)) for name in names
    )


def errors(instance, ref: str) -> list[str]:
    """What makes `instance` invalid against the schema at `ref` (a URL, with a fragment if need be)."""
    validator = Draft202012Validator({"$ref": ref}, registry=registry(),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def answer_schema(path: str) -> str:
    """The official document's schema for a 200 answer of `path` (e.g. '/services/{id}')."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return f"{OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
