"""The set-up commands `make run` relies on are safe to run again."""
import sqlalchemy as sa

from tarjotin.directory.models import Organization
from tests.factories import OrganizationFactory


def _organizations(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Organization))


def test_seed_if_empty_fills_an_empty_database_and_indexes_it(db, runner):
    result = runner.invoke(args=["seed", "demo", "--organizations", "12", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert _organizations(db) == 12
    assert "Indexed" in result.output
    status = runner.invoke(args=["search", "status"])
    assert status.exit_code == 0, status.output


def test_seed_if_empty_leaves_existing_data_alone(db, runner):
    OrganizationFactory(name="Oma yhdistys ry")
    db.session.commit()
    result = runner.invoke(args=["seed", "demo", "--organizations", "12", "--if-empty"])
    assert result.exit_code == 0 and "no demo data added" in result.output
    assert _organizations(db) == 1


def test_rebuild_if_missing_builds_once(db, runner):
    first = runner.invoke(args=["search", "rebuild", "--if-missing"])
    assert first.exit_code == 0 and "Indexed" in first.output
    second = runner.invoke(args=["search", "rebuild", "--if-missing"])
    assert second.exit_code == 0 and "not rebuilt" in second.output
