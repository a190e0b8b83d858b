from tests.accounts.people import people, test_settings  # noqa: F401 - fixtures
