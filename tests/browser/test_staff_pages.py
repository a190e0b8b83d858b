"""The pages behind a sign-in, and the participation pages, in a real browser: axe (WCAG 2.1 A and AA) in fi, sv
and en, then four walk-throughs with screenshots at phone and desktop width. Everyone signs in through the
real login form, one browser context per person for the whole module."""
import re
import time
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tarjotin.accounts.models import Membership
from tarjotin.accounts.services import create_user, find_user
from tarjotin.directory.models import Organization, Service
from tarjotin.extensions import db
from tarjotin.manage import changes
from tarjotin.manage.models import ChangeSet
from tarjotin.outbox.models import OutboxMessage
from tarjotin.participation.models import ExpertProfile, ExpertRequest, OpenCall
from tarjotin.referrals.seed import seed_pathways
from tests.browser.audit import DESKTOP, PHONE, SCREENS, axe_report, failures_text
from tests.fixtures.people import enrol_second_factor, totp_code
from tests.factories import PASSWORD

ROLES = ("editor", "moderator", "advisor", "staff", "expert")


@pytest.fixture(scope="module")
def world(live_app, sample) -> dict[str, str]:
    """One person per role, the editor's pending change for the moderator, a published expert and an open call."""
    live_app.config["PASSWORD_HASH_PROFILE"] = "CHEAPEST"
    with live_app.app_context():
        organization = db.session.get(Organization, sample["organization"])
        users = {role: create_user(f"{role}@example.org", f"Testi {role}", role, PASSWORD) for role in ROLES}
        users["editor"].memberships = [Membership(organization=organization)]
        for user in users.values():
            if user.sees_client_data:
                enrol_second_factor(user)
        seed_pathways()
        db.session.flush()
        changes.submit(users["editor"], organization, "organization", organization,
                       {"description": "Uusi kuvaus: tapaamme nyt myös etänä."})
        expert = ExpertProfile(user=users["expert"], display_name="Sari", experience="Elin masennuksen kanssa.",
                               work_kinds=["lecture", "peer_reception"], languages=["fi", "sv"], status="published",
                               email="expert@example.org", consent_text="Suostun.")
        call = OpenCall(organiser=users["staff"], kind="panel", title="Asiakasraati: terveysasemat",
                        who_sought="Terveysasemien asiakkaita", involves="Neljä iltaa vuodessa", fee="50 €",
                        closes_on=date.today() + timedelta(days=14), retention_days=30)
        db.session.add_all([expert, call])
        db.session.commit()
        service = db.session.get(Service, sample["service"])
        return {**sample, "location": service.locations[0].id, "city": service.locations[0].city,
                "change": db.session.scalar(sa.select(ChangeSet.id).where(ChangeSet.status == "pending")),
                "expert": expert.id, "call": call.id}


@pytest.fixture(scope="module")
def signed_in(browser, base_url, world, live_app):
    """A page per role, signed in through the login form and, for the roles that need one, the
    second factor's code; anonymous is a resident."""
    contexts, pages = [], {}
    for role in (*ROLES, "resident"):
        context = browser.new_context(base_url=base_url)
        contexts.append(context)
        page = pages[role] = context.new_page()
        if role != "resident":
            page.goto("/kirjaudu?lang=fi")
            page.fill("#email", f"{role}@example.org")
            page.fill("#password", PASSWORD)
            page.click("main form button[type=submit]")
            page.wait_for_load_state()
            if "/kirjaudu/koodi" in page.url:
                with live_app.app_context():
                    page.fill("#code", totp_code(find_user(f"{role}@example.org")))
                page.click("main form button[type=submit]")
                page.wait_for_load_state()
            assert "/kirjaudu" not in page.url, role
    yield pages
    for context in contexts:
        context.close()


