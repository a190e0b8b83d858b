"""Every page type in a real browser: axe (WCAG 2.1 A and AA) in fi, sv and en, keyboard-only use,
no JavaScript, no third-party requests, and screenshots at phone and desktop width."""
import re
from urllib.parse import urlparse

import pytest

from tests.browser.audit import axe_report, DESKTOP, failures_text, PHONE, SCREENS


def _pages(sample: dict) -> dict[str, str]:
    return {
        "front": "/",
        "results": "/haku?q=liikunta&near=Kuopio&theme=exercise&free=1",
        "no-results": "/haku?q=zzxxqqvvkk&near=Kuopio&radius=5",
        "invalid-place": "/haku?q=ryhmä&near=Eipaikkaa",
        "offering": f"/palvelut/{sample['service']}",
        "crisis-offering": f"/palvelut/{sample['crisis']}",
        "organisation": f"/jarjestot/{sample['organization']}",
        "easy-read": "/selkokieli",
        "accessibility": "/saavutettavuus",
        "contact-form": f"/palvelut/{sample['service']}/yhteydenotto",
        "basket": "/tarjotin",
    }


def _violations(page, axe, paths: dict[str, str], lang: str) -> dict[str, str]:
    failures = {}
    for name, path in paths.items():
        response = page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
        assert response.status == 200, (name, response.status)
        if report := axe_report(page, axe):
            failures[name] = report
    return failures


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_page_type_has_no_wcag_violations(page, sample, axe, lang):
    failures = _violations(page, axe, _pages(sample), lang)
    assert not failures, failures_text(failures)


def test_keyboard_only_from_front_page_to_an_offering(page):
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    page.keyboard.type("vertaistuki")
    page.keyboard.press("Tab")  # the place field
    page.keyboard.type("Kuopio")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/haku\?"))
    for _ in range(80):
        page.keyboard.press("Tab")
        if "/palvelut/" in (page.evaluate("document.activeElement.getAttribute('href')") or ""):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/palvelut/"))
    assert page.locator("h1").is_visible()


def test_search_works_without_javascript(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.fill("#q", "ryhmä")
    page.fill("#near", "Kuopio")
    page.click("button.primary")
    assert "/haku?" in page.url and page.locator("ol.cards > li").count() > 0
    page.click("ol.cards h3 a >> nth=0")
    assert "/palvelut/" in page.url
    context.close()


def test_no_request_leaves_the_site(page, sample):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    for path in _pages(sample).values():
        page.goto(path)
    assert hosts == {"127.0.0.1"}


def test_quick_exit_link_and_escape_key(page, sample):
    page.route(re.compile(r"^https://www\.google\.com/"), lambda route: route.fulfill(body="neutral"))
    page.goto(f"/palvelut/{sample['crisis']}")
    if not page.locator("[data-quick-exit]").count():
        pytest.skip("the demo sample has no crisis or violence offering")
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.google.com/")


@pytest.mark.parametrize("size_name, size", [("phone", PHONE), ("desktop", DESKTOP)])
def test_screenshots(browser, base_url, sample, size_name, size):
    SCREENS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(base_url=base_url, viewport=size)
    page = context.new_page()
    for name in ("front", "results", "offering", "no-results", "crisis-offering"):
        response = page.goto(_pages(sample)[name])
        assert response.status == 200, name
        # A page wider than the screen scrolls sideways on a phone and hides its right edge.
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], name
        page.screenshot(path=str(SCREENS / f"{name}-{size_name}.png"), full_page=True)
        page.screenshot(path=str(SCREENS / f"{name}-{size_name}-first-screen.png"))
    context.close()
