"""The second factor: enrolment with a QR code, the code step at sign-in, recovery codes, limits."""
import re
from datetime import timedelta

import pyotp
import pytest

from tarjotin.accounts import second_factor
from tarjotin.accounts.models import User
from tarjotin.db import utcnow
from tarjotin.outbox.models import OutboxMessage
from tests.fixtures.people import totp_code
from tests.fixtures.web import csrf_token, login_as, token_for
from tests.factories import PASSWORD, UserFactory

SECRET_ON_PAGE = re.compile(r'<code class="secret" lang="en">([A-Z2-7 ]+)</code>')
RECOVERY_CODES = re.compile(r"<li><code>([0-9a-f]{5}-[0-9a-f]{5})</code></li>")


def _password_step(client, email: str):
    return client.post("/kirjaudu", data={"csrf_token": token_for(client), "email": email, "password": PASSWORD})


def _post(client, path: str, **data):
    """The token from the page the form is on: the code step's own, or the account page's."""
    page = "/kirjaudu/koodi" if path.startswith("/kirjaudu/") else "/tili/"
    return client.post(path, data={"csrf_token": token_for(client, page), **data})


def _enrol(client) -> tuple[str, list[str]]:
    """Through the enrolment page: the secret as the page shows it, then the recovery codes."""
    page = client.get("/tili/kaksivaiheinen").get_data(as_text=True)
    secret = SECRET_ON_PAGE.search(page).group(1).replace(" ", "")
    answer = client.post("/tili/kaksivaiheinen", data={"csrf_token": csrf_token(page), "code": pyotp.TOTP(secret).now()})
    assert answer.status_code == 200
    return secret, RECOVERY_CODES.findall(answer.get_data(as_text=True))


def test_a_role_that_sees_client_data_reaches_nothing_before_enrolling(client, db, people):
    advisor = UserFactory(email="uusi.ohjaaja@example.org", role="advisor")
    db.session.commit()
    assert _password_step(client, advisor.email).status_code == 302
    for path in ("/hallinta/", "/lahetteet/", "/tili/", "/tili/salasana", "/"):
        assert client.get(path).location == "/tili/kaksivaiheinen", path
    page = client.get("/tili/kaksivaiheinen").get_data(as_text=True)
    assert "<svg" in page and SECRET_ON_PAGE.search(page)
    assert 'class="manage-nav"' not in page  # the tools are hidden until the step is done
    wrong = client.post("/tili/kaksivaiheinen", data={"csrf_token": csrf_token(page), "code": "000000"})
    assert wrong.status_code == 422 and not db.session.get(User, advisor.id).has_second_factor
    secret, codes = _enrol(client)
    assert len(codes) == len(set(codes)) == second_factor.RECOVERY_CODE_COUNT
    assert client.get("/hallinta/").status_code == 200
    user = db.session.get(User, advisor.id)
    assert user.has_second_factor and secret not in user.totp_secret
    assert all(code.replace("-", "") not in row.code_hash for code, row in zip(codes, user.recovery_codes))
    assert db.session.query(OutboxMessage).filter_by(kind="accounts/second_factor_added").one().recipients == [advisor.email]


def test_the_enrolment_secret_stays_while_the_page_is_reloaded(client, db, people):
    editor = people.users["editor_a"]
    login_as(client, editor)
    first = SECRET_ON_PAGE.search(client.get("/tili/kaksivaiheinen").get_data(as_text=True)).group(1)
    assert SECRET_ON_PAGE.search(client.get("/tili/kaksivaiheinen").get_data(as_text=True)).group(1) == first


def test_sign_in_asks_for_the_code_and_a_code_works_once(app, db, people):
    first, second = app.test_client(), app.test_client()
    step = _password_step(first, "moderator@example.org")
    assert step.location.startswith("/kirjaudu/koodi")
    assert first.get("/hallinta/moderointi/").location == "/kirjaudu/koodi"
    assert _post(first, "/kirjaudu/koodi", code="123456").status_code == 401
    code = totp_code(people.users["moderator"])
    assert _post(first, "/kirjaudu/koodi", code=code).status_code == 302
    assert first.get("/hallinta/moderointi/").status_code == 200
    _password_step(second, "moderator@example.org")
    assert _post(second, "/kirjaudu/koodi", code=code).status_code == 401  # the same code again


