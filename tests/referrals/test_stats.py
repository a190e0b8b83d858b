"""Statistics: small cells suppressed, acceptance rate and median time to first contact, scope by role."""
from datetime import datetime, timedelta, timezone

from tarjotin.referrals import stats
from tarjotin.referrals.machine import ORGANISATION, transition
from tests.fixtures.referrals import send_referral
from tests.fixtures.web import login_as

SENT = datetime(2026, 10, 5, 9, 0, tzinfo=timezone.utc)


def _history(db, world):
    """Six to Kuopion Mieli ry (five accepted, contacted after 1..5 days; one declined), two to the other."""
    for day in range(1, 6):
        referral = send_referral(world, world.near, when=SENT)
        for to in ("opened", "accepted"):
            transition(referral, to, ORGANISATION, "link", SENT)
        transition(referral, "contacted", ORGANISATION, "link", SENT + timedelta(days=day))
    declined = send_referral(world, world.full, when=SENT)
    transition(declined, "opened", ORGANISATION, "link", SENT)
    transition(declined, "declined", ORGANISATION, "link", SENT, "no_capacity")
    for _ in range(2):
        send_referral(world, world.picked, when=SENT)
    db.session.commit()


def _table(tables, dimension):
    return {row.label: row for row in next(t for t in tables if t.dimension == dimension).rows}


def test_counts_rates_and_medians_with_small_cells_suppressed(db, world):
    _history(db, world)
    total, tables = stats.tables(world.people.users["moderator"], "fi", "Europe/Helsinki")
    assert (total.count, total.accepted) == (8, 5)
    assert round(total.acceptance_rate, 3) == round(5 / 6, 3) and total.median_days_to_contact == 3.0
    organisations = _table(tables, "organisation")
    assert organisations["Kuopion Mieli ry"].count == 6 and organisations["Kuopion Mieli ry"].bar == 1.0
    small = organisations["Siilinjärven Kylä ry"]
    assert (small.count, small.accepted, small.acceptance_rate, small.bar) == (None, 0, None, 0.0)
    assert _table(tables, "pathway")["Muistisairaudet: Muistihuoli"].count == 8
    assert _table(tables, "theme")["Muisti"].count == 8
    assert _table(tables, "municipality")["Kuopio"].count == 8
    assert list(_table(tables, "month")) == ["2026-10"]


def test_advisors_see_only_their_own(db, world):
    _history(db, world)
    total, _ = stats.tables(world.advisor_b, "fi", "Europe/Helsinki")
    assert total.count == 0
    total, _ = stats.tables(world.advisor, "fi", "Europe/Helsinki")
    assert total.count == 8


def test_page_shows_suppressed_cells_and_the_chart_beside_its_table_and_csv_matches(client, db, world):
    _history(db, world)
    login_as(client, world.people.users["moderator"])
    page = client.get("/lahetteet/tilastot").get_data(as_text=True)
    assert "&lt;5" in page and '<svg width="160" height="14" aria-hidden="true"' in page and "<caption>" in page
    csv = client.get("/lahetteet/tilastot.csv")
    assert csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).splitlines()
    assert "organisation,Siilinjärven Kylä ry,<5,0,," in lines
    assert "organisation,Kuopion Mieli ry,6,5,0.83,3.0" in lines


def test_csv_keeps_a_formula_like_organisation_name_as_text():
    """Organisation names come from public registration; a spreadsheet must not run one."""
    from datetime import datetime, timezone

    from tarjotin.referrals.stats import Row, Table, to_csv

    total = Row("", 6, 5, 0.83, 3.0, 1.0)
    table = Table("organization", [Row("=HYPERLINK(\"x\")", 6, 5, 0.83, 3.0, 1.0)])
    text = to_csv(total, [table], datetime(2026, 11, 1, tzinfo=timezone.utc))
    assert "organization,\"'=HYPERLINK(\"\"x\"\")\",6,5,0.83,3.0" in text
