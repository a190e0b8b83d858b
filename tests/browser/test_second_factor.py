"""The second factor in a real browser, at phone width: a new admin is held at enrolment after the
password, scans (reads) the key, gets recovery codes, and signs in again with a code. axe (WCAG 2.1
A and AA) checks the enrolment, recovery-code and code pages in fi, sv and en."""
import re
import time

import pyotp
import pytest

from tarjotin.accounts.services import create_user
from tarjotin.extensions import db
from tests.browser.audit import axe_report, failures_text, PHONE, SCREENS
from tests.factories import PASSWORD

SUBMIT = "main form button[type=submit] >> nth=0"


@pytest.fixture(scope="module")
def admins(live_app) -> list[str]:
    live_app.config["PASSWORD_HASH_PROFILE"] = "CHEAPEST"
    with live_app.app_context():
        emails = [f"paakayttaja.{lang}@example.org" for lang in ("fi", "sv", "en")]
        for email in emails:
            create_user(email, "Pää Käyttäjä", "admin", PASSWORD)
        db.session.commit()
    return emails


def _password_step(page, email: str, lang: str) -> None:
    page.goto(f"/kirjaudu?lang={lang}")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click(SUBMIT)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_enrolment_and_code_pages_at_phone_width(browser, base_url, admins, axe, lang):
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    page, failures = context.new_page(), {}
    email = next(e for e in admins if e.endswith(f".{lang}@example.org"))
    _password_step(page, email, lang)
    page.goto(f"/hallinta/?lang={lang}")
    assert page.url.endswith("/tili/kaksivaiheinen"), page.url  # nothing else until enrolled
    assert page.locator("main svg").is_visible()
    if report := axe_report(page, axe):
        failures["enrol"] = report
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"second-factor-enrol-{lang}-phone.png"), full_page=True)
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    with page.expect_navigation():
        page.click(SUBMIT)
    codes = page.locator("ul.recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[0-9a-f]{5}-[0-9a-f]{5}", c) for c in codes)
    if report := axe_report(page, axe):
        failures["recovery-codes"] = report
    page.screenshot(path=str(SCREENS / f"second-factor-codes-{lang}-phone.png"), full_page=True)
    context.clear_cookies()
    _password_step(page, email, lang)
    assert "/kirjaudu/koodi" in page.url
    if report := axe_report(page, axe):
        failures["code"] = report
    page.screenshot(path=str(SCREENS / f"second-factor-code-{lang}-phone.png"), full_page=True)
    page.fill("#code", pyotp.TOTP(secret).at(time.time() + 30))  # the enrolment used this step's code
    with page.expect_navigation():
        page.click(SUBMIT)
    assert page.url.endswith("/hallinta/"), page.url
    context.close()
    assert not failures, failures_text(failures)