def test_a_code_of_the_previous_step_counts_but_not_an_older_one(db, people):
    moderator = people.users["moderator"]
    now = utcnow()
    with pytest.raises(second_factor.WrongCode):
        second_factor.verify(moderator, totp_code(moderator, now - timedelta(seconds=90)), now)
    second_factor.verify(moderator, totp_code(moderator, now - timedelta(seconds=30)), now)


def test_a_recovery_code_signs_in_once_and_new_codes_replace_the_old(app, db, people):
    client = app.test_client()
    login_as(client, people.users["editor_a"])
    _, codes = _enrol(client)
    for attempt, expected in ((codes[0].upper(), 302), (codes[0], 401)):
        other = app.test_client()
        _password_step(other, "a@example.org")
        assert _post(other, "/kirjaudu/koodi", code=attempt).status_code == expected
    new_codes = RECOVERY_CODES.findall(_post(client, "/tili/varakoodit").get_data(as_text=True))
    assert len(new_codes) == second_factor.RECOVERY_CODE_COUNT and not set(new_codes) & set(codes)
    other = app.test_client()
    _password_step(other, "a@example.org")
    assert _post(other, "/kirjaudu/koodi", code=codes[1]).status_code == 401
    assert _post(other, "/kirjaudu/koodi", code=new_codes[1]).status_code == 302


def test_the_code_step_is_limited_per_account_from_any_address(app, db, people):
    app.config["SECOND_FACTOR_RATE_LIMIT"] = "3 per minute"
    codes = []
    for n in range(4):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"192.0.2.{n + 1}"
        _password_step(client, "advisor@example.org")
        codes.append(_post(client, "/kirjaudu/koodi", code="000000").status_code)
    assert codes == [401, 401, 401, 429]


def test_the_secret_is_encrypted_with_a_key_from_secret_key(app, db, people):
    moderator = people.users["moderator"]
    secret = second_factor.stored_secret(moderator)
    assert secret and secret not in moderator.totp_secret
    app.config["SECRET_KEY"] = "rotated"
    assert second_factor.stored_secret(moderator) is None
    with pytest.raises(second_factor.WrongCode):
        second_factor.verify(moderator, pyotp.TOTP(secret).now(), utcnow())


def test_an_editor_may_switch_it_off_with_the_password_but_an_admin_may_not(app, db, people):
    editor, admin = app.test_client(), app.test_client()
    login_as(editor, people.users["editor_a"])
    _enrol(editor)
    assert _post(editor, "/tili/kaksivaiheinen/poista", current="väärä").status_code == 422
    assert _post(editor, "/tili/kaksivaiheinen/poista", current=PASSWORD).location == "/tili/?disabled=1"
    assert not db.session.get(User, people.users["editor_a"].id).has_second_factor
    assert editor.get("/hallinta/").status_code == 200  # this session goes on
    assert db.session.query(OutboxMessage).filter_by(kind="accounts/second_factor_removed").count() == 1
    login_as(admin, people.users["admin"])
    assert "/tili/kaksivaiheinen/poista" not in admin.get("/tili/").get_data(as_text=True)
    assert _post(admin, "/tili/kaksivaiheinen/poista", current=PASSWORD).status_code == 403


def test_an_admin_command_removes_a_lost_second_factor(runner, db, people):
    result = runner.invoke(args=["users", "reset-second-factor", "--email", "Advisor@example.org"])
    assert result.exit_code == 0, result.output
    assert not db.session.get(User, people.users["advisor"].id).has_second_factor
    assert db.session.query(OutboxMessage).filter_by(kind="accounts/second_factor_removed").count() == 1
    assert runner.invoke(args=["users", "reset-second-factor", "--email", "a@example.org"]).exit_code == 1
