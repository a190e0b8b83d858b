"""With --strict-skips (CI sets it), a skipped test fails the run unless tests/allowed_skips.txt
names it: CI installs and starts everything the suite needs, so a skip there means a test that
proved nothing, and a green run must not hide it."""
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

ALLOWED = Path(__file__).with_name("allowed_skips.txt")


def pytest_addoption(parser):
    parser.addoption("--strict-skips", action="store_true",
                     help="fail the run when a test is skipped that tests/allowed_skips.txt does not name")


def pytest_configure(config):
    # Under xdist the workers' reports reach the controller, which alone decides the exit status.
    if config.getoption("--strict-skips") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(SkipGuard(_allowed_patterns()), "skip-guard")


def _allowed_patterns() -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in ALLOWED.read_text().splitlines())
    return [line for line in lines if line]


class SkipGuard:
    def __init__(self, allowed: list[str]):
        self.allowed = allowed
        self.unexpected: list[tuple[str, str]] = []

    def pytest_runtest_logreport(self, report):
        if not report.skipped or hasattr(report, "wasxfail"):
            return
        if not any(fnmatchcase(report.nodeid, pattern) for pattern in self.allowed):
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            self.unexpected.append((report.nodeid, reason))

    def pytest_terminal_summary(self, terminalreporter):
        if self.unexpected:
            terminalreporter.section("skips not allowed in tests/allowed_skips.txt", red=True)
            for nodeid, reason in self.unexpected:
                terminalreporter.line(f"{nodeid}: {reason}")

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session):
        if self.unexpected and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
