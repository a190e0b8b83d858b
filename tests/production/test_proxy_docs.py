"""The nginx example in docs/production.md keeps tokens and query strings out of the proxy's access log."""
import re
from pathlib import Path

DOC = (Path(__file__).resolve().parents[2] / "docs" / "production.md").read_text(encoding="utf-8")
NGINX = "\n".join(re.findall(r"```nginx\n(.*?)```", DOC, re.S))
# Variables that carry the query string, the raw request line or another page's URL.
LEAKY = ("$request ", "$request\"", "$request'", "$request_uri", "$args", "$query_string", "$http_referer", "$arg_")


def _log_formats() -> dict[str, str]:
    return {name: body for name, body in re.findall(r"log_format\s+(\w+)\s+(.*?);", NGINX, re.S)}


def test_item12_the_log_format_has_no_query_string_token_or_referer():
    formats = _log_formats()
    assert formats, "the example defines its own log_format"
    for name, body in formats.items():
        assert not [v for v in LEAKY if v in body], name
    servers = NGINX.count("server {")
    logs = re.findall(r"access_log\s+(\S+)(?:\s+(\w+))?;", NGINX)
    assert len(logs) == servers and all(path == "off" or fmt in formats for path, fmt in logs)


def test_item12_every_token_path_of_the_app_is_masked(app):
    (pattern, replacement), = re.findall(r'map \$uri \$tarjotin_log_path \{\s*"~(.*?)" "(.*?)";', NGINX)
    rules = [rule.rule for rule in app.url_map.iter_rules() if "token" in rule.arguments]
    assert len(rules) >= 6
    for rule in rules:
        path = rule.replace("<token>", "eyJ1IjoiYWJjIn0.Zz9aQw.c2lnbmF0dXJl")
        match = re.match(pattern.replace("(?<link>", "(?P<link>"), path)
        assert match, rule
        masked = replacement.replace("${link}", match.group("link"))
        assert "eyJ1" not in masked and masked.endswith("[token]"), rule
