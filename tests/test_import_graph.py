"""The packages' dependencies point one way (ARCHITECTURE.md, "Shape"): read from the source, so a
new import that turns one around fails here rather than in a review."""
import ast
from pathlib import Path

import tarjotin

PACKAGE = Path(tarjotin.__file__).parent
DOMAINS = {"directory", "search", "geo", "contact", "referrals", "participation", "accounts", "manage", "outbox",
           "api", "hsds", "cli"}


def _imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return {name.split(".")[1] for name in names if name.startswith("tarjotin.")}


def _graph() -> dict[str, set[str]]:
    """Domain package -> the other domain packages its modules import."""
    graph: dict[str, set[str]] = {domain: set() for domain in DOMAINS}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        domain = parts[0]
        if domain in DOMAINS:
            graph[domain] |= (_imported(path) & DOMAINS) - {domain}
    return graph


def test_the_core_directory_imports_neither_search_nor_participation():
    assert not _graph()["directory"] & {"search", "participation"}


def test_no_domain_imports_the_outer_layers():
    """api, manage and cli use domain services; no domain uses them."""
    graph = _graph()
    assert {domain: graph[domain] & {"api", "manage", "cli"}
            for domain in DOMAINS - {"api", "manage", "cli"} if graph[domain] & {"api", "manage", "cli"}} == {}


def test_contact_is_a_leaf():
    assert [domain for domain, imports in _graph().items() if "contact" in imports and domain != "cli"] == []


def test_the_package_graph_has_no_cycle():
    graph = _graph()
    done: set[str] = set()

    def cycle_from(domain: str, path: tuple[str, ...]) -> tuple[str, ...] | None:
        if domain in path:
            return path[path.index(domain):] + (domain,)
        if domain in done:
            return None
        for other in sorted(graph[domain]):
            if found := cycle_from(other, path + (domain,)):
                return found
        done.add(domain)
        return None

    assert [found for domain in sorted(graph) if (found := cycle_from(domain, ()))] == []
