"""The suite's fixtures live in plugin modules (tests/fixtures/), loaded here, not in conftests to import."""
pytest_plugins = [
    "tests.fixtures.database",
    "tests.fixtures.app",
    "tests.fixtures.people",
    "tests.fixtures.search",
    "tests.fixtures.contact",
    "tests.fixtures.referrals",
    "tests.fixtures.participation",
    "tests.fixtures.outbox",
]
