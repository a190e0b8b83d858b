"""What the browser tests check and keep: WCAG 2.1 A/AA with axe, on a phone and a desktop screen."""
from pathlib import Path

SCREENS = Path("/tmp/screens")
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def axe_report(page, axe) -> str | None:
    """The WCAG 2.1 A/AA violations on the page as it is now, with what <details> hide opened too."""
    page.locator("details").evaluate_all("els => els.forEach(e => e.open = true)")
    results = axe.run(page, options=WCAG)
    return results.generate_report() if results.violations_count else None


def failures_text(failures: dict[str, str]) -> str:
    return "\n".join(f"{name}:\n{report}" for name, report in failures.items())