def _submit(page, selector: str = "main form[method=post] button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)


# The advisor's three steps, each from the page the one before left open.
def _find(page, city: str) -> None:
    page.select_option("#step", index=1)
    page.fill("#need", "yksinäisyys")
    page.fill("#place", city)
    _submit(page, "main form[method=get] button[type=submit]")


def _pick(page) -> None:
    page.check("#pick-1")
    _submit(page)


def _send(page) -> None:
    page.fill("#name", "Testi Asiakas")
    page.fill("#phone", "040 123 4567")
    page.check("#consent")
    _submit(page, "button[name=send]")
    assert "/lahetteet/lahete/" in page.url


def _staff_pages(world: dict):
    """(name, role, how to get there): a path, or a function that leaves the page in the state to check."""
    def offering_with_errors(page):
        page.goto(f"/hallinta/palvelut/{world['service']}")
        page.fill("#minimum_age", "200")
        _submit(page)
        assert page.locator("#error-summary").count()

    def call_with_errors(page):
        _submit(page)
        assert page.locator("#error-summary").count()

    return [
        ("dashboard", "editor", "/hallinta/"),
        ("account", "moderator", "/tili/"),  # with the second factor on
        ("account-no-second-factor", "editor", "/tili/"),
        ("change-password", "editor", "/tili/salasana"),
        ("organisation-form", "editor", f"/hallinta/jarjestot/{world['organization']}/muokkaa"),
        ("offering-form-errors", "editor", offering_with_errors),
        ("place-form", "editor", f"/hallinta/toimipaikat/{world['location']}"),
        ("moderation-queue", "moderator", "/hallinta/moderointi/"),
        ("moderation-diff", "moderator", f"/hallinta/moderointi/muutokset/{world['change']}"),
        ("referral-find", "advisor", "/lahetteet/uusi"),
        ("referral-suggestions", "advisor", lambda page: _find(page, world["city"])),
        ("referral-client", "advisor", _pick),
        ("referral-slip", "advisor", _send),
        ("participation-index", "resident", "/osallistu/"),
        ("call", "resident", f"/osallistu/kutsut/{world['call']}"),
        ("call-with-errors", "resident", call_with_errors),
        ("idea-form", "resident", "/osallistu/ideat/uusi"),
        ("expert-profile-form", "expert", "/osallistu/kokemusasiantuntija/profiili"),
        ("expert-search", "staff", "/osallistu/hallinta/asiantuntijat"),
    ]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_staff_and_participation_pages_have_no_wcag_violations(signed_in, world, axe, lang):
    for page in signed_in.values():
        page.goto(f"/saavutettavuus?lang={lang}")  # remembered in a cookie, so the forms' own posts keep it
    failures = {}
    for name, role, how in _staff_pages(world):
        page = signed_in[role]
        if callable(how):
            how(page)
        else:
            assert page.goto(how).status == 200, name
        assert page.locator("html").get_attribute("lang") == lang, name
        if report := axe_report(page, axe):
            failures[name] = report
    assert not failures, failures_text(failures)


def _shoot(page, name: str) -> None:
    """The page at phone and desktop width, whole and as the first screen."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENS / f"staff-{name}-{size_name}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_editor_changes_an_offering_and_a_moderator_approves_it(signed_in, world, live_app):
    editor, moderator = signed_in["editor"], signed_in["moderator"]
    editor.goto("/hallinta/?lang=fi")
    _shoot(editor, "a1-dashboard")
    editor.click("main li a >> nth=0")
    _shoot(editor, "a2-organisation")
    editor.click(f"a[href$='/hallinta/palvelut/{world['service']}']")
    editor.fill("#name", "Keskusteluryhmä torstaisin")
    _shoot(editor, "a3-offering-form")
    _submit(editor)
    _shoot(editor, "a4-saved")
    moderator.goto("/hallinta/moderointi/?lang=fi")
    _shoot(moderator, "a5-queue")
    with live_app.app_context():
        change = db.session.scalar(sa.select(ChangeSet.id).where(
            ChangeSet.status == "pending", ChangeSet.target_id == world["service"]))
    moderator.click(f"a[href$='/muutokset/{change}']")
    _shoot(moderator, "a6-diff")
    _submit(moderator, "button[name=approve]")
    _shoot(moderator, "a7-approved")
    with live_app.app_context():
        assert db.session.get(Service, world["service"]).name == "Keskusteluryhmä torstaisin"


def test_advisor_sends_a_referral_in_few_screens_and_clicks(signed_in, world):
    page = signed_in["advisor"]
    seconds = []

    def screen(name, action):
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
        _shoot(page, name)  # off the clock

    screen("b1-find", lambda: page.goto("/lahetteet/uusi?lang=fi"))
    screen("b2-suggestions", lambda: _find(page, world["city"]))  # clicks: the step, the search button
    screen("b3-client", lambda: _pick(page))  # the offering, the continue button
    screen("b4-slip", lambda: _send(page))  # the consent, the send button
    print(f"\nadvisor walk-through: {len(seconds)} screens, 6 clicks, 4 typed fields, {sum(seconds):.2f} s "
          f"({', '.join(f'{s:.2f}' for s in seconds)})")


def test_staff_finds_an_expert_who_accepts_through_the_link(signed_in, world, live_app):
    staff, expert = signed_in["staff"], signed_in["expert"]
    staff.goto("/osallistu/hallinta/asiantuntijat?lang=fi")
    staff.select_option("#work_kind", "lecture")
    _submit(staff, "main form.filters button[type=submit]")
    _shoot(staff, "c1-search")
    staff.click("main h2 a:has-text('Sari')")
    staff.check("#work_kind-0")
    staff.fill("#purpose", "Luento opiskelijoille masennuksesta.")
    staff.fill("#period", "Toukokuu")
    staff.check("#format-0")
    staff.fill("#fee", "Yhteinen palkkio")
    _shoot(staff, "c2-request-form")
    _submit(staff)
    _shoot(staff, "c3-sent")
    with live_app.app_context():
        mail = db.session.scalars(sa.select(OutboxMessage).where(
            OutboxMessage.kind == "participation/expert_request")).all()[-1]
        link = re.search(r"https?://[^/\s]+(/\S+)", mail.body_text).group(1)
    expert.goto(link)
    _shoot(expert, "c4-answer")
    _submit(expert, "button[name=accept]")
    _shoot(expert, "c5-accepted")
    with live_app.app_context():
        assert db.session.scalars(sa.select(ExpertRequest.status)).all()[-1] == "accepted"


def test_resident_signs_up_to_an_open_call(signed_in, world):
    page = signed_in["resident"]
    page.goto("/osallistu/?lang=fi")
    _shoot(page, "d1-index")
    page.click("main h3 a:has-text('Asiakasraati')")
    page.fill("#name", "Maija Meikäläinen")
    page.fill("#email", "maija@example.org")
    page.check("#consent")
    _shoot(page, "d2-call")
    _submit(page)
    assert "/osallistu/kiitos" in page.url
    _shoot(page, "d3-thanks")
